// Package changes compares two versions of an agreement's record and
// reports, field by field, what changed: a sub-processor added, a
// retention period lengthened, the breach deadline loosened. Each Event
// carries both values and the evidence for each in its own version.
//
// Matching is tolerant where documents vary without meaning anything:
// names are compared by normalize.NameKey (case, accents, punctuation and
// legal forms folded), lists as sets, retention periods paired by length
// within 5 %, and evidence positions never compared, so that the same
// agreement as PDF, DOCX, scan or re-saved file gives no event.
package changes

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/dpa-nl/dpa/extract"
	"github.com/dpa-nl/dpa/normalize"
)

// Type is the kind of a change event.
type Type string

// The event types, one per kind of change a privacy officer acts on.
const (
	SubprocessorAdded          Type = "subprocessor_added"
	SubprocessorRemoved        Type = "subprocessor_removed"
	SubprocessorCountryAdded   Type = "subprocessor_country_added"
	SubprocessorCountryRemoved Type = "subprocessor_country_removed"
	OutsideEEAChanged          Type = "outside_eea_changed"
	RetentionAdded             Type = "retention_added"
	RetentionRemoved           Type = "retention_removed"
	RetentionChanged           Type = "retention_changed"
	BIVChanged                 Type = "biv_changed"
	ROSAControlsChanged        Type = "rosa_controls_changed"
	BreachDeadlineChanged      Type = "breach_deadline_changed"
	ModelVersionChanged        Type = "model_version_changed"
	LegalBasisChanged          Type = "legal_basis_changed"
	DataCategoryAdded          Type = "data_category_added"
	DataCategoryRemoved        Type = "data_category_removed"
	SubjectGroupAdded          Type = "subject_group_added"
	SubjectGroupRemoved        Type = "subject_group_removed"
	ProductAdded               Type = "product_added"
	ProductRemoved             Type = "product_removed"
	SupplierNameChanged        Type = "supplier_name_changed"
	SupplierKvKChanged         Type = "supplier_kvk_changed"
	SupplierAddressChanged     Type = "supplier_address_changed"
)

// Types lists every event type in the order Diff reports them.
var Types = []Type{
	SupplierNameChanged, SupplierKvKChanged, SupplierAddressChanged,
	ModelVersionChanged, LegalBasisChanged, ProductAdded, ProductRemoved,
	SubprocessorAdded, SubprocessorRemoved, SubprocessorCountryAdded, SubprocessorCountryRemoved,
	OutsideEEAChanged, RetentionAdded, RetentionRemoved, RetentionChanged,
	BIVChanged, ROSAControlsChanged, BreachDeadlineChanged,
	SubjectGroupAdded, SubjectGroupRemoved, DataCategoryAdded, DataCategoryRemoved,
}

// Event is one change between two versions of an agreement.
type Event struct {
	Type Type `json:"type"`
	// Field is the record path the change is about ("subprocessors",
	// "retention", "processor.kvk").
	Field string `json:"field"`
	// Subject names what changed inside a list: the sub-processor, the
	// category, the retention trigger; empty for a single-valued field.
	Subject string `json:"subject,omitempty"`
	// Country is the country a sub-processor country event is about.
	Country string `json:"country,omitempty"`
	// Old and New are the values in the older and newer version, written
	// for people ("P6M max contract_end", "24", "US"); empty when absent.
	Old string `json:"old"`
	New string `json:"new"`
	// NonEEA is true when the change brings in a country outside the
	// European Economic Area (or outside_eea turned true).
	NonEEA bool `json:"non_eea,omitempty"`
	// OldEvidence and NewEvidence are the passages supporting Old and New
	// in their own version.
	OldEvidence []extract.Evidence `json:"old_evidence,omitempty"`
	NewEvidence []extract.Evidence `json:"new_evidence,omitempty"`
}

// Added reports whether the event adds something (a sub-processor, a
// country, a period, a category, a product).
func (e Event) Added() bool { return strings.HasSuffix(string(e.Type), "_added") }

// Removed reports whether the event removes something.
func (e Event) Removed() bool { return strings.HasSuffix(string(e.Type), "_removed") }

// String writes the event in one line for people: "subprocessor_added
// Postduif Mail Inc.: "" → "US" (non-EEA)".
func (e Event) String() string {
	s := string(e.Type)
	if e.Subject != "" {
		s += " " + e.Subject
	}
	if e.Country != "" {
		s += " (" + e.Country + ")"
	}
	s += fmt.Sprintf(": %q → %q", e.Old, e.New)
	if e.NonEEA {
		s += " (non-EEA)"
	}
	return s
}

// Diff returns what changed from old to new, in the order of Types and,
// within a type, by subject. A nil old (a first version) or nil new gives
// no events.
func Diff(old, new *extract.Record) []Event {
	if old == nil || new == nil {
		return nil
	}
	d := &differ{old: old, new: new}
	d.supplier()
	d.scalar(ModelVersionChanged, "model_version", str(old.ModelVersion), str(new.ModelVersion))
	d.scalar(LegalBasisChanged, "legal_basis", str(old.LegalBasis), str(new.LegalBasis))
	d.named(ProductAdded, ProductRemoved, "products", old.Products, new.Products)
	d.subprocessors()
	d.outsideEEA()
	d.retention()
	d.biv()
	d.controls()
	d.scalar(BreachDeadlineChanged, "breach_notification_hours", intStr(old.BreachHours), intStr(new.BreachHours))
	d.set(SubjectGroupAdded, SubjectGroupRemoved, "subject_groups", old.SubjectGroups, new.SubjectGroups)
	d.set(DataCategoryAdded, DataCategoryRemoved, "data_categories", old.DataCategories, new.DataCategories)
	order := map[Type]int{}
	for i, t := range Types {
		order[t] = i
	}
	slices.SortStableFunc(d.events, func(a, b Event) int {
		if c := order[a.Type] - order[b.Type]; c != 0 {
			return c
		}
		if c := strings.Compare(a.Subject, b.Subject); c != 0 {
			return c
		}
		return strings.Compare(a.Country, b.Country)
	})
	return d.events
}

type differ struct {
	old, new *extract.Record
	events   []Event
}

// add records an event with the evidence at oldPath in the old record and
// newPath in the new one.
func (d *differ) add(e Event, oldPath, newPath string) {
	if oldPath != "" {
		e.OldEvidence = d.old.Evidence[oldPath]
	}
	if newPath != "" {
		e.NewEvidence = d.new.Evidence[newPath]
	}
	d.events = append(d.events, e)
}

func (d *differ) scalar(t Type, path, o, n string) {
	if o != n {
		d.add(Event{Type: t, Field: path, Old: o, New: n}, path, path)
	}
}

func (d *differ) supplier() {
	op, np := d.old.Processor, d.new.Processor
	if normalize.NameKey(str(op.Name)) != normalize.NameKey(str(np.Name)) {
		d.add(Event{Type: SupplierNameChanged, Field: "processor.name", Old: str(op.Name), New: str(np.Name)}, "processor.name", "processor.name")
	}
	if digits(str(op.KvK)) != digits(str(np.KvK)) {
		d.add(Event{Type: SupplierKvKChanged, Field: "processor.kvk", Old: str(op.KvK), New: str(np.KvK)}, "processor.kvk", "processor.kvk")
	}
	oa, na := address(op), address(np)
	if compact(str(op.Postcode)) != compact(str(np.Postcode)) || normalize.Fold(str(op.City)) != normalize.Fold(str(np.City)) {
		e := Event{Type: SupplierAddressChanged, Field: "processor.address", Old: oa, New: na}
		e.OldEvidence = append(slices.Clone(d.old.Evidence["processor.postcode"]), d.old.Evidence["processor.city"]...)
		e.NewEvidence = append(slices.Clone(d.new.Evidence["processor.postcode"]), d.new.Evidence["processor.city"]...)
		d.events = append(d.events, e)
	}
}

func address(p extract.Party) string {
	return strings.TrimSpace(str(p.Postcode) + " " + str(p.City))
}

// named reports items of a list of names added and removed, names paired
// as nameMatch pairs them.
func (d *differ) named(added, removed Type, field string, old, new []string) {
	_, onlyOld, onlyNew := pairNames(old, new)
	for _, i := range onlyOld {
		d.add(Event{Type: removed, Field: field, Subject: old[i], Old: old[i]}, fmt.Sprintf("%s[%d]", field, i), "")
	}
	for _, j := range onlyNew {
		d.add(Event{Type: added, Field: field, Subject: new[j], New: new[j]}, "", fmt.Sprintf("%s[%d]", field, j))
	}
}

// set reports vocabulary values (categories, groups) added and removed.
func (d *differ) set(added, removed Type, field string, old, new []string) {
	for i, v := range old {
		if !slices.Contains(new, v) {
			d.add(Event{Type: removed, Field: field, Subject: v, Old: v}, fmt.Sprintf("%s[%d]", field, i), "")
		}
	}
	for j, v := range new {
		if !slices.Contains(old, v) {
			d.add(Event{Type: added, Field: field, Subject: v, New: v}, "", fmt.Sprintf("%s[%d]", field, j))
		}
	}
}

func (d *differ) subprocessors() {
	on, nn := subNames(d.old.Subprocessors), subNames(d.new.Subprocessors)
	pairs, onlyOld, onlyNew := pairNames(on, nn)
	for _, i := range onlyOld {
		s := d.old.Subprocessors[i]
		d.add(Event{Type: SubprocessorRemoved, Field: "subprocessors", Subject: s.Name, Old: countries(s.Countries)},
			fmt.Sprintf("subprocessors[%d].name", i), "")
	}
	for _, j := range onlyNew {
		s := d.new.Subprocessors[j]
		e := Event{Type: SubprocessorAdded, Field: "subprocessors", Subject: s.Name, New: countries(s.Countries), NonEEA: anyNonEEA(s.Countries)}
		e.NewEvidence = append(slices.Clone(d.new.Evidence[fmt.Sprintf("subprocessors[%d].name", j)]), d.new.Evidence[fmt.Sprintf("subprocessors[%d].countries", j)]...)
		d.events = append(d.events, e)
	}
	for _, p := range pairs {
		o, n := d.old.Subprocessors[p[0]], d.new.Subprocessors[p[1]]
		op, np := fmt.Sprintf("subprocessors[%d].countries", p[0]), fmt.Sprintf("subprocessors[%d].countries", p[1])
		for _, c := range o.Countries {
			if !slices.Contains(n.Countries, c) {
				d.add(Event{Type: SubprocessorCountryRemoved, Field: "subprocessors.countries", Subject: n.Name, Country: c,
					Old: countries(o.Countries), New: countries(n.Countries)}, op, np)
			}
		}
		for _, c := range n.Countries {
			if !slices.Contains(o.Countries, c) {
				d.add(Event{Type: SubprocessorCountryAdded, Field: "subprocessors.countries", Subject: n.Name, Country: c,
					Old: countries(o.Countries), New: countries(n.Countries), NonEEA: !normalize.InEEA(c)}, op, np)
			}
		}
	}
}

func (d *differ) outsideEEA() {
	o, n := boolStr(d.old.OutsideEEA), boolStr(d.new.OutsideEEA)
	if o == n {
		return
	}
	withCountries := func(v string, cs []string) string {
		if v == "true" && len(cs) > 0 {
			return v + " (" + countries(cs) + ")"
		}
		return v
	}
	d.add(Event{Type: OutsideEEAChanged, Field: "outside_eea", Old: withCountries(o, d.old.OutsideEEACountries),
		New: withCountries(n, d.new.OutsideEEACountries), NonEEA: n == "true"}, "outside_eea", "outside_eea")
}

// retention pairs the periods of both versions in three passes — same
// length (within 5 %) and trigger, same trigger, same length — and
// reports a paired period whose length, bound or trigger differs as
// changed and an unpaired one as added or removed.
func (d *differ) retention() {
	old, new := d.old.Retention, d.new.Retention
	usedO, usedN := make([]bool, len(old)), make([]bool, len(new))
	type pair struct{ i, j int }
	var pairs []pair
	passes := []func(a, b extract.Retention) bool{
		func(a, b extract.Retention) bool { return sameLength(a, b) && a.Trigger == b.Trigger },
		func(a, b extract.Retention) bool { return a.Trigger == b.Trigger && a.Trigger != "unspecified" },
		func(a, b extract.Retention) bool { return sameLength(a, b) && a.Duration != nil },
	}
	for _, match := range passes {
		for i, a := range old {
			for j, b := range new {
				if !usedO[i] && !usedN[j] && match(a, b) {
					usedO[i], usedN[j] = true, true
					pairs = append(pairs, pair{i, j})
				}
			}
		}
	}
	for _, p := range pairs {
		a, b := old[p.i], new[p.j]
		if sameLength(a, b) && a.Bound == b.Bound && a.Trigger == b.Trigger {
			continue
		}
		d.add(Event{Type: RetentionChanged, Field: "retention", Subject: b.Trigger, Old: period(a), New: period(b)},
			fmt.Sprintf("retention[%d]", p.i), fmt.Sprintf("retention[%d]", p.j))
	}
	for i, a := range old {
		if !usedO[i] {
			d.add(Event{Type: RetentionRemoved, Field: "retention", Subject: a.Trigger, Old: period(a)}, fmt.Sprintf("retention[%d]", i), "")
		}
	}
	for j, b := range new {
		if !usedN[j] {
			d.add(Event{Type: RetentionAdded, Field: "retention", Subject: b.Trigger, New: period(b)}, "", fmt.Sprintf("retention[%d]", j))
		}
	}
}

func (d *differ) biv() {
	o, n := bivStr(d.old.BIV), bivStr(d.new.BIV)
	if o == n {
		return
	}
	e := Event{Type: BIVChanged, Field: "biv", Old: o, New: n}
	for _, p := range []string{"biv.availability", "biv.integrity", "biv.confidentiality"} {
		e.OldEvidence = appendNew(e.OldEvidence, d.old.Evidence[p])
		e.NewEvidence = appendNew(e.NewEvidence, d.new.Evidence[p])
	}
	d.events = append(d.events, e)
}

func (d *differ) controls() {
	o, n := controlsStr(d.old.ROSA.Controls), controlsStr(d.new.ROSA.Controls)
	if o != n {
		d.add(Event{Type: ROSAControlsChanged, Field: "rosa.controls", Old: o, New: n}, "rosa.controls", "rosa.controls")
	}
}

// pairNames pairs two lists of names: equal keys first, then one key
// containing the other as whole words (at least four letters), so that
// "Datadijk" pairs with "Datadijk Cloud Services Ltd". It returns the
// pairs of indices and the unpaired indices of each list.
func pairNames(old, new []string) (pairs [][2]int, onlyOld, onlyNew []int) {
	ok, nk := keys(old), keys(new)
	usedO, usedN := make([]bool, len(old)), make([]bool, len(new))
	for _, match := range []func(a, b string) bool{
		func(a, b string) bool { return a == b },
		contains,
	} {
		for i := range ok {
			for j := range nk {
				if !usedO[i] && !usedN[j] && ok[i] != "" && match(ok[i], nk[j]) {
					usedO[i], usedN[j] = true, true
					pairs = append(pairs, [2]int{i, j})
				}
			}
		}
	}
	for i := range old {
		if !usedO[i] {
			onlyOld = append(onlyOld, i)
		}
	}
	for j := range new {
		if !usedN[j] {
			onlyNew = append(onlyNew, j)
		}
	}
	return pairs, onlyOld, onlyNew
}

func keys(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = normalize.NameKey(n)
	}
	return out
}

// contains reports whether one key holds the other as whole words.
func contains(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 4 && strings.Contains(" "+b+" ", " "+a+" ")
}

func subNames(subs []extract.Subprocessor) []string {
	out := make([]string, len(subs))
	for i, s := range subs {
		out[i] = s.Name
	}
	return out
}

// sameLength reports whether two periods have the same length within 5 %
// (or both have none).
func sameLength(a, b extract.Retention) bool {
	da, db := days(a), days(b)
	if da < 0 || db < 0 {
		return da < 0 && db < 0
	}
	return math.Abs(da-db) <= 0.05*math.Max(da, db)
}

// days is a period's length in days, -1 without one.
func days(r extract.Retention) float64 {
	if r.Duration == nil {
		return -1
	}
	if r.Days > 0 {
		return r.Days
	}
	v, err := normalize.DurationDays(*r.Duration)
	if err != nil {
		return -1
	}
	return v
}

func period(r extract.Retention) string {
	s := str(r.Duration)
	if s == "" {
		s = "-"
	}
	return s + " " + r.Bound + " " + r.Trigger
}

func bivStr(b *extract.BIV) string {
	if b == nil {
		return ""
	}
	lv := func(x [2]int) string {
		if x[0] == x[1] {
			return strconv.Itoa(x[0])
		}
		return fmt.Sprintf("%d-%d", x[0], x[1])
	}
	return fmt.Sprintf("B%s I%s V%s", lv(b.Availability), lv(b.Integrity), lv(b.Confidentiality))
}

func controlsStr(c *extract.Controls) string {
	if c == nil {
		return ""
	}
	return fmt.Sprintf("voldaan %d, alternatief %d, gedeeltelijk %d, niet voldaan %d", c.Voldaan, c.Alternatief, c.Gedeeltelijk, c.NietVoldaan)
}

func countries(cs []string) string { return strings.Join(cs, ", ") }

func anyNonEEA(cs []string) bool {
	for _, c := range cs {
		if !normalize.InEEA(c) {
			return true
		}
	}
	return false
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return strings.TrimSpace(*p)
}

func intStr(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func boolStr(p *bool) string {
	if p == nil {
		return ""
	}
	return strconv.FormatBool(*p)
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func compact(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), "")) }

// appendNew appends the evidence in add not already in to.
func appendNew(to, add []extract.Evidence) []extract.Evidence {
	for _, e := range add {
		if !slices.ContainsFunc(to, func(x extract.Evidence) bool { return x.Start == e.Start && x.End == e.End && x.Page == e.Page }) {
			to = append(to, e)
		}
	}
	return to
}
