package pdf

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// TestMemoryBudget reads documents whose pages together need more than the
// memory budget, several files at once and several pages at a time: every
// page is read (pages give way and come back, none deadlock), and a page
// that alone needs more than the budget fails its file with ErrTooLarge.
func TestMemoryBudget(t *testing.T) {
	SetMemoryBudget(4 << 20)
	defer SetMemoryBudget(0)
	var pages []string
	for i := range 6 {
		// About 1.5 MB of content per page: three pages fill the budget.
		pages = append(pages, fmt.Sprintf("BT /F1 10 Tf 72 700 Td (pagina%d) Tj ET\n", i+1)+strings.Repeat("% opvulling\n", 1500<<10/12))
	}
	doc := simpleDocFlate(true, pages...)
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := ReadBytes(context.Background(), doc, Limits{Workers: 4})
			if err != nil {
				t.Error(err)
				return
			}
			for i, p := range res.Pages {
				if want := fmt.Sprintf("pagina%d\n", i+1); p.Text != want {
					t.Errorf("page %d: %q, want %q", i+1, p.Text, want)
				}
			}
		}()
	}
	wg.Wait()
	if memory.used != 0 || len(memory.waiters) != 0 {
		t.Errorf("budget not given back: %d bytes used, %d waiters", memory.used, len(memory.waiters))
	}

	big := simpleDocFlate(true, "BT /F1 10 Tf 72 700 Td (groot) Tj ET\n"+strings.Repeat(" ", 5<<20))
	if _, err := ReadBytes(context.Background(), big, Limits{Workers: 4}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("a page over the budget: got %v, want ErrTooLarge", err)
	}
}
