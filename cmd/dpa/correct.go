package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/index"
	"github.com/dpa-nl/dpa/index/register"
)

const correctUsage = `--file PATH [--field F --value V | --confirm F] [--status S] [--note TEXT]
       dpa correct --trail [--file PATH]

Corrects or confirms one extracted value of the agreement in PATH, or sets
its status (te beoordelen, akkoord, afgewezen) and a note. The correction is
kept beside the extracted value in the index folder (corrections.jsonl),
never over it: it survives every sync and re-extraction, is flagged in the
overview and the exports, and is listed with --trail (what, old and new
value, when, who). F is a record path such as processor.name or
subprocessors[1].countries; V is JSON, or plain text (a list field takes
comma-separated values). A correction made on an earlier version of the file
whose value or evidence has changed is flagged for a second look, not applied.`

func runCorrect(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("correct", correctUsage)
	dir := fs.String("index", index.DefaultDir, "the index folder")
	wait := fs.Duration("wait", index.DefaultTimeout, "how long to wait while another dpa writes a batch")
	file := fs.String("file", "", "the agreement's file, as the index names it")
	field := fs.String("field", "", "the record path of the value to correct")
	value := fs.String("value", "", "the correct value (JSON, or text)")
	confirm := fs.String("confirm", "", "the record path of a value to confirm as extracted")
	status := fs.String("status", "", "the agreement's status: "+strings.Join(register.Statuses, ", "))
	note := fs.String("note", "", "a note on the agreement")
	who := fs.String("who", os.Getenv("USER"), "who makes the correction, for the audit trail")
	trail := fs.Bool("trail", false, "print the audit trail (of --file, or of all) and exit")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	store, err := register.OpenStore(*dir)
	if err != nil {
		return err
	}
	if *trail {
		cs := store.Trail(*file)
		if *file != "" && len(cs) == 0 {
			cs = store.Trail(absPath(*file))
		}
		return printTrail(m, cs)
	}
	switch {
	case *file == "":
		return usageError{"--file names the agreement to correct"}
	case *field != "" && *confirm != "":
		return usageError{"give --field and --value, or --confirm, not both"}
	case *field != "" && *value == "":
		return usageError{"--field needs --value"}
	case *field == "" && *value != "":
		return usageError{"--value needs --field"}
	case *field == "" && *confirm == "" && *status == "" && *note == "":
		return usageError{"nothing to do: give --field and --value, --confirm, --status or --note"}
	case *who == "":
		return usageError{"--who is empty: the audit trail needs a name"}
	}
	ix, err := openForQuery(*dir, "", *wait)
	if err != nil {
		return err
	}
	defer ix.Close()
	items, err := register.Load(ctx, ix, "", nil)
	if err != nil {
		return err
	}
	rec := findRecord(items, *file)
	if rec == nil {
		rec = findRecord(items, absPath(*file))
	}
	if rec == nil {
		return fmt.Errorf("%s: %w", *file, register.ErrNoRecord)
	}
	c := register.Correction{Status: *status, Note: *note, Who: *who}
	if *confirm != "" {
		c.Field = *confirm
	}
	if *field != "" {
		c.Field = *field
		c.New, err = correctionValue(rec, *field, *value)
		if err != nil {
			return usageError{err.Error()}
		}
	}
	c, err = store.Add(c, rec)
	if err != nil {
		if errors.Is(err, register.ErrNoRecord) {
			return err
		}
		return usageError{err.Error()}
	}
	return printTrail(m, []register.Correction{c})
}

// findRecord returns the record of the agreement kept in path.
func findRecord(items []register.Item, path string) *extract.Record {
	if it := register.Find(items, path); it != nil {
		return it.Record
	}
	return nil
}

// correctionValue turns the value as typed into JSON: JSON as it is, else a
// string, or for a field that holds a list of strings the comma-separated
// parts ("NL, DE" is ["NL","DE"]).
func correctionValue(rec *extract.Record, field, v string) (json.RawMessage, error) {
	if json.Valid([]byte(v)) && strings.TrimSpace(v) != "" {
		return json.RawMessage(v), nil
	}
	data, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	var parts []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if isListField(m, field) {
		return json.Marshal(parts)
	}
	return json.Marshal(strings.TrimSpace(v))
}

// isListField reports whether the record holds a list at field.
func isListField(m map[string]any, field string) bool {
	var cur any = m
	for _, part := range strings.Split(field, ".") {
		name, idx, _ := strings.Cut(part, "[")
		o, ok := cur.(map[string]any)
		if !ok {
			return false
		}
		cur = o[name]
		for idx != "" {
			var n int
			fmt.Sscanf(idx, "%d", &n)
			l, ok := cur.([]any)
			if !ok || n >= len(l) {
				return false
			}
			cur = l[n]
			_, idx, _ = strings.Cut(idx, "[")
		}
	}
	_, ok := cur.([]any)
	return ok
}

// printTrail prints audit-trail entries, one per line.
func printTrail(m *Main, cs []register.Correction) error {
	for _, c := range cs {
		what := c.Field
		switch {
		case c.Field == "" && c.Status != "":
			what = "status"
		case c.Field == "":
			what = "note"
		}
		line := fmt.Sprintf("#%d %s %s %s %s", c.Seq, c.When.Format("2006-01-02 15:04"), c.Who, c.Path, what)
		if c.Field != "" {
			if c.Confirmed() {
				line += fmt.Sprintf(": confirmed %s", c.Old)
			} else {
				line += fmt.Sprintf(": %s -> %s", c.Old, c.New)
			}
		}
		if c.Status != "" {
			line += ": " + c.Status
		}
		if c.Note != "" {
			line += fmt.Sprintf(" (%s)", c.Note)
		}
		if _, err := fmt.Fprintln(m.Stdout, printable(line, true)); err != nil {
			return err
		}
	}
	return nil
}

// absPath is path made absolute and clean, as the index names files.
func absPath(path string) string {
	if a, err := filepath.Abs(path); err == nil {
		return a
	}
	return path
}
