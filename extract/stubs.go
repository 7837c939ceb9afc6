package extract

// First stubs; each moves to its own file when it is written.
func extractSubprocessors(d *doc, r *Record) {}
