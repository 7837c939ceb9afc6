package mail

import (
	"errors"
	"strings"
	"testing"
)

const simple = "From: =?iso-8859-1?q?J=F6rg_de_Vries?= <jorg@leverancier.example>\r\n" +
	"To: school@example.org\r\nSubject: =?utf-8?b?T3ZlcmVlbmtvbXN0IOKAkyBnZXRla2VuZA==?=\r\n" +
	"Date: Tue, 12 Mar 2024 10:00:00 +0100\r\nMIME-Version: 1.0\r\n" +
	"Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
	"--b1\r\nContent-Type: multipart/alternative; boundary=\"b2\"\r\n\r\n" +
	"--b2\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nZie bijlage, co=F6rdinator.\r\n" +
	"--b2\r\nContent-Type: text/html\r\n\r\n<p>Zie bijlage</p>\r\n--b2--\r\n" +
	"--b1\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=utf-8''Overeenkomst%20%E2%80%93%20v2.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0x\r\nLjQK\r\n" +
	"--b1\r\nContent-Type: image/png\r\nContent-Disposition: inline\r\nContent-ID: <logo>\r\n\r\nPNG\r\n" +
	"--b1\r\nContent-Type: application/octet-stream; name=\"=?utf-8?q?bijlage=5F2.docx?=\"\r\n\r\nPK\r\n" +
	"--b1\r\nContent-Type: message/rfc822\r\n\r\n" +
	"From: a@b.example\r\nSubject: doorgestuurd\r\nContent-Type: text/plain\r\n\r\nbinnenste tekst\r\n" +
	"--b1--\r\n"

func TestParse(t *testing.T) {
	m, err := Parse([]byte(simple), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ what, got, want string }{
		{"from", m.From, "Jörg de Vries <jorg@leverancier.example>"},
		{"subject", m.Subject, "Overeenkomst – getekend"},
		{"date", m.Date.Format("2006-01-02 15:04"), "2024-03-12 10:00"},
		{"body", string(m.Body), "Zie bijlage, coördinator."},
		{"attachments", names(m.Attachments), "Overeenkomst – v2.pdf|bijlage_2.docx|attachment-3.eml"},
		{"pdf", string(m.Attachments[0].Data), "%PDF-1.4\n"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.what, c.got, c.want)
		}
	}
	if in := m.Attachments[2].Message; in == nil || in.Subject != "doorgestuurd" || strings.TrimSpace(string(in.Body)) != "binnenste tekst" {
		t.Errorf("attached message: %+v", in)
	}
}

func names(as []Attachment) string {
	var s []string
	for _, a := range as {
		s = append(s, a.Name)
	}
	return strings.Join(s, "|")
}

func TestNestingIsBounded(t *testing.T) {
	msg := "From: a@b.example\r\nSubject: 0\r\nContent-Type: text/plain\r\n\r\nx\r\n"
	for i := 0; i < 10; i++ {
		msg = "From: a@b.example\r\nSubject: n\r\nContent-Type: multipart/mixed; boundary=\"z" + strings.Repeat("x", i) + "\"\r\n\r\n--z" + strings.Repeat("x", i) + "\r\nContent-Type: message/rfc822\r\n\r\n" + msg + "\r\n--z" + strings.Repeat("x", i) + "--\r\n"
	}
	m, err := Parse([]byte(msg), Limits{MaxDepth: 3})
	if err != nil {
		t.Fatal(err)
	}
	depth := 1
	for len(m.Attachments) > 0 && m.Attachments[0].Message != nil {
		m = m.Attachments[0].Message
		depth++
	}
	if depth != 3 || len(m.Warnings) == 0 {
		t.Errorf("followed %d messages deep (warnings %v), want 3 and a warning", depth, m.Warnings)
	}
}

func TestErrors(t *testing.T) {
	many := "From: a@b.example\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" + strings.Repeat("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n", 20) + "--b--\r\n"
	tests := []struct {
		name, data string
		lim        Limits
		want       error
	}{
		{"plain text", "Dit is gewoon tekst.\nOok: dit.\n", Limits{}, ErrNotMail},
		{"too many parts", many, Limits{MaxParts: 10}, ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse([]byte(tt.data), tt.lim); !errors.Is(err, tt.want) {
				t.Errorf("error %v, want %v", err, tt.want)
			}
		})
	}
}

func TestLooks(t *testing.T) {
	for s, want := range map[string]bool{
		"From: a@b\r\nTo: c@d\r\nSubject: x\r\n\r\nbody":   true,
		"MIME-Version: 1.0\nContent-Type: text/plain\n\nx": true,
		"Subject: x\nTo: y\n\n":                            false, // no sender
		"Artikel 1: Onderwerp\nArtikel 2: Duur\n":          false,
		"# Verwerkersovereenkomst\n":                       false,
	} {
		if got := Looks([]byte(s)); got != want {
			t.Errorf("Looks(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzParse checks that no input makes Parse panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte(simple))
	f.Add([]byte("From: a@b\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: message/rfc822\r\n\r\nFrom: c@d\r\nMIME-Version: 1.0\r\n\r\n--x--"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data, Limits{MaxParts: 50})
		if err == nil && m == nil {
			t.Fatal("nil message without error")
		}
	})
}
