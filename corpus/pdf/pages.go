package pdf

import (
	"fmt"
	"strings"

	lib "github.com/ledongthuc/pdf"
)

// maxTreeDepth bounds the nesting of the page tree.
const maxTreeDepth = 64

// pageRef is one page found in the page tree, with what it inherits.
type pageRef struct {
	v         lib.Value
	resources lib.Value
}

// dictRefs returns, for each key of the dictionary v whose value is an
// indirect reference, the reference ("12 0 R"). The library resolves
// references away in its accessors but prints them in String, and that is
// the only way to learn an object's identity through its API.
func dictRefs(v lib.Value) map[string]string {
	keys := v.Keys()
	if len(keys) == 0 {
		return nil
	}
	s := v.String()
	refs := make(map[string]string, len(keys))
	pos := 0
	for _, k := range keys {
		i := strings.Index(s[pos:], "/"+k+" ")
		if i < 0 {
			continue
		}
		pos += i + len(k) + 2
		if ref, n := scanRef(s[pos:]); n > 0 {
			refs[k] = ref
			pos += n
		}
	}
	return refs
}

// arrayRefs returns the reference of each element of the array v, "" for an
// element that is not a reference.
func arrayRefs(v lib.Value) []string {
	n := v.Len()
	if n == 0 {
		return nil
	}
	s := v.String()
	s = strings.TrimPrefix(s, "[")
	refs := make([]string, n)
	for i := 0; i < n && len(s) > 0; i++ {
		ref, m := scanRef(s)
		if m == 0 {
			// Not a plain reference: the rest cannot be aligned reliably.
			return refs
		}
		refs[i] = ref
		s = strings.TrimLeft(s[m:], " ")
	}
	return refs
}

// scanRef reads "N G R" at the start of s and returns it and its length.
func scanRef(s string) (string, int) {
	i := 0
	digits := func() bool {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i > j
	}
	if !digits() || i >= len(s) || s[i] != ' ' {
		return "", 0
	}
	i++
	if !digits() || i+1 >= len(s) || s[i] != ' ' || s[i+1] != 'R' {
		return "", 0
	}
	i += 2
	if i < len(s) && s[i] != ' ' && s[i] != ']' && s[i] != '>' {
		return "", 0
	}
	return s[:i], i
}

// pages walks the page tree once, depth first, and returns the pages in order.
// A node reached twice (a loop) is skipped with a warning; a tree whose every
// path loops is an ErrCyclic error.
func (d *doc) pages() ([]pageRef, []string, error) {
	catalog := d.r.Trailer().Key("Root")
	if catalog.Kind() != lib.Dict {
		return nil, nil, fail(ErrDamaged, "no document catalog")
	}
	root := catalog.Key("Pages")
	if root.Kind() != lib.Dict {
		return nil, nil, fail(ErrDamaged, "no page tree")
	}
	w := treeWalk{d: d, seen: map[string]bool{}}
	w.node(root, dictRefs(catalog)["Pages"], lib.Value{}, 0)
	if w.err != nil {
		return nil, w.warnings, w.err
	}
	if len(w.out) == 0 {
		if w.loops > 0 {
			return nil, w.warnings, fail(ErrCyclic, "%s", strings.Join(w.warnings, "; "))
		}
		return nil, w.warnings, &Error{Err: ErrNoPages}
	}
	return w.out, w.warnings, nil
}

type treeWalk struct {
	d        *doc
	seen     map[string]bool
	out      []pageRef
	warnings []string
	loops    int
	err      error
}

func (w *treeWalk) node(v lib.Value, ref string, resources lib.Value, depth int) {
	if w.err != nil {
		return
	}
	if err := w.d.ctx.Err(); err != nil {
		w.err = timeoutError(w.d.ctx)
		return
	}
	if ref != "" {
		if w.seen[ref] {
			w.loops++
			w.warnings = append(w.warnings, fmt.Sprintf("page tree loop: object %s reached twice, skipped", ref))
			return
		}
		w.seen[ref] = true
	}
	if depth > maxTreeDepth {
		w.err = fail(ErrCyclic, "page tree deeper than %d levels", maxTreeDepth)
		return
	}
	if r := v.Key("Resources"); r.Kind() == lib.Dict {
		resources = r
	}
	kids := v.Key("Kids")
	typ := v.Key("Type").Name()
	if typ == "Page" || typ != "Pages" && kids.Kind() != lib.Array {
		if len(w.out) >= w.d.lim.MaxPages {
			w.err = fail(ErrTooLarge, "more than %d pages", w.d.lim.MaxPages)
			return
		}
		w.out = append(w.out, pageRef{v: v, resources: resources})
		return
	}
	refs := arrayRefs(kids)
	for i := 0; i < kids.Len(); i++ {
		kid := kids.Index(i)
		if kid.Kind() != lib.Dict {
			w.warnings = append(w.warnings, fmt.Sprintf("page tree: kid %d of %s is not a dictionary, skipped", i, ref))
			continue
		}
		w.node(kid, refs[i], resources, depth+1)
	}
}
