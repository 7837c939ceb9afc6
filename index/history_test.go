package index

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract/changes"
)

// agreement writes a fake agreement (see fakeExtract) from its lines.
func agreement(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

var (
	lesrijkV1 = agreement("kind: verwerkersovereenkomst", "supplier: Lesrijk B.V.", "product: Rekenrijk",
		"sub: Wolkwerk Hosting B.V. | NL", "eea: false", "retention: P3M", "breach: 24", "date: 2022-03-01")
	// the same fields in another layout: different bytes, same record
	lesrijkV1Copy = agreement("kind: verwerkersovereenkomst", "", "supplier: LESRIJK BV", "product: Rekenrijk",
		"", "sub: Wolkwerk Hosting BV | NL", "eea: false", "retention: P13W", "breach: 24", "date: 2022-03-01")
	lesrijkV2 = agreement("kind: verwerkersovereenkomst", "supplier: Lesrijk B.V.", "product: Rekenrijk",
		"sub: Wolkwerk Hosting B.V. | NL", "sub: Postduif Mail Inc. | US", "eea: true", "retention: P6M", "breach: 24", "date: 2025-03-12")
	toetsveld = agreement("kind: verwerkersovereenkomst", "supplier: Toetsveld B.V.", "product: Toetsplein",
		"sub: Datadijk Ltd | IE", "date: 2023-01-01")
)

// changeKeys lists type and subject of each change.
func changeKeys(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, string(c.Type)+" "+c.Subject)
	}
	return out
}

func TestHistoryAndLines(t *testing.T) {
	drive := t.TempDir()
	ix := openWriter(t, filepath.Join(t.TempDir(), "idx"))

	writeFiles(t, drive, map[string]string{"lesrijk.txt": lesrijkV1, "toetsveld.txt": toetsveld})
	update(t, ix, UpdateOptions{}, drive)
	// the same agreement saved again in another layout, next to the first
	writeFiles(t, drive, map[string]string{"lesrijk-kopie.txt": lesrijkV1Copy})
	update(t, ix, UpdateOptions{}, drive)
	lines, cs, err := ix.Changes(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 0 {
		t.Errorf("same content in another layout: %v, want no change", changeKeys(cs))
	}
	if len(lines) != 2 || len(lines[0].Versions) != 2 {
		t.Fatalf("lines %+v, want Lesrijk's with two versions and Toetsveld's", lines)
	}

	// the agreement replaced in place by a new version
	writeFiles(t, drive, map[string]string{"lesrijk.txt": lesrijkV2})
	update(t, ix, UpdateOptions{}, drive)
	versions, err := ix.History()
	if err != nil {
		t.Fatal(err)
	}
	if len(versions) != 4 {
		t.Fatalf("%d versions, want 4 (every content seen)", len(versions))
	}
	lines, cs, err = ix.Changes(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"subprocessor_added Postduif Mail Inc.", "outside_eea_changed ", "retention_changed contract_end"}
	if got := changeKeys(cs); !slices.Equal(got, want) {
		t.Errorf("changes %v, want %v", got, want)
	}
	for _, c := range cs {
		if c.Type == changes.SubprocessorAdded {
			if !c.NonEEA || len(c.NewEvidence) == 0 || !strings.Contains(c.NewEvidence[0].Quote, "Postduif") {
				t.Errorf("%+v: want non-EEA with the new version's evidence", c)
			}
			if c.To.VersionDate != "2025-03-12" || !strings.HasSuffix(c.To.Path, "lesrijk.txt") {
				t.Errorf("to %+v, want the version of 2025-03-12 at lesrijk.txt", c.To)
			}
		}
	}
	if l := lines[0]; len(l.Versions) != 3 || l.Versions[2].VersionDate != "2025-03-12" {
		t.Errorf("Lesrijk's line %+v, want three versions, the newest last", l)
	}

	// a newer extractor reads the same files again: no new version
	err = ix.with(func(bi bleve.Index) error {
		m, err := loadManifest(bi)
		if err != nil {
			return err
		}
		for id, d := range m.Docs {
			d.Version = "0.0.0-old"
			m.Docs[id] = d
		}
		b, _ := json.Marshal(m)
		return bi.SetInternal(keyManifest, b)
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum := update(t, ix, UpdateOptions{}, drive); sum.Reread == 0 {
		t.Fatalf("%+v: want the files read again", sum)
	}
	if v, _ := ix.History(); len(v) != 4 {
		t.Errorf("after re-extraction: %d versions, want still 4", len(v))
	}
	// the old version is gone from the drive but not from the history
	writeFiles(t, drive, map[string]string{"lesrijk-kopie.txt": ""})
	update(t, ix, UpdateOptions{}, drive)
	if _, cs, _ := ix.Changes(nil); len(cs) != 3 {
		t.Errorf("after the copy was deleted: %v, want the same 3 changes", changeKeys(cs))
	}
}

// TestHistoryInherited checks that an index made before history was kept
// shows its documents as versions, and that its next update starts the
// history from them.
func TestHistoryInherited(t *testing.T) {
	drive := t.TempDir()
	ix := openWriter(t, filepath.Join(t.TempDir(), "idx"))
	writeFiles(t, drive, map[string]string{"lesrijk.txt": lesrijkV1})
	update(t, ix, UpdateOptions{}, drive)
	// as the previous release left it: no history keys
	err := ix.with(func(bi bleve.Index) error {
		b := bi.NewBatch()
		b.DeleteInternal(keyHistory)
		for _, sha := range []string{sha256Of(lesrijkV1)} {
			b.DeleteInternal(historyRecordKey(sha))
		}
		return bi.Batch(b)
	})
	if err != nil {
		t.Fatal(err)
	}
	v, err := ix.History()
	if err != nil || len(v) != 1 || !v[0].Inherited {
		t.Fatalf("History of an old index: %+v, %v; want its document, inherited", v, err)
	}
	writeFiles(t, drive, map[string]string{"lesrijk.txt": lesrijkV2})
	update(t, ix, UpdateOptions{}, drive)
	_, cs, err := ix.Changes(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := changeKeys(cs); len(got) != 3 {
		t.Errorf("after the upgrade: %v, want the 3 changes from the inherited version", got)
	}
}

func TestLinesGrouping(t *testing.T) {
	v := func(sha, supplier, kvk, kind, date string, products []string, paths ...string) Version {
		return Version{SHA256: sha, Supplier: supplier, SupplierKey: strings.ToLower(supplier), KvK: kvk, Kind: kind,
			VersionDate: date, Products: products, Paths: paths}
	}
	versions := []Version{
		v("a1", "Lesrijk", "12345678", "verwerkersovereenkomst", "2022-01-01", []string{"rekenrijk"}, "/d/a.pdf"),
		v("a2", "Lesrijk Educatief", "12345678", "verwerkersovereenkomst", "2024-01-01", []string{"rekenrijk"}, "/d/a2.pdf"),
		v("a0", "Lesrijk", "", "verwerkersovereenkomst", "2020-01-01", []string{"rekenrijk"}, "/d/old.docx"),
		v("b1", "Lesrijk", "12345678", "privacybijsluiter", "2022-01-01", []string{"rekenrijk"}, "/d/b.pdf"),
		v("c1", "Lesrijk", "12345678", "verwerkersovereenkomst", "2022-01-01", []string{"sommenstad"}, "/d/c.pdf"),
		v("c2", "Lesrijk", "12345678", "verwerkersovereenkomst", "2023-01-01", []string{"sommenstad", "topografix"}, "/d/c.pdf"),
		v("d1", "Anders", "87654321", "verwerkersovereenkomst", "2022-01-01", []string{"rekenrijk"}, "/d/d.pdf"),
		v("x1", "", "", "other", "", nil, "/d/notes.txt"),
	}
	got := map[string][]string{}
	for _, l := range Lines(versions, nil) {
		for _, v := range l.Versions {
			got[l.ID] = append(got[l.ID], v.SHA256)
		}
	}
	want := map[string][]string{
		"kvk12345678/verwerkersovereenkomst/rekenrijk":  {"a0", "a1", "a2"}, // KvK, or the name where one lacks it; by date
		"kvk12345678/privacybijsluiter/rekenrijk":       {"b1"},             // another kind
		"kvk12345678/verwerkersovereenkomst/sommenstad": {"c1", "c2"},       // replaced in place, products changed
		"kvk87654321/verwerkersovereenkomst/rekenrijk":  {"d1"},             // another supplier
	}
	if len(got) != len(want) {
		t.Errorf("lines %v, want %v", got, want)
	}
	for id, w := range want {
		if !slices.Equal(got[id], w) {
			t.Errorf("line %s: %v, want %v (all: %v)", id, got[id], w, got)
		}
	}
	// an override moves a file to a line of its own
	over := Lines(versions, LineOverrides{"/d/old.docx": "apart"})
	for _, l := range over {
		if l.ID == "apart" && (len(l.Versions) != 1 || l.Versions[0].SHA256 != "a0") {
			t.Errorf("override: %+v", l)
		}
	}
}

func sha256Of(s string) string {
	f, _ := os.CreateTemp("", "sha")
	defer os.Remove(f.Name())
	f.WriteString(s)
	f.Close()
	sha, _ := corpus.HashFile(f.Name())
	return sha
}

// TestPackRecord checks that a version's record is stored compressed and
// that a record stored as plain JSON (by an index written before) reads
// as it is.
func TestPackRecord(t *testing.T) {
	for _, data := range []string{`{}`, `{"kind":"verwerkersovereenkomst","products":["Rekenrace","Rekenrace","Rekenrace"]}`} {
		packed := packRecord([]byte(data))
		if packed[0] != snappyRecord {
			t.Errorf("%s: packed without the snappy mark", data)
		}
		for _, stored := range [][]byte{packed, []byte(data)} {
			got, err := unpackRecord(stored)
			if err != nil || string(got) != data {
				t.Errorf("unpack(%q) = %q, %v; want %s", stored, got, err, data)
			}
		}
	}
	if _, err := unpackRecord([]byte{snappyRecord, 0xff, 0xff}); err == nil {
		t.Error("a damaged record unpacked without error")
	}
}
