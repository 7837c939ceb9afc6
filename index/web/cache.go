package web

import (
	"sync"
	"time"
)

// cache keeps recent search answers, encoded, for a short time: auditors
// repeat searches (the landing page, a filter toggled back), and a search
// with facets costs milliseconds of CPU that a busy server cannot spare for
// every identical request. Entries expire after ttl, so that a per-call
// server sees what a writer committed meanwhile; the oldest entry goes
// first when the cache is full.
type cache struct {
	mu       sync.Mutex
	ttl      time.Duration
	max      int
	m        map[string]cacheEntry
	order    []string // keys, oldest first
	inflight map[string]*flight
}

// flight is one computation of an answer that identical requests arriving
// meanwhile wait for, rather than each running the same search.
type flight struct {
	done chan struct{}
	body []byte
	err  error
}

type cacheEntry struct {
	body []byte
	at   time.Time
}

func newCache(ttl time.Duration, max int) *cache {
	return &cache{ttl: ttl, max: max, m: map[string]cacheEntry{}, inflight: map[string]*flight{}}
}

// do returns the fresh answer under key, or computes it with fn once for
// all the callers asking at the same time, and stores it when fn succeeds.
func (c *cache) do(key string, fn func() ([]byte, error)) ([]byte, error) {
	if c == nil {
		return fn()
	}
	if body, ok := c.get(key); ok {
		return body, nil
	}
	c.mu.Lock()
	if f, ok := c.inflight[key]; ok {
		c.mu.Unlock()
		<-f.done
		return f.body, f.err
	}
	f := &flight{done: make(chan struct{})}
	c.inflight[key] = f
	c.mu.Unlock()
	f.body, f.err = fn()
	if f.err == nil {
		c.put(key, f.body)
	}
	c.mu.Lock()
	delete(c.inflight, key)
	c.mu.Unlock()
	close(f.done)
	return f.body, f.err
}

// get returns the answer stored under key when it is fresh.
func (c *cache) get(key string) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || time.Since(e.at) > c.ttl {
		return nil, false
	}
	return e.body, true
}

// put stores body under key, dropping the oldest entries beyond max.
func (c *cache) put(key string, body []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[key]; !ok {
		c.order = append(c.order, key)
	}
	c.m[key] = cacheEntry{body: body, at: time.Now()}
	for len(c.order) > c.max {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
}
