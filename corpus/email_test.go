package corpus_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/corpus/internal/modfile"
	"github.com/dpa-nl/dpa/extract"
)

// TestEmail reads the fixture message of testdata/email (written by
// Python's email package, see make.py): every attachment in a format dpa
// reads is a document of its own under the message's path, with the
// message as its provenance; a forwarded message's attachment is followed;
// the logo in the body is no document, and a damaged attachment is one
// clear error naming it.
func TestEmail(t *testing.T) {
	eml := filepath.Join("..", "testdata", "email", "vakwerkplaats.eml")
	files, errs := corpus.Discover([]string{eml})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, f := range files {
		got = append(got, strings.TrimPrefix(f.Path, eml))
	}
	want := []string{
		"#attachment/1/Verwerkersovereenkomst Vakwerkplaats – getekend.docx",
		"#attachment/2/bullets.pdf",
		"#attachment/3/logo-pakket.zip",
		"#attachment/4/Doorgestuurd.eml#attachment/1/leerlijn-verwerkersovereenkomst.rtf",
		"#attachment/4/Doorgestuurd.eml#body",
		"#body",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("documents in the message:\n got %q\nwant %q", got, want)
	}
	byName := map[string]corpus.File{}
	for _, f := range files {
		byName[filepath.Base(f.Path)] = f
	}

	docx := byName["Verwerkersovereenkomst Vakwerkplaats – getekend.docx"]
	doc, err := corpus.Open(context.Background(), docx, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Source.Path != docx.Path || doc.Source.Format != corpus.FormatDOCX {
		t.Errorf("source %s (%s), want %s (docx)", doc.Source.Path, doc.Source.Format, docx.Path)
	}
	e := doc.Source.Email
	if e == nil || e.File != eml || e.From != "Vakwerk Digitaal B.V. <contracten@vakwerkdigitaal.example>" ||
		e.Subject != "Getekende verwerkersovereenkomst – Vakwerkplaats" || e.Date.Year() != 2024 ||
		e.Attachment != "Verwerkersovereenkomst Vakwerkplaats – getekend.docx" {
		t.Errorf("provenance %+v", e)
	}
	// The attachment's record is the DOCX's own.
	own := open(t, filepath.Join("..", "testdata", "formats", "vakwerkplaats-model4.docx"))
	g, w := goldJSON(t, extract.Extract(doc)), goldJSON(t, extract.Extract(own))
	for _, f := range goldFields {
		if g[f] != w[f] {
			t.Errorf("%s:\n got %s\nwant %s (from the DOCX itself)", f, g[f], w[f])
		}
	}
	// Its hash is the attachment's, and ReadPart gives its bytes back.
	data, err := corpus.ReadPart(docx.Path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if docx.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("hash %s, want the attachment's %x", docx.SHA256, sum)
	}

	rtf := byName["leerlijn-verwerkersovereenkomst.rtf"]
	doc, err = corpus.Open(context.Background(), rtf, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Source.Email == nil || doc.Source.Email.Subject != "Verwerkersovereenkomst Leerlijn" || doc.Source.Email.File != eml {
		t.Errorf("forwarded attachment's provenance %+v", doc.Source.Email)
	}

	_, err = corpus.Open(context.Background(), byName["logo-pakket.zip"], corpus.Options{})
	if corpus.KindOf(err) != corpus.Damaged || !strings.Contains(err.Error(), "logo-pakket.zip") {
		t.Errorf("damaged attachment: %v", err)
	}

	body, err := corpus.Open(context.Background(), byName[filepath.Base(eml)+"#body"], corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := extract.Genre(body, extract.Extract(body)); ok {
		t.Errorf("a covering note is not agreement-like:\n%s", body.Text)
	}
}

// TestOutlookMessage reads a message saved by Outlook (the OLE library's
// test file, see corpus/mail): its Word attachment is a document with the
// message as provenance; its signature logo is none.
func TestOutlookMessage(t *testing.T) {
	data, err := os.ReadFile(modfile.Path(t, "github.com/richardlehane/mscfb", "test/test.msg"))
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	msg := filepath.Join(t.TempDir(), "Ingekomen.msg")
	if err := os.WriteFile(msg, data, 0o644); err != nil {
		t.Fatal(err)
	}
	files, errs := corpus.Discover([]string{msg})
	if len(errs) > 0 || len(files) != 2 || files[0].Path != msg+"#attachment/1/test.doc" || files[1].Path != msg+"#body" {
		t.Fatalf("documents %v, errors %v", files, errs)
	}
	doc, err := corpus.Open(context.Background(), files[0], corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if e := doc.Source.Email; doc.Source.Format != corpus.FormatDOC || e == nil || e.Subject != "test" || e.Attachment != "test.doc" || e.Date.Year() != 2013 {
		t.Errorf("source %+v, email %+v", doc.Source, doc.Source.Email)
	}
}
