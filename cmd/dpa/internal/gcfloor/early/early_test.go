package early

import (
	"os"
	"runtime/metrics"
	"testing"
)

// TestFloorSet checks that importing the package set the floor: with a
// small live heap the collector's percentage is above the default.
func TestFloorSet(t *testing.T) {
	if _, ok := os.LookupEnv("GOGC"); ok {
		t.Skip("GOGC is set in the environment")
	}
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if live := s[1].Value.Uint64(); live > Floor/2 {
		t.Skipf("%d MB live: the default pace", live>>20)
	}
	if p := s[0].Value.Uint64(); p <= 100 {
		t.Errorf("GOGC %d with a small heap, want the floor's (above 100)", p)
	}
}
