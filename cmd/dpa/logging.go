package main

import (
	"flag"
	"fmt"
	"io"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// logFlags are the logging options every long-running command takes.
type logFlags struct {
	verbose bool
	format  string
}

func (l *logFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&l.verbose, "v", false, "log progress to stderr")
	fs.StringVar(&l.format, "log-format", "text", "log format: text or json (for batch jobs)")
}

// logger returns a zap logger writing to w: warnings and errors only unless
// -v, JSON with --log-format json.
func (l *logFlags) logger(w io.Writer) (*zap.Logger, error) {
	level := zapcore.WarnLevel
	if l.verbose {
		level = zapcore.InfoLevel
	}
	return l.newLogger(w, level)
}

// progressLogger returns a logger like logger's that writes progress
// lines even without -v: on a log file they are what a terminal's bar is.
func (l *logFlags) progressLogger(w io.Writer) (*zap.Logger, error) {
	return l.newLogger(w, zapcore.InfoLevel)
}

func (l *logFlags) newLogger(w io.Writer, level zapcore.Level) (*zap.Logger, error) {
	cfg := zap.NewProductionEncoderConfig()
	cfg.EncodeTime = zapcore.ISO8601TimeEncoder
	var enc zapcore.Encoder
	switch l.format {
	case "json":
		enc = zapcore.NewJSONEncoder(cfg)
	case "text", "":
		cfg.EncodeLevel = zapcore.CapitalLevelEncoder
		enc = zapcore.NewConsoleEncoder(cfg)
	default:
		return nil, usageError{fmt.Sprintf("--log-format %q: want text or json", l.format)}
	}
	return zap.New(zapcore.NewCore(enc, zapcore.AddSync(w), level)), nil
}
