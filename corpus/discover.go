package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
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
// files, Office lock files and temporary files are skipped. Errors for
// paths that cannot be read are returned beside the files that can.
func Discover(paths []string) ([]File, []error) {
	var (
		files []File
		errs  []error
		bySum = map[string]int{}
	)
	add := func(path string, info fs.FileInfo) {
		sum, err := hashFile(path)
		if err != nil {
			errs = append(errs, &FileError{Path: path, Kind: Other, Err: err})
			return
		}
		if i, ok := bySum[sum]; ok {
			files[i].Paths = append(files[i].Paths, path)
			return
		}
		bySum[sum] = len(files)
		files = append(files, File{Path: path, Paths: []string{path}, SHA256: sum, Size: info.Size(), Modified: info.ModTime()})
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			errs = append(errs, &FileError{Path: root, Kind: Other, Err: err})
			continue
		}
		if !info.IsDir() {
			add(root, info)
			continue
		}
		err = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, &FileError{Path: path, Kind: Other, Err: err})
				return nil
			}
			if path != root && skipName(e.Name()) {
				if e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !e.Type().IsRegular() {
				return nil
			}
			info, err := e.Info()
			if err != nil {
				errs = append(errs, &FileError{Path: path, Kind: Other, Err: err})
				return nil
			}
			add(path, info)
			return nil
		})
		if err != nil {
			errs = append(errs, &FileError{Path: root, Kind: Other, Err: err})
		}
	}
	for i := range files {
		sort.Strings(files[i].Paths)
		files[i].Path = files[i].Paths[0]
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, errs
}

// skipName reports whether a file or folder name is hidden, an Office lock
// file or a temporary file.
func skipName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(strings.ToLower(name), ".tmp")
}

func hashFile(path string) (string, error) {
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
