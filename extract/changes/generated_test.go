package changes

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/normalize"
	"github.com/dpa-nl/dpa/testdata/layoutgen"
)

// The generated test invents agreements with layoutgen, changes some of
// their fields by construction (the truth), and writes each version as a
// record the way different formats and layouts come out of extraction:
// names in other case and legal-form spelling, lists in other orders,
// equal periods in other units, postcodes without their space, evidence on
// other pages, OCR flags. The expected events come from comparing the two
// truths exactly; Diff must find them through that noise.

// truth is an agreement's content with canonical values.
type truth struct {
	name, kvk, postcode, city string
	model, basis              string
	products                  []string
	subs                      []truthSub
	retention                 []truthPeriod // one per trigger
	biv                       [3]int        // 0: no BIV
	controls                  [4]int        // all 0: no control table
	breach                    int           // 0: not stated
	groups, categories        []string
}

type truthSub struct {
	name      string
	countries []string
}

type truthPeriod struct{ duration, bound, trigger string }

// equivalent lists ISO durations of the same length (within 5 %) as
// agreements may write them.
var equivalent = map[string][]string{
	"P3M": {"P13W", "P91D"}, "P6M": {"P26W", "P182D"}, "P2Y": {"P24M", "P104W"}, "P18M": {"P78W"},
	"P90D": {"P3M", "P13W"}, "P14D": {"P2W"}, "P4W": {"P28D"}, "P1Y": {"P12M", "P52W"},
}

// lengths are periods a mutation picks from; no two are within 5 %.
var lengths = []string{"P14D", "P4W", "P3M", "P6M", "P1Y", "P18M", "P2Y", "P5Y"}

var triggers = []string{"contract_end", "last_use", "creation", "school_year_end"}

var categoryPool = []string{"naam", "contact", "geslacht", "geboortedatum", "bsn", "onderwijsnummer", "eck_id",
	"onderwijsorganisatie", "studievoortgang", "gebruik", "ip_adres", "beeldmateriaal", "gezondheid"}

var groupPool = []string{"leerling", "medewerker", "ouder", "school"}

func truthOf(a layoutgen.Agreement) truth {
	t := truth{name: a.Supplier.Name, kvk: a.Supplier.KvK, postcode: a.Supplier.Postcode, city: a.Supplier.City,
		model: a.ModelVersion, basis: "AVG", products: slices.Clone(a.Products), breach: a.BreachHours, biv: a.BIV}
	for _, s := range a.Subprocessors {
		t.subs = append(t.subs, truthSub{s.Name, []string{s.Country.Code}})
	}
	for _, p := range a.Retention {
		t.retention = append(t.retention, truthPeriod{p.Duration, p.Bound, p.Trigger})
	}
	cats := map[string]bool{}
	for _, g := range a.Groups {
		t.groups = append(t.groups, g.Key)
		for _, c := range g.Categories {
			cats[c.Key] = true
		}
	}
	for c := range cats {
		t.categories = append(t.categories, c)
	}
	sort.Strings(t.categories)
	if a.BreachHours%2 == 0 {
		t.controls = [4]int{18 + a.BreachHours%5, 2, 1, 0}
	}
	return t
}

func (t truth) clone() truth {
	c := t
	c.products = slices.Clone(t.products)
	c.subs = nil
	for _, s := range t.subs {
		c.subs = append(c.subs, truthSub{s.name, slices.Clone(s.countries)})
	}
	c.retention = slices.Clone(t.retention)
	c.groups = slices.Clone(t.groups)
	c.categories = slices.Clone(t.categories)
	return c
}

func outside(t truth) (bool, []string) {
	set := map[string]bool{}
	for _, s := range t.subs {
		for _, c := range s.countries {
			if !normalize.InEEA(c) {
				set[c] = true
			}
		}
	}
	var out []string
	for c := range set {
		out = append(out, c)
	}
	sort.Strings(out)
	return len(out) > 0, out
}

// mutation changes one field of a truth; it reports false when the
// truth offers nothing to change that way.
type mutation struct {
	name   string
	change func(r *rand.Rand, t *truth) bool
}

var countryCodes = []string{"NL", "IE", "DE", "FR", "BE", "SE", "US", "GB", "CH", "IN"}

var mutations = []mutation{
	{"subprocessor added", func(r *rand.Rand, t *truth) bool {
		name := fmt.Sprintf("Nieuwdienst %s %d B.V.", []string{"Hosting", "Mail", "Analytics"}[r.IntN(3)], r.IntN(1000))
		t.subs = append(t.subs, truthSub{name, []string{countryCodes[r.IntN(len(countryCodes))]}})
		return true
	}},
	{"subprocessor removed", func(r *rand.Rand, t *truth) bool {
		if len(t.subs) < 2 {
			return false
		}
		i := r.IntN(len(t.subs))
		t.subs = slices.Delete(t.subs, i, i+1)
		return true
	}},
	{"subprocessor country added", func(r *rand.Rand, t *truth) bool {
		s := &t.subs[r.IntN(len(t.subs))]
		c := countryCodes[r.IntN(len(countryCodes))]
		if slices.Contains(s.countries, c) {
			return false
		}
		s.countries = append(s.countries, c)
		sort.Strings(s.countries)
		return true
	}},
	{"subprocessor country moved", func(r *rand.Rand, t *truth) bool {
		s := &t.subs[r.IntN(len(t.subs))]
		c := countryCodes[r.IntN(len(countryCodes))]
		if slices.Contains(s.countries, c) {
			return false
		}
		s.countries = []string{c}
		return true
	}},
	{"retention changed", func(r *rand.Rand, t *truth) bool {
		p := &t.retention[r.IntN(len(t.retention))]
		l := lengths[r.IntN(len(lengths))]
		a, _ := normalize.DurationDays(l)
		b, _ := normalize.DurationDays(p.duration)
		if math.Abs(a-b) <= 0.05*math.Max(a, b) { // the same length written otherwise
			return false
		}
		p.duration = l
		return true
	}},
	{"retention added", func(r *rand.Rand, t *truth) bool {
		tr := triggers[r.IntN(len(triggers))]
		if slices.ContainsFunc(t.retention, func(p truthPeriod) bool { return p.trigger == tr }) {
			return false
		}
		t.retention = append(t.retention, truthPeriod{lengths[r.IntN(len(lengths))], "max", tr})
		return true
	}},
	{"retention removed", func(r *rand.Rand, t *truth) bool {
		if len(t.retention) < 2 {
			return false
		}
		i := r.IntN(len(t.retention))
		t.retention = slices.Delete(t.retention, i, i+1)
		return true
	}},
	{"biv changed", func(r *rand.Rand, t *truth) bool {
		i := r.IntN(3)
		t.biv[i] = t.biv[i]%3 + 1
		return true
	}},
	{"rosa controls changed", func(r *rand.Rand, t *truth) bool {
		t.controls[r.IntN(4)] += 1 + r.IntN(3)
		return true
	}},
	{"breach changed", func(r *rand.Rand, t *truth) bool {
		h := []int{24, 36, 48, 72}[r.IntN(4)]
		if h == t.breach {
			return false
		}
		t.breach = h
		return true
	}},
	{"model version changed", func(r *rand.Rand, t *truth) bool {
		t.model = map[string]string{"3.0": "4.0", "4.0": "3.0"}[t.model]
		return true
	}},
	{"legal basis changed", func(r *rand.Rand, t *truth) bool {
		t.basis = map[string]string{"AVG": "Wbp", "Wbp": "AVG"}[t.basis]
		return true
	}},
	{"data category added", func(r *rand.Rand, t *truth) bool {
		c := categoryPool[r.IntN(len(categoryPool))]
		if slices.Contains(t.categories, c) {
			return false
		}
		t.categories = append(t.categories, c)
		sort.Strings(t.categories)
		return true
	}},
	{"data category removed", func(r *rand.Rand, t *truth) bool {
		if len(t.categories) < 2 {
			return false
		}
		i := r.IntN(len(t.categories))
		t.categories = slices.Delete(t.categories, i, i+1)
		return true
	}},
	{"subject group added", func(r *rand.Rand, t *truth) bool {
		g := groupPool[r.IntN(len(groupPool))]
		if slices.Contains(t.groups, g) {
			return false
		}
		t.groups = append(t.groups, g)
		return true
	}},
	{"subject group removed", func(r *rand.Rand, t *truth) bool {
		if len(t.groups) < 2 {
			return false
		}
		i := r.IntN(len(t.groups))
		t.groups = slices.Delete(t.groups, i, i+1)
		return true
	}},
	{"product added", func(r *rand.Rand, t *truth) bool {
		p := []string{"Leesbaak", "Rekenroute", "Woordwerf", "Taalklok"}[r.IntN(4)]
		if slices.Contains(t.products, p) {
			return false
		}
		t.products = append(t.products, p)
		return true
	}},
	{"product removed", func(r *rand.Rand, t *truth) bool {
		if len(t.products) < 2 {
			return false
		}
		t.products = t.products[1:]
		return true
	}},
	{"supplier renamed", func(r *rand.Rand, t *truth) bool {
		n := []string{"Leerkompas B.V.", "Didactica Software B.V.", "Uitgeverij Schoolbord B.V."}[r.IntN(3)]
		if n == t.name {
			return false
		}
		t.name = n
		return true
	}},
	{"supplier kvk changed", func(r *rand.Rand, t *truth) bool {
		t.kvk = fmt.Sprintf("%d%07d", 1+r.IntN(9), r.IntN(10_000_000))
		return true
	}},
	{"supplier moved", func(r *rand.Rand, t *truth) bool {
		to := [][2]string{{"9711 XY", "Groningen"}, {"2311 QQ", "Leiden"}}[r.IntN(2)]
		if to[1] == t.city {
			return false
		}
		t.postcode, t.city = to[0], to[1]
		return true
	}},
}

// expected compares two truths exactly: the events Diff must report, as
// keys "type|subject|country".
func expected(o, n truth) []string {
	var out []string
	add := func(t Type, subject, country string) {
		out = append(out, string(t)+"|"+normalize.NameKey(subject)+"|"+country)
	}
	if o.name != n.name {
		add(SupplierNameChanged, "", "")
	}
	if o.kvk != n.kvk {
		add(SupplierKvKChanged, "", "")
	}
	if o.postcode != n.postcode || o.city != n.city {
		add(SupplierAddressChanged, "", "")
	}
	if o.model != n.model {
		add(ModelVersionChanged, "", "")
	}
	if o.basis != n.basis {
		add(LegalBasisChanged, "", "")
	}
	setDiff := func(added, removed Type, a, b []string) {
		for _, x := range a {
			if !slices.Contains(b, x) {
				add(removed, x, "")
			}
		}
		for _, x := range b {
			if !slices.Contains(a, x) {
				add(added, x, "")
			}
		}
	}
	setDiff(ProductAdded, ProductRemoved, o.products, n.products)
	subs := func(t truth) map[string][]string {
		m := map[string][]string{}
		for _, s := range t.subs {
			m[s.name] = s.countries
		}
		return m
	}
	os, ns := subs(o), subs(n)
	for name, cs := range os {
		ncs, ok := ns[name]
		if !ok {
			add(SubprocessorRemoved, name, "")
			continue
		}
		for _, c := range cs {
			if !slices.Contains(ncs, c) {
				add(SubprocessorCountryRemoved, name, c)
			}
		}
		for _, c := range ncs {
			if !slices.Contains(cs, c) {
				add(SubprocessorCountryAdded, name, c)
			}
		}
	}
	for name := range ns {
		if _, ok := os[name]; !ok {
			add(SubprocessorAdded, name, "")
		}
	}
	if oo, _ := outside(o); oo != func() bool { no, _ := outside(n); return no }() {
		add(OutsideEEAChanged, "", "")
	}
	periods := func(t truth) map[string]truthPeriod {
		m := map[string]truthPeriod{}
		for _, p := range t.retention {
			m[p.trigger] = p
		}
		return m
	}
	op, np := periods(o), periods(n)
	for tr, p := range op {
		q, ok := np[tr]
		switch {
		case !ok:
			add(RetentionRemoved, tr, "")
		case p != q:
			add(RetentionChanged, tr, "")
		}
	}
	for tr := range np {
		if _, ok := op[tr]; !ok {
			add(RetentionAdded, tr, "")
		}
	}
	if o.biv != n.biv {
		add(BIVChanged, "", "")
	}
	if o.controls != n.controls {
		add(ROSAControlsChanged, "", "")
	}
	if o.breach != n.breach {
		add(BreachDeadlineChanged, "", "")
	}
	setDiff(SubjectGroupAdded, SubjectGroupRemoved, o.groups, n.groups)
	setDiff(DataCategoryAdded, DataCategoryRemoved, o.categories, n.categories)
	return out
}

// key is an event's key as expected writes it.
func key(e Event) string {
	return string(e.Type) + "|" + normalize.NameKey(e.Subject) + "|" + e.Country
}

// writeRecord writes a truth as one format and layout's extraction would:
// the same values in another spelling, order and place.
func writeRecord(r *rand.Rand, t truth) *extract.Record {
	rec := &extract.Record{Kind: "verwerkersovereenkomst", Evidence: map[string][]extract.Evidence{}}
	page := 1 + r.IntN(3)
	offset := r.IntN(500)
	ocr := r.IntN(4) == 0
	cite := func(path, quote string) {
		start := offset
		offset += len(quote) + 1 + r.IntN(40)
		ev := extract.Evidence{Page: page, Start: start, End: start + len(quote), Quote: quote, Confidence: 0.9, OCR: ocr}
		if ocr {
			ev.OCRConfidence = 80 + r.Float64()*15
		}
		rec.Evidence[path] = append(rec.Evidence[path], ev)
		if r.IntN(5) == 0 {
			page++
		}
	}
	rec.Processor = extract.Party{Name: ptr(spell(r, t.name)), KvK: ptr(t.kvk), Postcode: ptr(t.postcode), City: ptr(t.city)}
	if r.IntN(2) == 0 {
		rec.Processor.Postcode = ptr(strings.ReplaceAll(t.postcode, " ", ""))
	}
	if r.IntN(3) == 0 {
		rec.Processor.City = ptr(strings.ToUpper(t.city))
	}
	cite("processor.name", *rec.Processor.Name)
	cite("processor.kvk", t.kvk)
	cite("processor.postcode", t.postcode)
	cite("processor.city", t.city)
	rec.ModelVersion, rec.LegalBasis = ptr(t.model), ptr(t.basis)
	cite("model_version", "Model "+t.model)
	cite("legal_basis", t.basis)
	for _, p := range shuffled(r, t.products) {
		name := p
		if r.IntN(3) == 0 {
			name = strings.ToUpper(p)
		}
		cite(fmt.Sprintf("products[%d]", len(rec.Products)), name)
		rec.Products = append(rec.Products, name)
	}
	for _, s := range shuffled(r, t.subs) {
		i := len(rec.Subprocessors)
		name := spell(r, s.name)
		cite(fmt.Sprintf("subprocessors[%d].name", i), name)
		cite(fmt.Sprintf("subprocessors[%d].countries", i), strings.Join(s.countries, " en "))
		rec.Subprocessors = append(rec.Subprocessors, extract.Subprocessor{Name: name, Countries: slices.Clone(s.countries)})
	}
	out, codes := outside(t)
	rec.OutsideEEA, rec.OutsideEEACountries = ptr(out), codes
	cite("outside_eea", "buiten de EER")
	for _, p := range shuffled(r, t.retention) {
		d := p.duration
		if eq := equivalent[d]; len(eq) > 0 && r.IntN(2) == 0 {
			d = eq[r.IntN(len(eq))]
		}
		days, _ := normalize.DurationDays(d)
		cite(fmt.Sprintf("retention[%d]", len(rec.Retention)), d+" "+p.trigger)
		rec.Retention = append(rec.Retention, extract.Retention{Duration: ptr(d), Bound: p.bound, Trigger: p.trigger, Days: days})
	}
	if t.biv != [3]int{} {
		rec.BIV = &extract.BIV{Availability: [2]int{t.biv[0], t.biv[0]}, Integrity: [2]int{t.biv[1], t.biv[1]}, Confidentiality: [2]int{t.biv[2], t.biv[2]}}
		cite("biv.availability", "BIV")
	}
	if t.controls != [4]int{} {
		rec.ROSA.Controls = &extract.Controls{Voldaan: t.controls[0], Alternatief: t.controls[1], Gedeeltelijk: t.controls[2], NietVoldaan: t.controls[3]}
		cite("rosa.controls", "Maatregel")
	}
	if t.breach != 0 {
		rec.BreachHours = ptr(t.breach)
		cite("breach_notification_hours", fmt.Sprintf("binnen %d uur", t.breach))
	}
	rec.SubjectGroups = shuffled(r, t.groups)
	for i, g := range rec.SubjectGroups {
		cite(fmt.Sprintf("subject_groups[%d]", i), g)
	}
	rec.DataCategories = slices.Clone(t.categories)
	for i, c := range rec.DataCategories {
		cite(fmt.Sprintf("data_categories[%d]", i), c)
	}
	return rec
}

// spell writes a name as another format or layout may: upper case, or
// its legal form abbreviated otherwise.
func spell(r *rand.Rand, name string) string {
	switch r.IntN(5) {
	case 0:
		return strings.ToUpper(name)
	case 1:
		for _, sw := range [][2]string{{"B.V.", "BV"}, {"Ltd", "Limited"}, {"Inc.", "Inc"}, {"Pvt. Ltd.", "Pvt Ltd"}, {"NV", "N.V."}, {"SAS", "S.A.S."}} {
			if strings.HasSuffix(name, " "+sw[0]) {
				return strings.TrimSuffix(name, sw[0]) + sw[1]
			}
		}
	case 2:
		base, _ := normalize.SplitLegalForm(name)
		return base
	}
	return name
}

func shuffled[T any](r *rand.Rand, l []T) []T {
	out := slices.Clone(l)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// pair is one generated version pair.
type pair struct {
	kind     string // "same", "one", "several"
	old, new *extract.Record
	want     []string
}

// generatePairs makes n pairs of each kind: same content written
// differently, one field changed, several fields changed.
func generatePairs(n int) []pair {
	var pairs []pair
	for i := range 3 * n {
		r := rand.New(rand.NewPCG(uint64(i), 15))
		a := layoutgen.Generate(uint64(1000+i), 0, r.IntN(3) == 0)
		o := truthOf(a)
		nt := o.clone()
		kind := []string{"same", "one", "several"}[i%3]
		changes := map[string]int{"same": 0, "one": 1, "several": 2 + r.IntN(3)}[kind]
		for done := 0; done < changes; {
			m := mutations[(i/3+done*7+r.IntN(len(mutations)))%len(mutations)]
			if m.change(r, &nt) {
				done++
			}
		}
		want := expected(o, nt)
		if kind != "same" && len(want) == 0 {
			kind = "same" // changes that undid each other
		}
		pairs = append(pairs, pair{kind, writeRecord(r, o), writeRecord(r, nt), want})
	}
	return pairs
}

// counts are true positives, false positives and false negatives.
type counts struct{ tp, fp, fn int }

func (c counts) precision() float64 {
	if c.tp+c.fp == 0 {
		return 1
	}
	return float64(c.tp) / float64(c.tp+c.fp)
}

func (c counts) recall() float64 {
	if c.tp+c.fn == 0 {
		return 1
	}
	return float64(c.tp) / float64(c.tp+c.fn)
}

// TestGeneratedPairs computes precision and recall of Diff per event type
// over generated version pairs and checks same-content pairs give no event.
func TestGeneratedPairs(t *testing.T) {
	pairs := generatePairs(150)
	per := map[Type]*counts{}
	for _, ty := range Types {
		per[ty] = &counts{}
	}
	var total counts
	for i, p := range pairs {
		got := Diff(p.old, p.new)
		if p.kind == "same" && len(got) > 0 {
			t.Errorf("pair %d (same content): %d events, first %v", i, len(got), got[0])
		}
		want := slices.Clone(p.want)
		for _, e := range got {
			k := key(e)
			c := per[e.Type]
			if j := slices.Index(want, k); j >= 0 {
				want = slices.Delete(want, j, j+1)
				c.tp++
				total.tp++
				continue
			}
			c.fp++
			total.fp++
			t.Logf("pair %d (%s): unexpected %v", i, p.kind, e)
		}
		for _, k := range want {
			per[Type(strings.SplitN(k, "|", 2)[0])].fn++
			total.fn++
			t.Logf("pair %d (%s): missed %s", i, p.kind, k)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n%d pairs\n| event type | expected | found | precision | recall |\n|---|---|---|---|---|\n", len(pairs))
	for _, ty := range Types {
		c := per[ty]
		fmt.Fprintf(&b, "| %s | %d | %d | %.3f | %.3f |\n", ty, c.tp+c.fn, c.tp+c.fp, c.precision(), c.recall())
		if c.tp+c.fn == 0 {
			t.Errorf("%s: no generated pair expects it", ty)
		}
	}
	fmt.Fprintf(&b, "| all | %d | %d | %.3f | %.3f |\n", total.tp+total.fn, total.tp+total.fp, total.precision(), total.recall())
	t.Log(b.String())
	if len(pairs) < 200 {
		t.Errorf("%d pairs, want at least 200", len(pairs))
	}
	for _, ty := range Types {
		if c := per[ty]; c.precision() < 0.99 || c.recall() < 0.95 {
			t.Errorf("%s: precision %.3f recall %.3f, want ≥ 0.99 and ≥ 0.95", ty, c.precision(), c.recall())
		}
	}
}

// TestGeneratedPairsEvidence checks every event cites the version(s) that
// hold its values.
func TestGeneratedPairsEvidence(t *testing.T) {
	for i, p := range generatePairs(30) {
		for _, e := range Diff(p.old, p.new) {
			if e.Old != "" && len(e.OldEvidence) == 0 && e.Type != OutsideEEAChanged {
				t.Errorf("pair %d: %v has no evidence in the old version", i, e)
			}
			if e.New != "" && len(e.NewEvidence) == 0 {
				t.Errorf("pair %d: %v has no evidence in the new version", i, e)
			}
		}
	}
}
