// Command dpa reads the data-processing agreements (verwerkersovereenkomsten)
// of Dutch schools and turns them into structured, evidenced records.
//
// Usage:
//
//	dpa extract [--json] [--shard I/N] [-o FILE] PATH...  print one record per agreement
//	dpa index [--index DIR] PATH...  index agreements (incremental)
//	dpa index --records [--root DIR] FILE...  index records made elsewhere (extract --json --text)
//	dpa sync [--index DIR] DRIVE...  the same, for a nightly job
//	dpa search [--index DIR] QUERY   search the index
//	dpa serve [--index DIR] [--addr A] [--token T]  web page and JSON API
//	dpa export [--index DIR] --format F [QUERY]  CSV, XLSX, JSON Lines, register
//	dpa correct --file PATH --field F --value V  correct a value (kept beside it)
//	dpa changes [--since D] [--fail-on non-eea]  what changed since the last version
//	dpa review [--json] PATH... | --index DIR  check against the Model Verwerkersovereenkomst
//	dpa version                    print the version
//	dpa help                       list the commands
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	// Before the packages after it allocate: dpa and its reader children
	// are short-lived, their heaps grow to the size of the run.
	_ "github.com/dpa-nl/dpa/cmd/dpa/internal/gcfloor/early"
	"github.com/dpa-nl/dpa/corpus"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// Exit statuses.
const (
	exitOK     = 0 // every file fine
	exitFailed = 1 // some files failed; the rest were processed
	exitUsage  = 2 // the command line is wrong
	// exitCrash is the shell's status when dpa itself crashes (a bug, or a
	// fault Go cannot recover outside the reader children): dpa then
	// aborts with SIGABRT (128+6) rather than exiting 2, Go's default,
	// which would read as a usage error.
	exitCrash = 134
	// exitInterrupted is the status of a run stopped by Ctrl-C or SIGTERM,
	// as shells report a process ended by SIGINT (128 + 2).
	exitInterrupted = 130
)

// crashLoudly makes a crash of dpa end with SIGABRT (status exitCrash)
// after the traceback, without writing a core file.
func crashLoudly() {
	debug.SetTraceback("crash")
	_ = syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{})
}

// errSomeFailed is returned by a command that processed everything it could
// but had files that failed; main exits 1 without printing it again.
var errSomeFailed = errors.New("some files failed")

// command is one subcommand of dpa.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, m *Main, args []string) error
}

// Main holds the streams a command writes to, so tests can capture them.
type Main struct {
	Stdout io.Writer
	Stderr io.Writer
}

func commands() []command {
	return []command{
		{"extract", "read agreements and print one record per document", runExtract},
		{"index", "read agreements into a search index (only what changed)", runIndex},
		{"sync", "update the index from a drive and print what changed (nightly)", runSync},
		{"search", "search the index: free text, fields, ranges, AND/OR/NOT", runSearch},
		{"serve", "serve the index to auditors: web page and JSON API", runServe},
		{"export", "export what a query matches: csv, xlsx, jsonl, register", runExport},
		{"review", "check agreements against the Model Verwerkersovereenkomst 4.0", runReview},
		{"correct", "correct or confirm an extracted value, set a status; --trail lists them", runCorrect},
		{"changes", "what changed in each agreement since its last version", runChanges},
		{"version", "print the version of dpa and its extractors", runVersion},
		{"doctor", "list the OCR engines and languages found", runDoctor},
		{"help", "list the commands", nil},
	}
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == readerMode {
		os.Exit(runReader(os.Args[2:], os.Stdin, os.NewFile(3, "answers"), corpus.Open))
	}
	crashLoudly()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr}
	code := m.Run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

// Run runs the subcommand named by args[0] and returns the exit status.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		m.usage(m.Stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name != args[0] || c.run == nil {
			continue
		}
		err := c.run(ctx, m, args[1:])
		if err != nil && ctx.Err() != nil {
			// Interrupted: one line, whatever the command was doing (a
			// server that stopped cleanly returns nil and exits 0).
			var in interrupted
			if errors.As(err, &in) {
				fmt.Fprintf(m.Stderr, "dpa %s: %v\n", c.name, in)
			} else {
				fmt.Fprintf(m.Stderr, "dpa %s: interrupted\n", c.name)
			}
			return exitInterrupted
		}
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			return exitOK
		case errors.Is(err, errSomeFailed):
			return exitFailed
		case errors.Is(err, errAlert):
			return exitAlert
		case errors.As(err, new(usageError)):
			fmt.Fprintf(m.Stderr, "dpa %s: %s\n", c.name, printable(err.Error(), true))
			return exitUsage
		default:
			fmt.Fprintf(m.Stderr, "dpa %s: %s\n", c.name, printable(err.Error(), true))
			return exitFailed
		}
	}
	fmt.Fprintf(m.Stderr, "dpa: unknown command %q\n\n", args[0])
	m.usage(m.Stderr)
	return exitUsage
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprintln(w, "dpa reads the data-processing agreements of Dutch schools and turns them into structured data.")
	fmt.Fprintln(w, "\nUsage: dpa COMMAND [options] [PATH...]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'dpa COMMAND -h' for the options of a command.")
	fmt.Fprintf(w, "\nExit status: %d all files read; %d some files failed (each is named on stderr),\nthe rest were processed; %d the command line is wrong; %d a --fail-on condition of dpa changes\nwas met; %d (SIGABRT) dpa itself crashed.\n",
		exitOK, exitFailed, exitUsage, exitAlert, exitCrash)
}

// interrupted is returned by a command that stopped on Ctrl-C; msg says
// what state it left behind.
type interrupted struct{ msg string }

func (e interrupted) Error() string { return "interrupted: " + e.msg }

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// newFlagSet returns a flag set that writes its help to m.Stderr and
// returns errors instead of exiting.
func (m *Main) newFlagSet(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("dpa "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: dpa %s %s\n\nOptions:\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args, turning flag errors into usage errors. Options may
// stand anywhere among the arguments, before or after a QUERY or PATH, as
// users of git, kubectl or gh expect: an option after the query is never
// read as a search word or a file. Only "--" ends the options; whatever
// follows it is an argument even when it starts with a dash (a query such
// as -kind:other). An unknown option is a usage error, never data.
//
// The standard flag package stops at the first argument; parse resumes it
// after each one and, at the end, parses "--" plus the arguments so that
// fs.Args returns all of them in order.
func parse(fs *flag.FlagSet, args []string) error {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			msg := err.Error()
			if strings.Contains(msg, "provided but not defined") {
				msg += " (put -- before an argument that starts with a dash)"
			}
			return usageError{msg}
		}
		left := fs.Args()
		if len(left) == 0 {
			break
		}
		if n := len(args) - len(left); n > 0 && args[n-1] == "--" {
			rest = append(rest, left...) // options ended at "--"
			break
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
	// Parsing "--" first takes no option and leaves exactly rest as fs.Args.
	return fs.Parse(append([]string{"--"}, rest...))
}
