package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/index"
)

// textRecord is a record with the text it was read from, as dpa extract
// --json --text writes it and dpa index --records reads it: the record's
// fields, then "text" (pages joined by corpus.PageSeparator; evidence
// offsets point into it) and "pages" (each page's byte range, and whether
// it was OCR'd).
type textRecord struct {
	*extract.Record
	Text  *string       `json:"text,omitempty"`
	Pages []corpus.Page `json:"pages,omitempty"`
}

// stringList is a flag that may be given more than once.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// recordFiles are the JSON Lines files dpa index --records reads: first
// for the sources of the records, to plan the update, then for the whole
// records of the contents the index lacks, each found again by its place,
// so that the records of a whole drive need not fit in memory.
type recordFiles struct {
	names   []string   // as given ("-" for stdin)
	files   []*os.File // open for reading (stdin is copied to a temporary file)
	tmp     string     // that temporary file, removed by close
	sources []*extract.Record
	at      map[string]recordPlace // content SHA-256 → its first record
}

// recordPlace is where a record's line is.
type recordPlace struct {
	file      int
	offset    int64
	length    int
	line      int
	extractor string
}

var sha256Pattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-f]{64}$`) })

// readRecordSources opens the record files and reads each record's source.
// A line that is no record fails the whole run, naming file and line:
// nothing is written.
func readRecordSources(names []string) (*recordFiles, error) {
	rf := &recordFiles{at: map[string]recordPlace{}}
	ok := false
	defer func() {
		if !ok {
			rf.close()
		}
	}()
	for _, name := range names {
		f, err := rf.open(name)
		if err != nil {
			return nil, err
		}
		if err := rf.scan(len(rf.files)-1, f); err != nil {
			return nil, err
		}
	}
	ok = true
	return rf, nil
}

// open opens one record file; "-" copies stdin to a temporary file.
func (rf *recordFiles) open(name string) (*os.File, error) {
	rf.names = append(rf.names, name)
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		rf.files = append(rf.files, f)
		return f, nil
	}
	if rf.tmp != "" {
		return nil, usageError{"- (stdin) given twice"}
	}
	f, err := os.CreateTemp("", "dpa-records-*.jsonl")
	if err != nil {
		return nil, err
	}
	rf.tmp = f.Name()
	rf.files = append(rf.files, f)
	if _, err := io.Copy(f, os.Stdin); err != nil {
		return nil, fmt.Errorf("stdin: %w", err)
	}
	return f, nil
}

// scan reads the sources of the records in file i.
func (rf *recordFiles) scan(i int, f *os.File) error {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	r := bufio.NewReaderSize(f, 1<<20)
	var offset int64
	for line := 1; ; line++ {
		b, err := r.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return fmt.Errorf("%s: %w", rf.names[i], err)
		}
		start := offset
		offset += int64(len(b))
		if t := strings.TrimSpace(string(b)); t != "" {
			var head struct {
				Source           corpus.Source `json:"source"`
				ExtractorVersion string        `json:"extractor_version"`
			}
			if jerr := json.Unmarshal(b, &head); jerr != nil {
				return fmt.Errorf("%s:%d: not a JSON record: %v", rf.names[i], line, jerr)
			}
			switch {
			case !sha256Pattern().MatchString(head.Source.SHA256):
				return fmt.Errorf("%s:%d: not a dpa record: source.sha256 %q is no SHA-256", rf.names[i], line, head.Source.SHA256)
			case head.Source.Path == "":
				return fmt.Errorf("%s:%d: not a dpa record: no source.path", rf.names[i], line)
			case head.ExtractorVersion == "":
				return fmt.Errorf("%s:%d: not a dpa record: no extractor_version", rf.names[i], line)
			}
			rec := &extract.Record{Source: head.Source, ExtractorVersion: head.ExtractorVersion}
			rf.sources = append(rf.sources, rec)
			if _, seen := rf.at[head.Source.SHA256]; !seen {
				rf.at[head.Source.SHA256] = recordPlace{file: i, offset: start, length: len(b), line: line, extractor: head.ExtractorVersion}
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// addTo adds to u the whole record, with its text, of each of files (the
// contents the update needs), and says on w how many came without text.
func (rf *recordFiles) addTo(ctx context.Context, u *index.Update, files []corpus.File, w io.Writer) error {
	noText := 0
	for _, f := range files {
		if ctx.Err() != nil {
			return nil // the caller says it was interrupted
		}
		at, ok := rf.at[f.SHA256]
		if !ok {
			return fmt.Errorf("%s: no record of content %s", corpus.QuotePath(f.Path), f.SHA256)
		}
		b := make([]byte, at.length)
		if _, err := rf.files[at.file].ReadAt(b, at.offset); err != nil {
			return fmt.Errorf("%s:%d: %w", rf.names[at.file], at.line, err)
		}
		var tr textRecord
		if err := json.Unmarshal(b, &tr); err != nil || tr.Record == nil {
			return fmt.Errorf("%s:%d: not a JSON record: %v", rf.names[at.file], at.line, err)
		}
		var doc *corpus.Document
		if tr.Text != nil {
			doc = &corpus.Document{Source: tr.Record.Source, Text: *tr.Text, Pages: tr.Pages}
			for _, p := range doc.Pages {
				if p.Start < 0 || p.End > len(doc.Text) || p.Start > p.End {
					return fmt.Errorf("%s:%d: page %d out of the text", rf.names[at.file], at.line, p.Number)
				}
			}
		} else {
			noText++
		}
		if err := u.Add(f, doc, tr.Record); err != nil {
			return err
		}
	}
	if noText > 0 {
		fmt.Fprintf(w, "warning: %d records came without their text (made without dpa extract --text): their words cannot be searched\n", noText)
	}
	return nil
}

// close closes the files and removes the copy of stdin.
func (rf *recordFiles) close() {
	for _, f := range rf.files {
		f.Close()
	}
	if rf.tmp != "" {
		os.Remove(rf.tmp)
	}
}
