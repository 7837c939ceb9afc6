package mail

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus/internal/modfile"
)

// outlookMessage is a message saved by Outlook (Exchange, 2013) that the
// OLE library ships as test data: no maintained program that writes .msg
// files can be installed here, so a real one is read where the module
// cache holds it.
func outlookMessage(t testing.TB) []byte {
	data, err := os.ReadFile(modfile.Path(t, "github.com/richardlehane/mscfb", "test/test.msg"))
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	return data
}

func TestParseMSG(t *testing.T) {
	m, err := ParseMSG(outlookMessage(t), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ what, got, want string }{
		{"from", m.From, "Lehane, Richard <Richard.Lehane@records.nsw.gov.au>"},
		{"subject", m.Subject, "test"},
		{"date", m.Date.Format("2006-01-02 15:04"), "2013-11-17 21:26"},
		{"attachments", names(m.Attachments), "test.doc|image001.gif"},
		{"attachment data", string(m.Attachments[0].Data[:8]), OLEMagic},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.what, c.got, c.want)
		}
	}
	if !strings.HasPrefix(string(m.Body), "Test") {
		t.Errorf("body %q", m.Body[:min(len(m.Body), 40)])
	}
}

func TestParseMSGErrors(t *testing.T) {
	data := outlookMessage(t)
	for _, tt := range []struct {
		name string
		data []byte
		want error
	}{
		{"not OLE", []byte("From: a@b\r\n\r\nx"), ErrNotMail},
		{"truncated", data[:4096], ErrDamaged},
	} {
		if _, err := ParseMSG(tt.data, Limits{}); !errors.Is(err, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.name, err, tt.want)
		}
	}
}

// FuzzParseMSG checks that no input makes ParseMSG panic.
func FuzzParseMSG(f *testing.F) {
	f.Add([]byte(OLEMagic + "__substg1.0___properties_version1.0"))
	if data, err := os.ReadFile(modfile.Path(f, "github.com/richardlehane/mscfb", "test/test.msg")); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseMSG(data, Limits{MaxParts: 20})
		if err == nil && m == nil {
			t.Fatal("nil message without error")
		}
	})
}
