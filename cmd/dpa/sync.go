package main

import "context"

// runSync is dpa index under the name a nightly job uses: it prints the
// summary of what changed and exits 1 when a file failed.
func runSync(ctx context.Context, m *Main, args []string) error {
	return runUpdate(ctx, m, "sync", "[options] DRIVE...", args)
}
