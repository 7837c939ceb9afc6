package register

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/normalize"
)

// CorrectionsFile is the name of the corrections log in an index folder.
// The index never writes it: sync and re-extraction leave it alone.
const CorrectionsFile = "corrections.jsonl"

// Statuses are the officer's verdicts on an agreement.
var Statuses = []string{"te beoordelen", "akkoord", "afgewezen"}

// Correction is one entry of the corrections log: a corrected or
// confirmed value of an agreement's record, or a status and note for the
// agreement. The log only grows; it is the audit trail.
type Correction struct {
	// Seq numbers the entries from 1 in the order they were made.
	Seq int `json:"seq"`
	// Path is the file of the agreement (its record's source.path): the
	// agreement the entry is about, whatever later versions of it say.
	Path string `json:"path"`
	// Field is the record path corrected ("subprocessors[1].countries",
	// "processor.name"); "" for a status or note.
	Field string `json:"field,omitempty"`
	// Old is the extracted value (JSON) when the correction was made, New
	// the officer's value (JSON). A confirmation has New equal to Old.
	Old json.RawMessage `json:"old,omitempty"`
	New json.RawMessage `json:"new,omitempty"`
	// Quote is the evidence of the old value at the time, SHA256 the file
	// version corrected: a later version whose value or evidence differs
	// gets the correction flagged for a second look, not applied.
	Quote  string `json:"quote,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
	// Status and Note are the verdict on the agreement (Status one of
	// Statuses) and the officer's note.
	Status string `json:"status,omitempty"`
	Note   string `json:"note,omitempty"`
	// When and Who say when and by whom (the token's name, or the user
	// running dpa correct).
	When time.Time `json:"when"`
	Who  string    `json:"who"`
}

// Confirmed reports whether the entry confirms the extracted value.
func (c Correction) Confirmed() bool { return c.Field != "" && bytes.Equal(c.Old, c.New) }

// Store is the corrections log of one index folder.
type Store struct {
	path    string
	Entries []Correction
}

// OpenStore reads the corrections log of the index folder dir; a folder
// without one has an empty log.
func OpenStore(dir string) (*Store, error) {
	s := &Store{path: filepath.Join(dir, CorrectionsFile)}
	f, err := os.Open(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var c Correction
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", s.path, n, err)
		}
		s.Entries = append(s.Entries, c)
	}
	return s, sc.Err()
}

// ErrNoRecord is returned (wrapped) when a correction names a file the
// index does not hold.
var ErrNoRecord = errors.New("no such agreement in the index")

// Add checks a correction against the agreement's current record, fills
// in the old value, evidence and version, and appends it to the log. rec
// is the extracted record (without corrections).
func (s *Store) Add(c Correction, rec *extract.Record) (Correction, error) {
	if c.Who == "" {
		return c, errors.New("a correction needs a name for who made it")
	}
	if c.When.IsZero() {
		c.When = time.Now().UTC()
	}
	if rec == nil {
		return c, fmt.Errorf("%s: %w", c.Path, ErrNoRecord)
	}
	c.Path, c.SHA256 = rec.Source.Path, rec.Source.SHA256
	if c.Status != "" && !validStatus(c.Status) {
		return c, fmt.Errorf("status %q: want one of %s", c.Status, strings.Join(Statuses, ", "))
	}
	if c.Field != "" {
		m, err := asMap(rec)
		if err != nil {
			return c, err
		}
		old, err := get(m, c.Field)
		if err != nil {
			return c, err
		}
		if c.Old, err = json.Marshal(old); err != nil {
			return c, err
		}
		if len(c.New) == 0 {
			c.New = c.Old // a confirmation
		}
		if !json.Valid(c.New) {
			return c, fmt.Errorf("new value %s of %s is not JSON", c.New, c.Field)
		}
		c.Quote = quoteOf(rec, c.Field)
	} else if c.Status == "" && c.Note == "" {
		return c, errors.New("a correction needs a field and value, a status or a note")
	}
	c.Seq = len(s.Entries) + 1
	line, err := json.Marshal(c)
	if err != nil {
		return c, err
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return c, err
	}
	f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return c, err
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return c, err
	}
	if err := f.Close(); err != nil {
		return c, err
	}
	s.Entries = append(s.Entries, c)
	return c, nil
}

// Apply returns the item for rec with the log's corrections applied on a
// copy of rec (never on rec itself): the latest entry per field wins. A
// correction made on another version of the file whose old value or
// evidence no longer matches is not applied but listed in Doubtful.
func (s *Store) Apply(rec *extract.Record, failure string) Item {
	it := Item{Record: rec, Error: failure}
	latest := map[string]Correction{}
	var fields []string
	for _, c := range s.Entries {
		if !s.about(c, rec) {
			continue
		}
		if c.Status != "" {
			it.Status = c.Status
		}
		if c.Note != "" {
			it.Note = c.Note
		}
		if c.Field == "" {
			continue
		}
		if _, ok := latest[c.Field]; !ok {
			fields = append(fields, c.Field)
		}
		latest[c.Field] = c
	}
	if len(fields) == 0 {
		return it
	}
	m, err := asMap(rec)
	if err != nil {
		return it
	}
	for _, f := range fields {
		c := latest[f]
		cur, err := get(m, f)
		if err != nil {
			it.Doubtful = append(it.Doubtful, c)
			continue
		}
		curJSON, _ := json.Marshal(cur)
		if c.SHA256 != rec.Source.SHA256 && (!jsonEqual(curJSON, c.Old) || quoteOf(rec, f) != c.Quote) {
			it.Doubtful = append(it.Doubtful, c)
			continue
		}
		var v any
		if err := json.Unmarshal(c.New, &v); err != nil || set(m, f, v) != nil {
			it.Doubtful = append(it.Doubtful, c)
			continue
		}
		it.Corrections = append(it.Corrections, c)
	}
	if len(it.Corrections) > 0 {
		data, err := json.Marshal(m)
		if err == nil {
			var out extract.Record
			if json.Unmarshal(data, &out) == nil {
				out.Evidence = rec.Evidence
				for _, c := range it.Corrections {
					if strings.HasPrefix(c.Field, "subprocessors") || strings.HasPrefix(c.Field, "storage_locations") {
						recountOutsideEEA(&out)
						break
					}
				}
				it.Record = &out
			}
		}
	}
	return it
}

// recountOutsideEEA sets outside_eea, its countries and the transfers from
// the (corrected) sub-processors and storage locations, so that a corrected
// country shows in every column that depends on it.
func recountOutsideEEA(r *extract.Record) {
	seen := map[string]bool{}
	named := false
	add := func(c string) {
		if c == "" {
			return
		}
		named = true
		if !normalize.InEEA(c) {
			seen[c] = true
		}
	}
	for _, s := range r.Subprocessors {
		for _, c := range s.Countries {
			add(c)
		}
	}
	for _, l := range r.StorageLocations {
		add(l.Country)
	}
	r.OutsideEEACountries = []string{}
	for c := range seen {
		r.OutsideEEACountries = append(r.OutsideEEACountries, c)
	}
	sort.Strings(r.OutsideEEACountries)
	if named {
		outside := len(seen) > 0
		r.OutsideEEA = &outside
	}
	var ts []extract.Transfer
	for _, t := range r.Transfers {
		if seen[t.Country] {
			ts = append(ts, t)
		}
	}
	r.Transfers = ts
}

// Trail returns the entries about the file path, or all when path is "".
func (s *Store) Trail(path string) []Correction {
	var out []Correction
	for _, c := range s.Entries {
		if path == "" || c.Path == path {
			out = append(out, c)
		}
	}
	return out
}

// about reports whether entry c is about the agreement of rec.
func (s *Store) about(c Correction, rec *extract.Record) bool {
	if c.Path == rec.Source.Path {
		return true
	}
	for _, p := range rec.Source.Paths {
		if c.Path == p {
			return true
		}
	}
	return false
}

// CorrectedText says in Dutch what the officer changed or must look at
// again: "gecorrigeerd: subprocessors[1].countries; opnieuw bekijken:
// processor.name"; "" when nothing.
func CorrectedText(it Item) string {
	var parts []string
	if len(it.Corrections) > 0 {
		var fs []string
		for _, c := range it.Corrections {
			word := "gecorrigeerd"
			if c.Confirmed() {
				word = "bevestigd"
			}
			fs = append(fs, fmt.Sprintf("%s %s = %s (%s, %s)", word, c.Field, c.New, c.Who, c.When.Format("2006-01-02")))
		}
		parts = append(parts, strings.Join(fs, "; "))
	}
	if len(it.Doubtful) > 0 {
		var fs []string
		for _, c := range it.Doubtful {
			fs = append(fs, c.Field)
		}
		parts = append(parts, "opnieuw bekijken (nieuwe versie): "+strings.Join(fs, ", "))
	}
	return strings.Join(parts, "; ")
}

func validStatus(s string) bool {
	for _, v := range Statuses {
		if v == s {
			return true
		}
	}
	return false
}

// quoteOf is the evidence quote of the field at path (or of the nearest
// enclosing field that has evidence), "" without evidence.
func quoteOf(r *extract.Record, path string) string {
	for p := path; p != ""; {
		if evs := r.Evidence[p]; len(evs) > 0 {
			return evs[0].Quote
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return ""
}

func asMap(r *extract.Record) (map[string]any, error) {
	data, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	err = json.Unmarshal(data, &m)
	return m, err
}

func jsonEqual(a, b []byte) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	ja, _ := json.Marshal(x)
	jb, _ := json.Marshal(y)
	return bytes.Equal(ja, jb)
}

// pathPartRe is one step of a record path: a name, or an index in brackets.
var pathPartRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([a-z_]+)((?:\[\d+\])*)$`) })

// steps splits a record path ("subprocessors[1].countries") into names
// and indexes.
func steps(path string) ([]any, error) {
	var out []any
	for _, part := range strings.Split(path, ".") {
		m := pathPartRe().FindStringSubmatch(part)
		if m == nil || m[1] == "evidence" || m[1] == "source" {
			return nil, fmt.Errorf("field %q: want a record path such as processor.name or subprocessors[1].countries", path)
		}
		out = append(out, m[1])
		for _, ix := range strings.Split(strings.Trim(m[2], "[]"), "][") {
			if ix == "" {
				continue
			}
			n, _ := strconv.Atoi(ix)
			out = append(out, n)
		}
	}
	return out, nil
}

// get returns the value at path in m.
func get(m map[string]any, path string) (any, error) {
	st, err := steps(path)
	if err != nil {
		return nil, err
	}
	var v any = m
	for _, s := range st {
		switch k := s.(type) {
		case string:
			o, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("field %q: no %s", path, k)
			}
			if v, ok = o[k]; !ok {
				return nil, fmt.Errorf("field %q: the record has no %s", path, k)
			}
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil, fmt.Errorf("field %q: no item %d", path, k)
			}
			v = l[k]
		}
	}
	return v, nil
}

// set puts v at path in m; the path must exist.
func set(m map[string]any, path string, v any) error {
	st, err := steps(path)
	if err != nil {
		return err
	}
	var cur any = m
	for i, s := range st {
		last := i == len(st)-1
		switch k := s.(type) {
		case string:
			o, ok := cur.(map[string]any)
			if !ok {
				return fmt.Errorf("field %q: no %s", path, k)
			}
			if last {
				o[k] = v
				return nil
			}
			cur = o[k]
		case int:
			l, ok := cur.([]any)
			if !ok || k >= len(l) {
				return fmt.Errorf("field %q: no item %d", path, k)
			}
			if last {
				l[k] = v
				return nil
			}
			cur = l[k]
		}
	}
	return nil
}
