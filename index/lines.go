package index

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/extract/changes"
)

// Line is an agreement line: the versions of one agreement over time —
// the same supplier (the same KvK number, or the same legal name once
// folded), the same kind and the same product set. A file replaced in
// place continues its line even when its products change; a new file next
// to the old one continues it when it matches.
type Line struct {
	// ID names the line: supplier, kind and products as keys.
	ID string `json:"id"`
	// Supplier is the supplier's name as its latest version writes it.
	Supplier string `json:"supplier"`
	KvK      string `json:"kvk,omitempty"`
	Kind     string `json:"kind"`
	// Products are the product keys of its latest version.
	Products []string `json:"products,omitempty"`
	// Versions are ordered by version date (first sight where a version
	// has none), then first sight.
	Versions []Version `json:"versions"`
}

// LineOverrides maps a path to the line ID its versions belong to,
// whatever the grouping says.
type LineOverrides map[string]string

// Lines groups versions into agreement lines, ordered by supplier, kind
// and ID. Versions of the kind "other" (no agreement) form no line.
func Lines(versions []Version, overrides LineOverrides) []Line {
	var vs []Version
	for _, v := range versions {
		if v.Kind != "other" {
			vs = append(vs, v)
		}
	}
	parent := make([]int, len(vs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(i, j int) {
		if a, b := find(i), find(j); a != b {
			if b < a {
				a, b = b, a
			}
			parent[b] = a
		}
	}
	forced := make([]string, len(vs))
	for i, v := range vs {
		for _, p := range v.Paths {
			if id, ok := overrides[p]; ok {
				forced[i] = id
			}
		}
	}
	for i := range vs {
		for j := i + 1; j < len(vs); j++ {
			a, b := vs[i], vs[j]
			switch {
			case forced[i] != "" || forced[j] != "":
				if forced[i] == forced[j] {
					union(i, j)
				}
			case a.Kind != b.Kind || !sameSupplier(a, b):
			case slices.Equal(a.Products, b.Products) || sharesPath(a, b):
				union(i, j)
			}
		}
	}
	groups := map[int][]Version{}
	for i, v := range vs {
		r := find(i)
		groups[r] = append(groups[r], v)
	}
	var lines []Line
	for r, g := range groups {
		sortVersions(g)
		last := g[len(g)-1]
		l := Line{Supplier: last.Supplier, Kind: last.Kind, Products: last.Products, Versions: g}
		for _, v := range g {
			if v.KvK != "" {
				l.KvK = v.KvK
			}
		}
		l.ID = forced[r]
		if l.ID == "" {
			l.ID = lineID(vs[r])
		}
		lines = append(lines, l)
	}
	sort.Slice(lines, func(i, j int) bool {
		a, b := lines[i], lines[j]
		if a.Supplier != b.Supplier {
			return a.Supplier < b.Supplier
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.ID < b.ID
	})
	return lines
}

// sameSupplier reports whether two versions are of one supplier: the same
// KvK number where both have one, else the same folded name.
func sameSupplier(a, b Version) bool {
	if a.KvK != "" && b.KvK != "" {
		return a.KvK == b.KvK
	}
	return a.SupplierKey != "" && a.SupplierKey == b.SupplierKey
}

func sharesPath(a, b Version) bool {
	for _, p := range a.Paths {
		if _, ok := slices.BinarySearch(b.Paths, p); ok {
			return true
		}
	}
	return false
}

// lineID names a line after the version it grew from.
func lineID(v Version) string {
	who := v.SupplierKey
	if v.KvK != "" {
		who = "kvk" + v.KvK
	}
	if who == "" {
		who = "unknown-" + shortID(v.SHA256)
	}
	id := strings.ReplaceAll(who, " ", "-") + "/" + v.Kind
	if len(v.Products) > 0 {
		id += "/" + strings.ReplaceAll(strings.Join(v.Products, "+"), " ", "-")
	}
	return id
}

// sortVersions orders versions by version date (the date of first sight
// for a version without one), then first sight, then SHA-256.
func sortVersions(vs []Version) {
	date := func(v Version) string {
		if v.VersionDate != "" {
			return v.VersionDate
		}
		return v.FirstSeen.UTC().Format("2006-01-02")
	}
	sort.SliceStable(vs, func(i, j int) bool {
		a, b := vs[i], vs[j]
		if da, db := date(a), date(b); da != db {
			return da < db
		}
		if !a.FirstSeen.Equal(b.FirstSeen) {
			return a.FirstSeen.Before(b.FirstSeen)
		}
		return a.SHA256 < b.SHA256
	})
}

// VersionRef names one side of a change.
type VersionRef struct {
	SHA256      string    `json:"sha256"`
	Path        string    `json:"path"`
	VersionDate string    `json:"version_date,omitempty"`
	FirstSeen   time.Time `json:"first_seen"`
	// Inherited marks a version taken over from an index made before the
	// history was kept.
	Inherited bool `json:"inherited,omitempty"`
}

func refOf(v Version) VersionRef {
	r := VersionRef{SHA256: v.SHA256, VersionDate: v.VersionDate, FirstSeen: v.FirstSeen, Inherited: v.Inherited}
	if len(v.Paths) > 0 {
		r.Path = v.Paths[0]
	}
	return r
}

// Change is one change event between two consecutive versions of a line.
type Change struct {
	Line     string     `json:"line"`
	Supplier string     `json:"supplier"`
	Kind     string     `json:"kind"`
	From     VersionRef `json:"from"`
	To       VersionRef `json:"to"`
	changes.Event
}

// LineChanges diffs each version of l with the one before it; record
// returns a version's record.
func LineChanges(l Line, record func(sha256 string) (*extract.Record, error)) ([]Change, error) {
	var out []Change
	var prev *extract.Record
	for i, v := range l.Versions {
		rec, err := record(v.SHA256)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			for _, e := range changes.Diff(prev, rec) {
				out = append(out, Change{Line: l.ID, Supplier: l.Supplier, Kind: l.Kind,
					From: refOf(l.Versions[i-1]), To: refOf(v), Event: e})
			}
		}
		prev = rec
	}
	return out, nil
}

// Changes returns the agreement lines of the index, grouped as overrides
// says, and the change events between consecutive versions of each, in
// line order and, within a line, version order.
func (ix *Index) Changes(overrides LineOverrides) ([]Line, []Change, error) {
	var lines []Line
	var all []Change
	err := ix.view(func(bi bleve.Index) error {
		h, err := historyIn(bi)
		if err != nil {
			return err
		}
		lines = Lines(sortedVersions(h), overrides)
		r := newRecordReader(bi, h)
		defer r.close()
		record := r.record
		for _, l := range lines {
			if len(l.Versions) < 2 {
				continue
			}
			cs, err := LineChanges(l, record)
			if err != nil {
				return err
			}
			all = append(all, cs...)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", ix.dir, err)
	}
	return lines, all, nil
}
