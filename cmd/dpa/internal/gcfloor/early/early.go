// Package early sets dpa's heap floor (see gcfloor) when it is
// initialised, before most of the program's packages are: Go initialises
// packages in the order of their import paths once their own imports are,
// and this one needs only the standard library, so that the floor is
// already in place while the packages after it (most of dpa's and its
// dependencies') build their tables. Set from main, the floor came after
// the runtime's first collection, at a 4 MB heap, in every process.
// Import it for its effect only.
package early

import "github.com/dpa-nl/dpa/cmd/dpa/internal/gcfloor"

// Floor is the heap dpa and each reader child may grow to before the
// garbage collector runs (unless GOGC is set): the collections a fresh
// process makes while its heap grows from 4 MB were ≈ 15 % of the CPU of
// extracting the five corpus PDFs; above the floor the pace is GOGC=100,
// so the peak of a large run does not grow.
const Floor = 32 << 20

func init() {
	gcfloor.Set(Floor)
}
