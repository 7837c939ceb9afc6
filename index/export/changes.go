package export

import (
	"strings"

	"github.com/dpa-nl/dpa/index"
)

// ChangeNote is what the document exports say of an agreement's history:
// its last change (the newest change event at or before its version) and
// the version that change was made since.
type ChangeNote struct {
	// Last is the date of the version that brought the last change and
	// what changed ("2025-03-12: subprocessor_added Postduif Mail Inc.
	// (US); retention_changed contract_end").
	Last string
	// Since is the date of the version before that change.
	Since string
}

// maxNoteEvents bounds the events a Last note names; the rest are counted.
const maxNoteEvents = 5

// ChangeNotes returns a ChangeNote per content SHA-256 for every version
// of the index that has a change at or before it in its agreement line.
func ChangeNotes(ix *index.Index) (map[string]ChangeNote, error) {
	lines, cs, err := ix.Changes(nil)
	if err != nil {
		return nil, err
	}
	// events per (line, to-version)
	type step struct{ line, to string }
	byStep := map[step][]index.Change{}
	for _, c := range cs {
		k := step{c.Line, c.To.SHA256}
		byStep[k] = append(byStep[k], c)
	}
	notes := map[string]ChangeNote{}
	for _, l := range lines {
		var last ChangeNote
		for _, v := range l.Versions {
			if evs := byStep[step{l.ID, v.SHA256}]; len(evs) > 0 {
				last = ChangeNote{Last: versionDate(evs[0].To) + ": " + eventList(evs), Since: versionDate(evs[0].From)}
			}
			if last.Last != "" {
				notes[v.SHA256] = last
			}
		}
	}
	return notes, nil
}

func versionDate(v index.VersionRef) string {
	if v.VersionDate != "" {
		return v.VersionDate
	}
	return v.FirstSeen.Format("2006-01-02")
}

func eventList(evs []index.Change) string {
	var parts []string
	for i, e := range evs {
		if i == maxNoteEvents {
			parts = append(parts, "…")
			break
		}
		s := string(e.Type)
		if e.Subject != "" {
			s += " " + e.Subject
		}
		if e.Country != "" {
			s += " (" + e.Country + ")"
		} else if e.NonEEA {
			s += " (buiten EER)"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}
