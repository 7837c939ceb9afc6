package html

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/corpus/internal/fuzzseed"
)

func TestText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"paragraphs", `<html><head><title>Titel</title><style>p{}</style></head><body><h1>Verwerkersovereenkomst</h1><p>Leerlab   B.V.
			verwerkt <b>persoons</b>gegevens.</p><p>Artikel 2</p></body></html>`,
			"Verwerkersovereenkomst\nLeerlab B.V. verwerkt persoonsgegevens.\nArtikel 2\n"},
		{"invisible", `<body><script>var x = "geheim";</script><noscript>zet JS aan</noscript><p hidden>weg</p><div style="display: none">weg</div><span style="visibility:hidden">weg</span><template><p>weg</p></template><p>zichtbaar</p></body>`,
			"zichtbaar\n"},
		{"line breaks", `<p>Naam<br>Leerlab<br/>Utrecht</p><hr><div>na</div>`, "Naam\nLeerlab\nUtrecht\nna\n"},
		{"table", `<p>voor</p><table><caption>Subverwerkers</caption><thead><tr><th>Naam</th><th>Land</th></tr></thead><tbody><tr><td>Cloud <i>B.V.</i></td><td><p>Ierland</p><p>(EER)</p></td></tr><tr><td></td><td></td></tr></tbody></table><p>na</p>`,
			"voor\n\nSubverwerkers\nNaam | Land\nCloud B.V. | Ierland (EER)\n\nna\n"},
		{"ordered lists", `<ol type="a"><li>eerste</li><li>tweede</li></ol><ol start="3"><li>drie</li><li value="7">zeven</li><li>acht</li></ol><ol type="I"><li>een</li></ol>`,
			"a. eerste\nb. tweede\n3. drie\n7. zeven\n8. acht\nI. een\n"},
		{"unordered and nested", `<ul><li>schoolnaam<ul><li>BRIN</li></ul></li><li>adres</li></ul>`, "- schoolnaam\n- BRIN\n- adres\n"},
		{"checkboxes", `<p><input type="checkbox" checked> Ja <input type="checkbox"> Nee</p>`, "☒ Ja ☐ Nee\n"},
		{"pre", `<pre>a  b
c</pre>`, "a  b\nc\n"},
		{"entities", `<p>Caf&eacute; &ldquo;x&rdquo; &amp; co&nbsp;B.V.</p>`, "Café “x” & co\u00a0B.V.\n"},
		{"no markup", `gewoon tekst`, "gewoon tekst\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Text(context.Background(), tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("Text =\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

func TestTextErrors(t *testing.T) {
	deep := strings.Repeat("<div>", 600) + "x"
	if _, err := Text(context.Background(), deep); !errors.Is(err, ErrParse) {
		t.Errorf("deep nesting: error %v, want ErrParse", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Text(ctx, strings.Repeat("<p>x</p>", 5000)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: error %v, want context.Canceled", err)
	}
}

func TestLabel(t *testing.T) {
	tests := []struct {
		n     int
		style string
		want  string
	}{
		{1, "", "1."}, {2, "a", "b."}, {28, "A", "AB."}, {4, "i", "iv."}, {9, "I", "IX."}, {0, "a", "0."},
	}
	for _, tc := range tests {
		if got := Label(tc.n, tc.style); got != tc.want {
			t.Errorf("Label(%d, %q) = %q, want %q", tc.n, tc.style, got, tc.want)
		}
	}
}

// FuzzText checks that no input makes Text panic and that valid UTF-8 in
// gives valid UTF-8 out, ending in one line end.
func FuzzText(f *testing.F) {
	f.Add(`<table><tr><td><ol><li>x</ol></td></tr></table>`)
	f.Add(`<pre><br><script>y</script></pre>`)
	f.Add(`<ul><li value="-5">a<table><caption>c`)
	fuzzseed.AddString(f, 128<<10, "html/*")
	f.Fuzz(func(t *testing.T, src string) {
		got, err := Text(context.Background(), src)
		if err != nil {
			return
		}
		if utf8.ValidString(src) && !utf8.ValidString(got) {
			t.Errorf("invalid UTF-8 out: %q", got)
		}
		if !strings.HasSuffix(got, "\n") || strings.HasSuffix(got, "\n\n") {
			t.Errorf("output does not end in exactly one line end: %q", got)
		}
	})
}

// BenchmarkText reads an HTML page of about 1 MB with paragraphs, lists
// and tables.
func BenchmarkText(b *testing.B) {
	var src strings.Builder
	src.WriteString("<!DOCTYPE html><html><head><style>p{}</style></head><body>")
	for range 1500 {
		src.WriteString("<h2>Artikel 1</h2><p>De Verwerker verwerkt de <b>persoonsgegevens</b> uitsluitend in opdracht.</p>")
		src.WriteString("<ol type=\"a\"><li>naam</li><li>e-mailadres</li></ol><table><tr><td>Cloud B.V.</td><td>Ierland</td></tr></table>")
	}
	s := src.String()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if _, err := Text(context.Background(), s); err != nil {
			b.Fatal(err)
		}
	}
}
