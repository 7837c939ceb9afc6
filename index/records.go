package index

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
)

// UpdateRecords starts an update from documents read elsewhere instead of
// files on a drive: each record's source (paths, SHA-256, size, time) stands
// for the files it was read from (UpdateRecords reads only the source and
// the extractor version: the caller may hold the rest elsewhere). It then
// works as Update does: Files() are the contents the index does not hold
// with the record's extractor version; give each to Add with its whole
// record and text, then call Finish.
// History, agreement lines and change detection see the same versions as
// after a sync of the drive.
//
// Roots name the folders the records cover in full: an indexed path under
// a root that no record names is dropped as gone from the drive (or kept,
// with KeepMissing), with the same guard against mass removal. Without
// roots nothing is removed. A file that failed to read has no record, so
// under a root it counts as gone. Paths are made absolute, as Update names
// files; records of the same content are merged.
func (ix *Index) UpdateRecords(ctx context.Context, recs []*extract.Record, roots []string, opts UpdateOptions) (*Update, error) {
	u, err := ix.newUpdate(opts)
	if err != nil {
		return nil, err
	}
	u.versions = map[string]string{}
	var found []corpus.Found
	var shas []string
	shaOf := map[string]string{} // path → content
	for _, r := range recs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		src := r.Source
		sha := src.SHA256
		if prev, ok := u.versions[sha]; ok && prev != r.ExtractorVersion {
			return nil, fmt.Errorf("records of the same content %s by two extractors (%s, %s): merge the records of one run", shortID(sha), prev, r.ExtractorVersion)
		}
		u.versions[sha] = r.ExtractorVersion
		for _, p := range sourcePaths(src) {
			abs, err := filepath.Abs(p)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", p, err)
			}
			if prev, ok := shaOf[abs]; ok {
				if prev != sha {
					return nil, fmt.Errorf("%s: in two records of different contents (%s, %s)", corpus.QuotePath(abs), shortID(prev), shortID(sha))
				}
				continue
			}
			shaOf[abs] = sha
			f := corpus.Found{Path: abs, Size: src.Bytes, Modified: src.Modified}
			u.seen[abs] = f
			found = append(found, f)
			shas = append(shas, sha)
		}
	}
	u.group(found, shas, make([]error, len(found)))
	abs := make([]string, 0, len(roots))
	for _, r := range roots {
		a, err := filepath.Abs(r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r, err)
		}
		abs = append(abs, a)
	}
	if err := u.removeGone(abs, nil); err != nil {
		return nil, err
	}
	return u, nil
}
