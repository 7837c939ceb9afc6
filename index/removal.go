package index

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/dpa-nl/dpa/corpus"
)

// DefaultMaxRemoval is the share of the index's documents under the
// updated folders that one update may remove unless AllowMassRemoval is set.
const DefaultMaxRemoval = 0.20

// MassRemovalError stops an update that would empty the index, or much of
// it, at once: the mark of a drive that is not mounted, not readable or
// half copied, rather than of agreements deleted on purpose. Nothing was
// written; UpdateOptions.AllowMassRemoval lets the update go on.
type MassRemovalError struct {
	// Root is the folder that is empty or cannot be read; "" when the
	// update as a whole would remove too much.
	Root string
	// Reason says what is wrong, in words.
	Reason string
	// Paths are the files the update would have dropped from the index.
	Paths []string
	// Lost is the number of documents that would have left the index, of
	// Known documents it holds under the updated folders.
	Lost, Known int
}

// Error says what was found and that nothing changed.
func (e *MassRemovalError) Error() string {
	s := e.Reason
	if e.Root != "" {
		s = corpus.QuotePath(e.Root) + ": " + s
	}
	return s + "; nothing was changed"
}

// guardRoot returns a *MassRemovalError when err is a root that cannot be
// read: an update would otherwise go on as if its files had not changed.
func (u *Update) guardRoot(roots []string, err error) error {
	var fe *corpus.FileError
	if u.opts.AllowMassRemoval || !errors.As(err, &fe) || !slices.Contains(roots, fe.Path) {
		return nil
	}
	reason := fe.Kind.String()
	if fe.Err != nil {
		reason += ": " + fe.Err.Error()
	}
	return &MassRemovalError{Root: fe.Path, Reason: reason + " (is the drive mounted?)"}
}

// guardRemoval returns a *MassRemovalError when the planned update would
// remove every file under a root, or more than MaxRemoval of the documents
// under roots. It runs after planning, before anything is written.
func (u *Update) guardRemoval(roots, gone []string) error {
	if u.opts.AllowMassRemoval || u.opts.KeepMissing {
		return nil
	}
	// Documents under roots before the update, and those that would be left.
	known := map[string]bool{}
	for p, e := range u.old.Files {
		if e.Doc != "" && under(p, roots) {
			known[e.Doc] = true
		}
	}
	lost := 0
	for id := range known {
		if len(u.paths[id]) == 0 {
			lost++
		}
	}
	for _, r := range roots {
		// An update from records (UpdateRecords) has no drive to look at:
		// a root no record is under counts as a root found empty.
		if info, err := os.Stat(r); u.versions == nil && (err != nil || !info.IsDir()) {
			continue
		}
		var was, left []string
		for _, p := range gone {
			if under(p, []string{r}) {
				was = append(was, p)
			}
		}
		for p := range u.seen {
			if under(p, []string{r}) {
				left = append(left, p)
			}
		}
		if len(was) > 0 && len(left) == 0 {
			return &MassRemovalError{Root: r, Paths: was, Lost: lost, Known: len(known),
				Reason: fmt.Sprintf("the folder is empty (is the drive mounted?): the update would remove every file indexed there (%d)", len(was))}
		}
	}
	share := u.opts.MaxRemoval
	if share <= 0 {
		share = DefaultMaxRemoval
	}
	// One document is never a mass: a small index may lose one.
	if lost > 1 && float64(lost) > share*float64(len(known)) {
		return &MassRemovalError{Paths: gone, Lost: lost, Known: len(known),
			Reason: fmt.Sprintf("the update would remove %d of the %d documents indexed there (%d %%), more than the %s %% allowed",
				lost, len(known), lost*100/len(known), percent(share))}
	}
	return nil
}

// percent formats a share as a percentage without trailing zeros.
func percent(share float64) string {
	s := fmt.Sprintf("%.2f", share*100)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
