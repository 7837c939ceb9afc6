package pdf

import (
	"context"
	"fmt"
	"runtime"
	"sync"
)

// Inflated bytes in flight are bounded by one budget for the whole process,
// shared by every page of every file being read: the decoded streams a
// page holds and the glyphs read from them. Without it, peak memory grew
// with the number of cores (pages and files are both read in parallel) and
// with what a small file could inflate to (a 2 MB file of 8 pages of
// 250 MB each peaked at 1.14 GB).
//
// A page takes bytes as it decodes and does not wait while it holds any:
// when the budget is short it lets go of everything and reads the page
// again as the one "big" page of the process, which first waits, holding
// nothing, for the amount it needed, and may then wait for more while it
// reads. Only the big page waits while holding bytes, and every other page
// gives way to a waiter (a waiter stops newer takes), so the readers cannot
// deadlock, and the big page is not starved.

// DefaultMemoryBudget is the default of SetMemoryBudget.
const DefaultMemoryBudget = 160 << 20

var memory = newBudget(DefaultMemoryBudget)

// SetMemoryBudget sets the number of inflated bytes all reads of the
// process may hold at once (default DefaultMemoryBudget). A page that needs
// more than the whole budget fails its file with ErrTooLarge. Call it
// before reading.
func SetMemoryBudget(n int64) {
	if n <= 0 {
		n = DefaultMemoryBudget
	}
	memory = newBudget(n)
}

// budget is a weighted semaphore over bytes.
type budget struct {
	mu      sync.Mutex
	size    int64
	used    int64
	waiters []*waiter
}

type waiter struct {
	n     int64
	ready chan struct{}
}

func newBudget(size int64) *budget { return &budget{size: size} }

// tryTake takes n bytes if they are free and nobody waits.
func (b *budget) tryTake(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.waiters) == 0 && b.used+n <= b.size {
		b.used += n
		return true
	}
	return false
}

// take waits until n bytes are free, or ctx ends.
func (b *budget) take(ctx context.Context, n int64) error {
	b.mu.Lock()
	if len(b.waiters) == 0 && b.used+n <= b.size {
		b.used += n
		b.mu.Unlock()
		return nil
	}
	w := &waiter{n: n, ready: make(chan struct{})}
	b.waiters = append(b.waiters, w)
	b.mu.Unlock()
	select {
	case <-w.ready:
		return nil
	case <-ctx.Done():
		b.mu.Lock()
		defer b.mu.Unlock()
		select {
		case <-w.ready: // served meanwhile: give it back
			b.used -= n
		default:
			for i, x := range b.waiters {
				if x == w {
					b.waiters = append(b.waiters[:i], b.waiters[i+1:]...)
					break
				}
			}
		}
		b.serve()
		return ctx.Err()
	}
}

// give returns n bytes.
func (b *budget) give(n int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.used -= n
	b.serve()
}

// serve wakes the waiters, in order, whose bytes are now free.
func (b *budget) serve() {
	for len(b.waiters) > 0 && b.used+b.waiters[0].n <= b.size {
		w := b.waiters[0]
		b.waiters = b.waiters[1:]
		b.used += w.n
		close(w.ready)
	}
}

// bigPage is held by the page that may wait for memory while it holds some.
var bigPage = make(chan struct{}, 1)

// lease is one page reader's share of the budget.
type lease struct {
	b    *budget
	ctx  context.Context // a big page's waits end with it
	big  bool            // this page holds bigPage
	held int64           // taken from the budget
	used int64           // of held, in use
}

// needMemory is the panic with which a page that cannot take the bytes it
// needs gives up; the page is read again once need bytes are free.
type needMemory struct{ need int64 }

func (e needMemory) Error() string {
	return fmt.Sprintf("waiting for %d bytes of the memory budget", e.need)
}

// take accounts for n more bytes, from what the lease holds or else from
// the budget. When the budget is short it panics with needMemory; when the
// page needs more than the whole budget, with ErrTooLarge.
func (l *lease) take(n int64) {
	if n <= 0 {
		return
	}
	if l.used+n <= l.held {
		l.used += n
		return
	}
	more := l.used + n - l.held
	if l.used+n > l.b.size {
		panic(fail(ErrTooLarge, "reading a page needs more than the memory budget of %d MB", l.b.size>>20))
	}
	switch {
	case l.big:
		if err := l.b.take(l.ctx, more); err != nil {
			panic(&Error{Err: ErrTimeout})
		}
	case !l.b.tryTake(more):
		panic(needMemory{l.used + n})
	}
	l.held += more
	l.used += n
}

// give marks n bytes as no longer in use; the lease keeps them for the page.
func (l *lease) give(n int64) {
	l.used = max(0, l.used-n)
}

// bigLease is the size past which releasing a lease also collects the
// garbage: the bytes given back are then free in fact, not only in the
// budget's account, before another page takes them.
const bigLease = 32 << 20

// release returns everything to the budget. Call it when the bytes taken
// are no longer referenced.
func (l *lease) release() {
	held := l.held
	l.held, l.used = 0, 0
	if held > bigLease {
		runtime.GC()
	}
	if held > 0 {
		l.b.give(held)
	}
}

// becomeBig releases everything, becomes the big page (waiting for the
// page before it) and waits holding nothing until n bytes are free, which
// it then holds. Call release and endBig after the page.
func (l *lease) becomeBig(ctx context.Context, n int64) error {
	l.release()
	if !l.big {
		select {
		case bigPage <- struct{}{}:
			l.big, l.ctx = true, ctx
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if err := l.b.take(ctx, n); err != nil {
		return err
	}
	l.held = n
	return nil
}

// endBig lets the next big page go.
func (l *lease) endBig() {
	if l.big {
		l.big = false
		<-bigPage
	}
}
