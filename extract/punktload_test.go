package extract

import (
	"reflect"
	"testing"

	punktlib "gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/data"
)

// TestPunktTrainingMatchesLibrary holds punktTraining to the library's
// LoadTraining on the embedded English model, and checks that the model
// takes the fast path (a change of its shape would quietly cost the
// speed).
func TestPunktTrainingMatchesLibrary(t *testing.T) {
	b, err := data.Asset("data/english.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := punktlib.LoadTraining(b)
	if err != nil {
		t.Fatal(err)
	}
	got, err := punktTraining(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("punktTraining differs from LoadTraining on the English model")
	}
	if len(got.OrthoContext) < 1000 || len(got.AbbrevTypes) == 0 || len(got.SentStarters) == 0 || len(got.Collocations) == 0 {
		t.Errorf("English model: %d, %d, %d, %d entries; want all four filled",
			len(got.OrthoContext), len(got.AbbrevTypes), len(got.SentStarters), len(got.Collocations))
	}
	if _, ok := decodePunktTraining(string(b)); !ok {
		t.Error("the English model does not take the fast decoder")
	}
}

// TestPunktTrainingShapes gives punktTraining and LoadTraining the same
// inputs, plain and odd: each must give what the other gives, error or
// Storage; fast says whether the plain decoder reads it itself.
func TestPunktTrainingShapes(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		fast     bool
	}{
		{"all four", `{"AbbrevTypes":{"dr":1,"mr":1},"Collocations":{"i ii":1},"SentStarters":{"but":1},"OrthoContext":{"the":34,"x":-2}}`, true},
		{"white space", " {\n \"OrthoContext\" : { \"a\" : 2 , \"b\":4 } ,\r\n\t\"AbbrevTypes\": {} } \n", true},
		{"empty", `{}`, true},
		{"repeated word", `{"OrthoContext":{"a":2,"a":4}}`, true},
		{"UTF-8 word", `{"OrthoContext":{"café":2}}`, true},
		{"colon and brace in a word", `{"OrthoContext":{"a:b":2,"c}":4,"d":8}}`, true},
		{"escape", `{"OrthoContext":{"a\"b":2,"\u00e9":4}}`, false},
		{"bad UTF-8", "{\"OrthoContext\":{\"a\xff\":2}}", false},
		{"other field", `{"Other":{"a":1},"OrthoContext":{"b":2}}`, false},
		{"field in other case", `{"orthocontext":{"b":2}}`, false},
		{"repeated field", `{"OrthoContext":{"a":2},"OrthoContext":{"b":4}}`, false},
		{"null set", `{"OrthoContext":null}`, false},
		{"fraction", `{"OrthoContext":{"a":2.5}}`, false},
		{"exponent", `{"OrthoContext":{"a":2e1}}`, false},
		{"leading zero", `{"OrthoContext":{"a":02}}`, false},
		{"string value", `{"OrthoContext":{"a":"2"}}`, false},
		{"huge number", `{"OrthoContext":{"a":123456789012345678901234567890}}`, false},
		{"trailing comma", `{"OrthoContext":{"a":2,}}`, false},
		{"unclosed", `{"OrthoContext":{"a":2}`, false},
		{"trailing text", `{"OrthoContext":{}} x`, false},
		{"not an object", `[]`, false},
		{"nothing", ``, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, wantErr := punktlib.LoadTraining([]byte(tc.in))
			got, gotErr := punktTraining([]byte(tc.in))
			if (gotErr != nil) != (wantErr != nil) {
				t.Fatalf("error %v, want %v", gotErr, wantErr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %+v, want %+v", got, want)
			}
			if _, ok := decodePunktTraining(tc.in); ok != tc.fast {
				t.Errorf("fast decoder took it: %v, want %v", ok, tc.fast)
			}
		})
	}
}

// BenchmarkPunktTraining is the cost of loading the Punkt model in a
// fresh process: the library's decode against punktTraining's.
func BenchmarkPunktTraining(b *testing.B) {
	raw, err := data.Asset("data/english.json")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("asset", func(b *testing.B) {
		for b.Loop() {
			if _, err := data.Asset("data/english.json"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("LoadTraining", func(b *testing.B) {
		for b.Loop() {
			if _, err := punktlib.LoadTraining(raw); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("punktTraining", func(b *testing.B) {
		for b.Loop() {
			if _, err := punktTraining(raw); err != nil {
				b.Fatal(err)
			}
		}
	})
}
