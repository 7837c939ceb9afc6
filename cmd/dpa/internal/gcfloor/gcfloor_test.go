package gcfloor

import (
	"os"
	"runtime"
	"runtime/metrics"
	"testing"
)

func TestPercent(t *testing.T) {
	const mb = 1 << 20
	for _, tc := range []struct {
		name        string
		floor, live uint64
		want        int
	}{
		{"no collection yet: the runtime's minimum goal is the floor", 32 * mb, 0, 800},
		{"a live heap under the minimum: capped at the floor", 32 * mb, 1 * mb, 800},
		{"a small live heap: the goal is the floor", 32 * mb, 8 * mb, 300},
		{"half the floor live: the default pace", 32 * mb, 16 * mb, 100},
		{"above the floor: never below the default", 32 * mb, 100 * mb, 100},
		{"a larger floor", 64 * mb, 16 * mb, 300},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Percent(tc.floor, tc.live); got != tc.want {
				t.Errorf("Percent(%d MB, %d MB) = %d, want %d", tc.floor/mb, tc.live/mb, got, tc.want)
			}
		})
	}
}

// gogc returns the collector's percentage as the runtime reports it.
func gogc() int {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return int(s[0].Value.Uint64())
}

func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func cycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func TestSetRespectsGOGC(t *testing.T) {
	t.Setenv("GOGC", "100")
	defer reset()
	if Set(32 << 20) {
		t.Fatal("Set changed the pace although GOGC is set")
	}
	if got := gogc(); got != 100 {
		t.Errorf("GOGC is %d, want the user's 100", got)
	}
}

func TestSetRefusesFloorUnderMinimum(t *testing.T) {
	defer reset()
	if Set(1 << 20) {
		t.Fatal("Set took a floor under the runtime's 4 MB minimum")
	}
}

// TestSetRetunesAfterEachCollection holds a live heap, collects, and checks
// that the tuner ran after each collection and set the percentage for the
// heap then live: the floor while the heap is small, the default pace once
// twice the live heap is over the floor.
func TestSetRetunesAfterEachCollection(t *testing.T) {
	if _, ok := os.LookupEnv("GOGC"); ok {
		t.Skip("GOGC is set in the environment")
	}
	const floor = 16 << 20
	// The collection count at each tuning: a collection the runtime
	// started by itself may be tuned for before the one the test made.
	tuned := make(chan uint64, 64)
	mu.Lock()
	afterTune = func() {
		select {
		case tuned <- cycles():
		default:
		}
	}
	mu.Unlock()
	defer func() {
		mu.Lock()
		afterTune = nil
		mu.Unlock()
		reset()
	}()
	if !Set(floor) {
		t.Fatal("Set refused a 16 MB floor")
	}
	<-tuned
	if got, want := gogc(), Percent(floor, liveHeap()); got != want {
		t.Errorf("after Set: GOGC %d, want %d", got, want)
	}
	var keep [][]byte
	for _, size := range []int{0, 4 << 20, 16 << 20} {
		if size > 0 {
			keep = append(keep, make([]byte, size))
		}
		runtime.GC()
		for done := cycles(); <-tuned < done; {
		}
		live := liveHeap()
		if got, want := gogc(), Percent(floor, live); got != want {
			t.Errorf("%d MB live: GOGC %d, want %d", live>>20, got, want)
		}
	}
	runtime.KeepAlive(keep)
	if got := gogc(); got != 100 {
		t.Errorf("with more live than half the floor: GOGC %d, want 100", got)
	}
}
