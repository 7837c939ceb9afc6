// Package gcfloor sets the garbage collector's pace for a short-lived
// process: the heap may grow to a floor before it is collected, and above
// the floor the collector keeps Go's default pace (GOGC=100, a heap of
// twice what was live after the last collection).
//
// A fresh Go process starts with a 4 MB heap goal and collects many times
// while its heap grows to the size of its work: for a command that reads
// a few documents, a tenth of its CPU time. Setting GOGC higher in the
// environment saves that, but also lets a large heap grow to several times
// what is live. Set keeps the large heap's pace and saves the small one's
// collections, the way Uber's and ByteDance's GC tuners do: after each
// collection it sets the percentage that makes the next goal the floor,
// or 100 when twice the live heap is above the floor.
package gcfloor

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// minimumHeap is the Go runtime's smallest heap goal at GOGC=100; it
// scales with the percentage.
const minimumHeap = 4 << 20

// tuner re-sets the collector's percentage after each collection.
type tuner struct {
	floor  uint64
	sample []metrics.Sample
}

var (
	mu      sync.Mutex
	current *tuner // nil when none is set
)

// Set lets the heap grow to floor bytes before it is collected, and keeps
// GOGC=100 above it, for the rest of the process. It does nothing and
// returns false when the user chose a pace (GOGC in the environment) or
// when floor is below the runtime's own minimum of 4 MB. Setting again
// replaces the floor.
func Set(floor uint64) bool {
	if _, ok := os.LookupEnv("GOGC"); ok || floor < minimumHeap {
		return false
	}
	mu.Lock()
	defer mu.Unlock()
	if current != nil {
		current.floor = floor
		current.tune()
		return true
	}
	current = &tuner{floor: floor, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	current.tune()
	arm(current)
	return true
}

// Percent returns the percentage the tuner would set for a live heap of
// live bytes under floor: the one that makes the next goal the floor, no
// less than 100, and no more than makes the runtime's minimum goal (4 MB
// scaled by the percentage) exceed the floor.
func Percent(floor, live uint64) int {
	top := int(floor * 100 / minimumHeap)
	if live == 0 {
		return top
	}
	p := int(floor*100/live) - 100
	return max(100, min(p, top))
}

// tune sets the percentage for the heap live after the last collection.
func (t *tuner) tune() {
	metrics.Read(t.sample)
	var live uint64
	if v := t.sample[0].Value; v.Kind() == metrics.KindUint64 {
		live = v.Uint64()
	}
	debug.SetGCPercent(Percent(t.floor, live))
	if afterTune != nil {
		afterTune()
	}
}

// afterTune, when not nil, is called after each tuning (for tests).
var afterTune func()

// sentinel is garbage from birth: its finalizer runs after the collection
// that finds it, tunes, and makes a new one for the next collection. It
// holds a pointer so that it is not packed with other small objects, whose
// finalizers may never run.
type sentinel struct{ t *tuner }

func arm(t *tuner) {
	s := &sentinel{t}
	runtime.SetFinalizer(s, func(s *sentinel) {
		mu.Lock()
		stopped := current != s.t
		if !stopped {
			s.t.tune()
		}
		mu.Unlock()
		if !stopped {
			arm(s.t)
		}
	})
}

// reset stops the tuner and puts back GOGC=100 (for tests).
func reset() {
	mu.Lock()
	defer mu.Unlock()
	if current != nil {
		current = nil
		debug.SetGCPercent(100)
	}
}
