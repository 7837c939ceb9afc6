package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/dpa-nl/dpa/extract"
)

func runVersion(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("version", "")
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "dpa %s (extractors %s, %s)\n", version, extract.Version, runtime.Version())
	return nil
}
