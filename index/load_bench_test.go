package index_test

import (
	"context"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/dpa-nl/dpa/index"
	"github.com/dpa-nl/dpa/index/web"
)

// loadDuration is how long each load level runs.
const loadDuration = 8 * time.Second

// BenchmarkServeLoad is the load an auditors' office puts on dpa serve: a
// seeded generator sends varying /api/search requests over loopback —
// free text, field queries, ranges, filters, facets, sorting, paging — to
// a server on the 10,000-document benchmark index with its answer cache
// off, so every request is computed. It reports requests/s and the p50 and
// p99 latency at 4 and at 50 concurrent clients.
func BenchmarkServeLoad(b *testing.B) {
	ix := index.BuildBenchIndex(b)
	srv := httptest.NewServer(web.New(ix, web.Options{CacheTTL: -1}))
	defer srv.Close()
	reqs := loadRequests(20000)
	for _, clients := range []int{4, 50} {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
			var lat []time.Duration
			cpu0 := index.ProcessCPU()
			for i := 0; i < b.N; i++ {
				lat = append(lat, runLoad(b, srv.URL, reqs, clients, loadDuration)...)
			}
			cpu := index.ProcessCPU() - cpu0
			b.StopTimer()
			if len(lat) == 0 {
				b.Fatal("no request was answered")
			}
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
			b.ReportMetric(float64(len(lat))/(float64(b.N)*loadDuration.Seconds()), "req/s")
			b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
			b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
			// CPU per request (server and load generator together) holds
			// on a busy machine, where the wall-clock figures do not.
			b.ReportMetric(ms(cpu)/float64(len(lat)), "cpu-ms/req")
		})
	}
}

// loadRequests returns n request query strings: the benchmark's query mix
// combined with the web page's filters, facets, sort orders and pages.
func loadRequests(n int) []string {
	r := rand.New(rand.NewSource(4))
	qs := index.BenchQueries(n)
	out := make([]string, n)
	for i, q := range qs {
		v := url.Values{}
		if r.Intn(5) > 0 {
			v.Set("q", q)
		}
		switch r.Intn(4) {
		case 0:
			v.Set("outside_eea", "true")
		case 1:
			v.Set("country", []string{"US", "IE", "DE", "GB"}[r.Intn(4)])
		}
		if r.Intn(3) == 0 {
			v.Set("sort", []string{"supplier", "path"}[r.Intn(2)])
		}
		if r.Intn(4) == 0 {
			v.Set("offset", fmt.Sprint(20*r.Intn(5)))
		}
		if r.Intn(4) == 0 {
			v.Set("facets", "0")
		}
		out[i] = v.Encode()
	}
	return out
}

// runLoad sends requests from clients goroutines for d and returns each
// answered request's latency. Request i goes to client i mod clients, so
// the mix is the same whatever the speed.
func runLoad(tb testing.TB, base string, reqs []string, clients int, d time.Duration) []time.Duration {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	tr := &http.Transport{MaxIdleConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var mu sync.Mutex
	var all []time.Duration
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			var lat []time.Duration
			for i := c; ctx.Err() == nil; i += clients {
				req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/search?"+reqs[i%len(reqs)], nil)
				start := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						tb.Errorf("%s: %v", reqs[i%len(reqs)], err)
					}
					break // the load ended
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					tb.Errorf("%s: %s", reqs[i%len(reqs)], resp.Status)
					return
				}
				lat = append(lat, time.Since(start))
			}
			mu.Lock()
			all = append(all, lat...)
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	return all
}
