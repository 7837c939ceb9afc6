package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
)

// File is one distinct document found on disk: byte-identical copies under
// several paths are one File that lists them all.
type File struct {
	Path     string // the first of Paths in sorted order
	Paths    []string
	SHA256   string
	Size     int64
	Modified time.Time
}

// Discover walks paths (files or folders, recursively) and returns the
// documents found there, sorted by path, each distinct content once. Hidden
// files and folders, Office lock files, temporary files and system files are
// skipped inside folders (a file named on the command line is always read).
// Symbolic links to files are followed, links to folders are not (they could
// loop). A path reached twice (overlapping arguments) counts once. Empty
// files are never merged, so that each gets its own "empty file" error.
// Errors for paths that cannot be read are returned beside the files that
// can, sorted by path.
func Discover(paths []string) ([]File, []error) {
	found, errs := Walk(paths)
	// Hash on a few workers: reading is most of the time on a large drive.
	sums := make([]string, len(found))
	hashErrs := make([]error, len(found))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.NumCPU(), 8) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if err := CheckSize(found[i]); err != nil {
					hashErrs[i] = err
					continue
				}
				sums[i], hashErrs[i] = hashFile(found[i].Path)
			}
		}()
	}
	for i := range found {
		jobs <- i
	}
	close(jobs)
	wg.Wait()

	var files []File
	bySum := map[string]int{} // content hash → index in files
	for i, f := range found {
		if hashErrs[i] != nil {
			if !errors.As(hashErrs[i], new(*FileError)) {
				hashErrs[i] = &FileError{Path: f.Path, Kind: Other, Err: unwrapPathError(hashErrs[i])}
			}
			errs = append(errs, hashErrs[i])
			continue
		}
		if j, ok := bySum[sums[i]]; ok && f.Size > 0 {
			files[j].Paths = append(files[j].Paths, f.Path)
			continue
		}
		if f.Size > 0 {
			bySum[sums[i]] = len(files)
		}
		files = append(files, File{Path: f.Path, Paths: []string{f.Path}, SHA256: sums[i], Size: f.Size, Modified: f.Modified})
	}
	for i := range files {
		sort.Strings(files[i].Paths)
		files[i].Path = files[i].Paths[0]
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	sort.SliceStable(errs, func(i, j int) bool { return errPath(errs[i]) < errPath(errs[j]) })
	return files, errs
}

// discovery is the state of one Walk call.
type discovery struct {
	errs  []error
	seen  map[string]bool // cleaned paths already added
	found []Found
}

// Found is a file Walk found, not yet read.
type Found struct {
	Path     string
	Size     int64
	Modified time.Time
}

// Walk finds the files Discover would under paths, with the same skipping
// rules, from their directory entries only: it reads no content, so that
// an index can check quickly which files changed since it last looked.
// The one exception are e-mail messages (.eml): each is opened and
// listed as the documents it holds (see SplitPart).
func Walk(paths []string) ([]Found, []error) {
	d := discovery{seen: map[string]bool{}}
	for _, root := range paths {
		d.root(root)
	}
	sort.SliceStable(d.errs, func(i, j int) bool { return errPath(d.errs[i]) < errPath(d.errs[j]) })
	return d.found, d.errs
}

// CheckSize returns a TooLarge *FileError for a file larger than
// DefaultMaxBytes, which Open would refuse: it is not worth hashing first
// (a 2 GB file took minutes to hash before being called too large).
func CheckSize(f Found) error {
	if f.Size > DefaultMaxBytes {
		return &FileError{Path: f.Path, Kind: TooLarge, Err: fmt.Errorf("%d bytes, limit %d", f.Size, DefaultMaxBytes)}
	}
	return nil
}

// HashFile returns the hex SHA-256 of the file at path, as File.SHA256 holds it.
func HashFile(path string) (string, error) { return hashFile(path) }

func (d *discovery) fail(path string, err error) {
	d.errs = append(d.errs, &FileError{Path: path, Kind: Other, Err: err})
}

// root adds one command-line path: a file, or a folder walked recursively.
func (d *discovery) root(root string) {
	info, err := os.Stat(root)
	if err != nil {
		d.fail(root, unwrapPathError(err))
		return
	}
	if !info.IsDir() {
		if !info.Mode().IsRegular() {
			d.skip(root, info.Mode(), false)
			return
		}
		d.add(root, info)
		return
	}
	err = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			d.fail(path, unwrapPathError(err))
			return nil
		}
		if path != root && SkipName(e.Name()) {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if e.IsDir() && IsIndexDir(path) {
			if path == root {
				d.fail(root, errors.New("a dpa index, not a folder of agreements"))
			}
			return filepath.SkipDir
		}
		switch {
		case e.Type().IsRegular():
		case e.Type()&fs.ModeSymlink != 0:
			// Follow links to files; a link to a folder is not walked.
			info, err := os.Stat(path)
			if err != nil {
				d.fail(path, unwrapPathError(err))
				return nil
			}
			switch {
			case info.Mode().IsRegular():
				d.add(path, info)
			case !info.IsDir():
				d.skip(path, info.Mode(), true)
			}
			return nil
		case e.IsDir():
			return nil
		default:
			d.skip(path, e.Type(), false)
			return nil
		}
		info, err := e.Info()
		if err != nil {
			d.fail(path, unwrapPathError(err))
			return nil
		}
		d.add(path, info)
		return nil
	})
	if err != nil {
		d.fail(root, err)
	}
}

// skip reports a path that is neither a file nor a folder (a named pipe,
// a socket, a device, or a link to one): reading it could block or never
// end, so it is skipped, but never silently.
func (d *discovery) skip(path string, mode fs.FileMode, link bool) {
	what := "not a regular file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		what = "a socket"
	case mode&fs.ModeCharDevice != 0:
		what = "a character device"
	case mode&fs.ModeDevice != 0:
		what = "a block device"
	}
	if link {
		what = "a link to " + what
	}
	d.errs = append(d.errs, &FileError{Path: path, Kind: NotSupported, Err: fmt.Errorf("skipped: %s, not a document file", what)})
}

// add records one file, once however often it is reached.
func (d *discovery) add(path string, info fs.FileInfo) {
	key := filepath.Clean(path)
	if d.seen[key] {
		return
	}
	d.seen[key] = true
	if parts, ok := expandMail(path, info.Size(), info.ModTime()); ok {
		d.found = append(d.found, parts...)
		return
	}
	d.found = append(d.found, Found{Path: path, Size: info.Size(), Modified: info.ModTime()})
}

// skipSuffixes end the names of temporary and partial downloads.
var skipSuffixes = []string{"~", ".tmp", ".temp", ".bak", ".swp", ".part", ".partial", ".crdownload", ".download"}

// skipNames are system files that are never documents.
var skipNames = map[string]bool{"thumbs.db": true, "desktop.ini": true, "__macosx": true, "$recycle.bin": true}

// SkipName reports whether a file or folder name is hidden, an Office lock
// file ("~$…"), a temporary or partial file, or a system file, none of which
// are agreements.
func SkipName(name string) bool {
	low := strings.ToLower(name)
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || strings.HasPrefix(low, "~wrl") || skipNames[low] {
		return true
	}
	for _, s := range skipSuffixes {
		if strings.HasSuffix(low, s) {
			return true
		}
	}
	return false
}

// IndexMarker is the file that marks a folder as a dpa index. Discover and
// Walk never read inside such a folder, whatever its name and wherever it
// lies, so that an index kept on the drive it indexes is not read as input.
const IndexMarker = "dpa-index.txt"

// IsIndexDir reports whether the folder dir is a dpa index: it holds
// IndexMarker, or a bleve index (bleve/index_meta.json) beside a lock file
// as indexes made before the marker existed do.
func IsIndexDir(dir string) bool {
	if _, err := os.Lstat(filepath.Join(dir, IndexMarker)); err == nil {
		return true
	}
	_, err1 := os.Lstat(filepath.Join(dir, "bleve", "index_meta.json"))
	_, err2 := os.Lstat(filepath.Join(dir, "lock"))
	return err1 == nil && err2 == nil
}

// unwrapPathError drops the path from a *fs.PathError, since the
// FileError around it names the path already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func errPath(err error) string {
	var fe *FileError
	if errors.As(err, &fe) {
		return fe.Path
	}
	return ""
}

func hashFile(path string) (string, error) {
	if file, part, ok := SplitPart(path); ok {
		return hashPart(file, part)
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
