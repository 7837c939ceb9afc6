package normalize

import "testing"

func TestSplitLegalForm(t *testing.T) {
	tests := []struct{ in, base, form string }{
		{"Oefenweb.nl B.V.", "Oefenweb.nl", "B.V."},
		{"Heutink Primair Onderwijs BV", "Heutink Primair Onderwijs", "B.V."},
		{"WisMon v.o.f.", "WisMon", "v.o.f."},
		{"Sowmedia Rotterdam B.V", "Sowmedia Rotterdam", "B.V."},
		{"Microsoft Ireland Operations Limited", "Microsoft Ireland Operations", "Ltd"},
		{"Amazon Web Services, Inc.", "Amazon Web Services", "Inc."},
		{"Hetzner Online GmbH", "Hetzner Online", "GmbH"},
		{"Rabobank N.V.", "Rabobank", "N.V."},
		{"Leerlab", "Leerlab", ""},
		{"BVBA", "BVBA", ""},
		{"Stichting Kennisnet", "Stichting Kennisnet", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			base, form := SplitLegalForm(tc.in)
			if base != tc.base || form != tc.form {
				t.Errorf("SplitLegalForm(%q) = %q, %q; want %q, %q", tc.in, base, form, tc.base, tc.form)
			}
		})
	}
}

func TestLegalFormAt(t *testing.T) {
	tests := []struct {
		in   string
		end  int
		form string
	}{
		{"Oefenweb.nl B.V., gevestigd", 16, "B.V."},
		{"WisMon v.o.f., KvK-nummer", 13, "v.o.f."},
		{"Acme BV gevestigd", 7, "B.V."},
		{"Zorg & Co Ltd. (hierna", 14, "Ltd"},
		{"de BVs van de groep", -1, ""},
		{"geen rechtsvorm", -1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			end, form := LegalFormAt(tc.in)
			if end != tc.end || form != tc.form {
				t.Errorf("LegalFormAt(%q) = %d, %q; want %d, %q", tc.in, end, form, tc.end, tc.form)
			}
		})
	}
}

func TestSpeltOutLegalForm(t *testing.T) {
	tests := []struct {
		in    string
		start int
		form  string
	}{
		{"De besloten vennootschap Oefenweb.nl B.V.", 3, "B.V."},
		{"de naamloze vennootschap X", 3, "N.V."},
		{"de vennootschap onder firma Y", 3, "v.o.f."},
		{"De leverancier WisMon", -1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			start, _, form := SpeltOutLegalForm(tc.in)
			if start != tc.start || form != tc.form {
				t.Errorf("SpeltOutLegalForm(%q) = %d, %q; want %d, %q", tc.in, start, form, tc.start, tc.form)
			}
		})
	}
}

func TestLegalFormAtCase(t *testing.T) {
	for _, in := range []string{"zo as gezegd", "ab initio", "se"} {
		if end, form := LegalFormAt(in); end != -1 {
			t.Errorf("LegalFormAt(%q) = %d, %q; want none", in, end, form)
		}
	}
}
