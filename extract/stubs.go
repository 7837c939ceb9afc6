package extract

// First stubs; each moves to its own file when it is written.
func extractKind(d *doc, r *Record)          {}
func extractParties(d *doc, r *Record)       {}
func extractProducts(d *doc, r *Record)      {}
func extractSubprocessors(d *doc, r *Record) {}
func extractRetention(d *doc, r *Record)     {}
func extractBreach(d *doc, r *Record)        {}
func extractCategories(d *doc, r *Record)    {}
func extractVersionDate(d *doc, r *Record)   {}
