package web

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestCache(t *testing.T) {
	c := newCache(time.Hour, 2)
	c.put("a", []byte("1"))
	c.put("b", []byte("2"))
	c.put("a", []byte("3")) // replaces, does not grow
	if b, ok := c.get("a"); !ok || string(b) != "3" {
		t.Errorf("get a = %q, %v", b, ok)
	}
	c.put("c", []byte("4")) // full: the oldest key (a) goes
	for _, tc := range []struct {
		key  string
		want bool
	}{{"a", false}, {"b", true}, {"c", true}} {
		if _, ok := c.get(tc.key); ok != tc.want {
			t.Errorf("get %s: %v, want %v", tc.key, ok, tc.want)
		}
	}
	stale := newCache(time.Nanosecond, 2)
	stale.put("a", []byte("1"))
	time.Sleep(time.Millisecond)
	if _, ok := stale.get("a"); ok {
		t.Error("an expired entry was returned")
	}
	var off *cache
	off.put("a", nil)
	if _, ok := off.get("a"); ok {
		t.Error("a nil cache returned an entry")
	}
	big := newCache(time.Hour, 100)
	for i := 0; i < 1000; i++ {
		big.put(fmt.Sprint(i), nil)
	}
	if len(big.m) != 100 || len(big.order) != 100 {
		t.Errorf("cache grew to %d entries (%d keys), want 100", len(big.m), len(big.order))
	}
}

// TestCacheDoOnce checks that identical requests arriving together run the
// search once, and that a failure is not kept.
func TestCacheDoOnce(t *testing.T) {
	c := newCache(time.Hour, 10)
	var runs atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := c.do("q", func() ([]byte, error) {
				runs.Add(1)
				<-release
				return []byte("answer"), nil
			})
			if err != nil || string(b) != "answer" {
				t.Errorf("do = %q, %v", b, err)
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := runs.Load(); n != 1 {
		t.Errorf("the search ran %d times for 20 identical requests", n)
	}
	if _, err := c.do("bad", func() ([]byte, error) { return nil, errors.New("boom") }); err == nil {
		t.Error("error lost")
	}
	if _, ok := c.get("bad"); ok {
		t.Error("a failed answer was kept")
	}
}
