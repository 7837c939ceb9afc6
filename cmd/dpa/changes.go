package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/index"
	"github.com/dpa-nl/dpa/normalize"
)

// exitAlert is the exit status of dpa changes when a --fail-on condition
// was met, so that a nightly job can alert.
const exitAlert = 3

// errAlert is returned when a --fail-on condition was met.
var errAlert = errors.New("a --fail-on condition was met")

const changesUsage = `[options]

Prints what changed, field by field, between consecutive versions of each
agreement line: the versions of one supplier's agreement of one kind for one
set of products, ordered by version date. The index keeps every version it
has seen since dpa 0.2 (an older index starts its history with the documents
it holds).

  --since 30d        changes first seen by dpa in the last 30 days (h, d, w)
  --since 2024-01-01 changes to versions dated on or after that day
  --only non-eea     only changes that bring in a country outside the EEA
  --fail-on non-eea  exit 3 when such a change is printed (for a nightly job)
  --line             list the agreement lines and their versions instead

A line can be corrected in a file of "PATH<TAB>LINE" rows (--lines, default
lines.tsv in the index folder): the versions under PATH join line LINE.

Exit status: 0 done; 1 the index could not be read; 2 the command line is
wrong; 3 a --fail-on condition was met.`

func runChanges(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("changes", changesUsage)
	dir := fs.String("index", index.DefaultDir, "the index folder")
	since := fs.String("since", "", "only changes since DATE (YYYY-MM-DD, by version date) or DURATION (30d, 2w, 12h: first seen)")
	supplier := fs.String("supplier", "", "only suppliers whose name contains NAME (case, accents and legal form ignored) or whose KvK number is NAME")
	kind := fs.String("kind", "", "only lines of this kind (verwerkersovereenkomst, privacybijsluiter, beveiligingsbijlage, bewerkersovereenkomst)")
	only := fs.String("only", "", "only added, removed or non-eea changes")
	asJSON := fs.Bool("json", false, "print JSON Lines, one change per line")
	asCSV := fs.Bool("csv", false, "print CSV, one change per row")
	lines := fs.Bool("line", false, "list the agreement lines and their versions")
	failOn := fs.String("fail-on", "", "non-eea: exit 3 when a printed change brings in a country outside the EEA")
	linesFile := fs.String("lines", "", "the line overrides file (default lines.tsv in the index folder)")
	wait := fs.Duration("wait", index.DefaultTimeout, "how long to wait while another dpa writes a batch")
	if err := parse(fs, args); err != nil {
		return err
	}
	if len(fs.Args()) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Args()[0])}
	}
	if *asJSON && *asCSV {
		return usageError{"--json and --csv: choose one"}
	}
	switch *only {
	case "", "added", "removed", "non-eea":
	default:
		return usageError{fmt.Sprintf("--only %q: want added, removed or non-eea", *only)}
	}
	if *failOn != "" && *failOn != "non-eea" {
		return usageError{fmt.Sprintf("--fail-on %q: want non-eea", *failOn)}
	}
	keep, err := sinceFilter(*since, time.Now())
	if err != nil {
		return usageError{err.Error()}
	}
	overrides, err := readLineOverrides(*linesFile, *dir)
	if err != nil {
		return err
	}
	ix, err := index.Open(*dir, index.Options{ReadOnly: true, Timeout: *wait})
	if err != nil {
		return err
	}
	defer ix.Close()
	all, cs, err := ix.Changes(overrides)
	if err != nil {
		return err
	}
	lineOK := func(l index.Line) bool {
		return (*kind == "" || l.Kind == *kind) && (*supplier == "" || supplierMatches(*supplier, l))
	}
	w := bufio.NewWriter(m.Stdout)
	defer w.Flush()
	if *lines {
		var shown []index.Line
		for _, l := range all {
			if lineOK(l) {
				shown = append(shown, l)
			}
		}
		return printLines(w, shown, *asJSON)
	}
	byID := map[string]index.Line{}
	for _, l := range all {
		byID[l.ID] = l
	}
	var shown []index.Change
	for _, c := range cs {
		switch {
		case !lineOK(byID[c.Line]), !keep(c):
		case *only == "added" && !c.Added(), *only == "removed" && !c.Removed(), *only == "non-eea" && !c.NonEEA:
		default:
			shown = append(shown, c)
		}
	}
	switch {
	case *asJSON:
		err = printChangesJSON(w, shown)
	case *asCSV:
		err = printChangesCSV(w, shown)
	default:
		printChanges(w, shown)
	}
	if err != nil {
		return err
	}
	if *failOn == "non-eea" {
		for _, c := range shown {
			if c.NonEEA {
				w.Flush()
				fmt.Fprintln(m.Stderr, "dpa changes: a change brings in a country outside the EEA (--fail-on non-eea)")
				return errAlert
			}
		}
	}
	return nil
}

var sinceDuration = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d+)([hdw])$`) })

// sinceFilter turns --since into a test on changes: a duration keeps the
// changes whose newer version dpa first saw within it; a date keeps those
// whose newer version is dated on or after it (first seen, without a date).
func sinceFilter(s string, now time.Time) (func(index.Change) bool, error) {
	if s == "" {
		return func(index.Change) bool { return true }, nil
	}
	if m := sinceDuration().FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		unit := map[string]time.Duration{"h": time.Hour, "d": 24 * time.Hour, "w": 7 * 24 * time.Hour}[m[2]]
		from := now.Add(-time.Duration(n) * unit)
		return func(c index.Change) bool { return !c.To.FirstSeen.Before(from) }, nil
	}
	if d, err := time.ParseDuration(s); err == nil {
		from := now.Add(-d)
		return func(c index.Change) bool { return !c.To.FirstSeen.Before(from) }, nil
	}
	day, err := time.Parse("2006-01-02", s)
	if err != nil {
		return nil, fmt.Errorf("--since %q: want a date (2024-01-31) or a duration (30d, 2w, 12h)", s)
	}
	return func(c index.Change) bool {
		if c.To.VersionDate != "" {
			return c.To.VersionDate >= day.Format("2006-01-02")
		}
		return !c.To.FirstSeen.Before(day)
	}, nil
}

// supplierMatches reports whether a line's supplier answers --supplier.
func supplierMatches(q string, l index.Line) bool {
	if d := strings.ReplaceAll(q, " ", ""); l.KvK != "" && d == l.KvK {
		return true
	}
	key := normalize.NameKey(q)
	return key != "" && strings.Contains(" "+normalize.NameKey(l.Supplier)+" ", " "+key)
}

// readLineOverrides reads the "PATH<TAB>LINE" rows of the overrides file;
// the default file (lines.tsv in the index folder) may be absent.
func readLineOverrides(file, dir string) (index.LineOverrides, error) {
	explicit := file != ""
	if !explicit {
		file = filepath.Join(dir, "lines.tsv")
	}
	data, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) && !explicit {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := index.LineOverrides{}
	for n, row := range strings.Split(string(data), "\n") {
		row = strings.TrimRight(row, "\r")
		if strings.TrimSpace(row) == "" || strings.HasPrefix(row, "#") {
			continue
		}
		path, line, ok := strings.Cut(row, "\t")
		if !ok || strings.TrimSpace(line) == "" {
			return nil, fmt.Errorf("%s:%d: want PATH<TAB>LINE", file, n+1)
		}
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		out[path] = strings.TrimSpace(line)
	}
	return out, nil
}

// printLines lists the lines and their versions.
func printLines(w io.Writer, lines []index.Line, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, l := range lines {
			if err := enc.Encode(l); err != nil {
				return err
			}
		}
		return nil
	}
	for _, l := range lines {
		fmt.Fprintf(w, "%s\n  %s · %s", l.ID, l.Supplier, l.Kind)
		if len(l.Products) > 0 {
			fmt.Fprintf(w, " · %s", strings.Join(l.Products, ", "))
		}
		fmt.Fprintf(w, " · %d version(s)\n", len(l.Versions))
		for _, v := range l.Versions {
			date := v.VersionDate
			if date == "" {
				date = "(undated)"
			}
			fmt.Fprintf(w, "    %-10s  %s  first seen %s  %s\n", date, v.SHA256[:12], v.FirstSeen.Local().Format("2006-01-02 15:04"), strings.Join(v.Paths, ", "))
		}
	}
	return nil
}

// printChanges prints changes for people, grouped by version pair.
func printChanges(w io.Writer, cs []index.Change) {
	if len(cs) == 0 {
		fmt.Fprintln(w, "no changes")
		return
	}
	var last string
	for _, c := range cs {
		if k := c.Line + c.From.SHA256 + c.To.SHA256; k != last {
			last = k
			fmt.Fprintf(w, "%s · %s: %s → %s\n", c.Supplier, c.Kind, versionLabel(c.From), versionLabel(c.To))
		}
		fmt.Fprintf(w, "  %s\n", changeLine(c))
		printEvidence(w, "was", c.From.Path, c.OldEvidence)
		printEvidence(w, "now", c.To.Path, c.NewEvidence)
	}
}

func versionLabel(v index.VersionRef) string {
	date := v.VersionDate
	if date == "" {
		date = "undated, first seen " + v.FirstSeen.Local().Format("2006-01-02")
	}
	return fmt.Sprintf("version of %s (%s)", date, filepath.Base(v.Path))
}

// changeLine writes one change in a line: a sign, what changed, the values.
func changeLine(c index.Change) string {
	sign := "~"
	switch {
	case c.Added():
		sign = "+"
	case c.Removed():
		sign = "-"
	}
	what := strings.ReplaceAll(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(string(c.Type), "_added"), "_removed"), "_changed"), "_", " ")
	if c.Subject != "" {
		what += " " + c.Subject
	}
	if c.Country != "" {
		what += " (" + c.Country + ")"
	}
	s := fmt.Sprintf("%s %s: %s → %s", sign, what, orNone(c.Old), orNone(c.New))
	if c.NonEEA {
		s += "  [outside the EEA]"
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func printEvidence(w io.Writer, label, path string, evs []extract.Evidence) {
	for i, e := range evs {
		if i == 2 {
			fmt.Fprintf(w, "      %s: … and %d more\n", label, len(evs)-2)
			break
		}
		fmt.Fprintf(w, "      %s: %s p. %d: %q\n", label, filepath.Base(path), e.Page, oneLine(e.Quote, 160))
	}
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "…"
	}
	return s
}

func printChangesJSON(w io.Writer, cs []index.Change) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range cs {
		if err := enc.Encode(c); err != nil {
			return err
		}
	}
	return nil
}

// changesCSVHeader are the columns of dpa changes --csv.
var changesCSVHeader = []string{"line", "supplier", "kind", "from_path", "from_date", "to_path", "to_date", "to_first_seen",
	"type", "subject", "country", "old", "new", "non_eea", "old_page", "old_quote", "new_page", "new_quote"}

func printChangesCSV(w io.Writer, cs []index.Change) error {
	cw := csv.NewWriter(w)
	cw.Write(changesCSVHeader)
	first := func(evs []extract.Evidence) (string, string) {
		if len(evs) == 0 {
			return "", ""
		}
		return strconv.Itoa(evs[0].Page), oneLine(evs[0].Quote, 500)
	}
	for _, c := range cs {
		op, oq := first(c.OldEvidence)
		np, nq := first(c.NewEvidence)
		cw.Write([]string{c.Line, c.Supplier, c.Kind, c.From.Path, c.From.VersionDate, c.To.Path, c.To.VersionDate,
			c.To.FirstSeen.UTC().Format(time.RFC3339), string(c.Type), c.Subject, c.Country, c.Old, c.New,
			strconv.FormatBool(c.NonEEA), op, oq, np, nq})
	}
	cw.Flush()
	return cw.Error()
}

// runChangesOf returns the changes an update brought: those whose newer
// or older version dpa first saw since start (not versions taken over
// from an index made before history was kept). A failure to read them is
// logged, not fatal: the update itself went fine.
func runChangesOf(ix *index.Index, dir string, start time.Time, log *zap.Logger) []index.Change {
	overrides, err := readLineOverrides("", dir)
	if err != nil {
		log.Warn("line overrides unreadable", zap.Error(err))
	}
	_, cs, err := ix.Changes(overrides)
	if err != nil {
		log.Warn("changes unreadable", zap.Error(err))
		return nil
	}
	var out []index.Change
	for _, c := range cs {
		if (!c.To.FirstSeen.Before(start) && !c.To.Inherited) || (!c.From.FirstSeen.Before(start) && !c.From.Inherited) {
			out = append(out, c)
		}
	}
	return out
}

// printSyncSummary prints the update summary followed by the changes of
// the run: counts per type and, in full, those a privacy officer acts on
// (outside the EEA, sub-processors, retention, breach deadline).
func printSyncSummary(w io.Writer, s *index.Summary, cs []index.Change, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		if cs == nil {
			cs = []index.Change{}
		}
		return enc.Encode(struct {
			*index.Summary
			Changes []index.Change `json:"changes"`
		}{s, cs})
	}
	if err := printUpdateSummary(w, s, false); err != nil {
		return err
	}
	if len(cs) == 0 {
		return nil
	}
	counts := map[string]int{}
	var order []string
	for _, c := range cs {
		if counts[string(c.Type)] == 0 {
			order = append(order, string(c.Type))
		}
		counts[string(c.Type)]++
	}
	var parts []string
	for _, t := range order {
		parts = append(parts, fmt.Sprintf("%s %d", t, counts[t]))
	}
	fmt.Fprintf(w, "changes: %d (%s)\n", len(cs), strings.Join(parts, ", "))
	var signal []index.Change
	for _, c := range cs {
		switch {
		case c.NonEEA, strings.HasPrefix(string(c.Type), "subprocessor_"), strings.HasPrefix(string(c.Type), "retention_"),
			c.Type == "breach_deadline_changed", c.Type == "outside_eea_changed":
			signal = append(signal, c)
		}
	}
	if len(signal) > 0 {
		printChanges(w, signal)
	}
	if len(signal) < len(cs) {
		fmt.Fprintln(w, "(dpa changes --since 1d lists them all)")
	}
	return nil
}
