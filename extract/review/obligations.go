// Package review checks an agreement against the obligations of the
// Convenant's Model Verwerkersovereenkomst 4.0 (and notes where the earlier
// 3.0 and Wbp-era 2.0 models differ): for each obligation it says whether
// the agreement has it, weakens it, lacks it or whether it does not apply,
// with the evidence or the place it was looked for, a risk and a reason.
//
// The obligations are data: obligations.tsv, one row each, read once at
// start-up. A row says what is required in plain words, which record
// fields and which headings and cue words dpa recognises it by, and the
// risk when it is missing or weakened.
package review

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/dpa-nl/dpa/normalize"
)

//go:embed obligations.tsv
var obligationsTSV string

// Risk is how serious a finding is: low, medium or high.
type Risk string

// The risks, from least to most serious.
const (
	RiskNone   Risk = ""
	RiskLow    Risk = "low"
	RiskMedium Risk = "medium"
	RiskHigh   Risk = "high"
)

// Scope says which part of an agreement an obligation lives in.
type Scope string

// The scopes of obligations.
const (
	// ScopeAgreement is the articles of the agreement itself.
	ScopeAgreement Scope = "agreement"
	// ScopeAnnex1 is the privacy annex (Privacybijsluiter, Bijlage 1).
	ScopeAnnex1 Scope = "annex1"
	// ScopeAnnex2 is the security annex (Beveiligingsbijlage, Bijlage 2).
	ScopeAnnex2 Scope = "annex2"
)

// Obligation is one row of the obligations table.
type Obligation struct {
	// ID names the obligation in findings and queries ("breach_notification").
	ID string `json:"id"`
	// Article is the article (or annex) of Model 4.0 it belongs to.
	Article string `json:"article"`
	// Models lists the model versions that have it ("3.0", "4.0").
	Models []string `json:"models"`
	// Scope is the part of the agreement it lives in.
	Scope Scope `json:"scope"`
	// Requirement says in one plain sentence what is required.
	Requirement string `json:"requirement"`
	// Fields are the record fields that bear on it.
	Fields []string `json:"fields,omitempty"`
	// Section matches the headings of the sections it lives in; Cues the
	// words that show it is there; Require the words without which it is
	// weakened (RequireWhat says what they stand for); Weak the words that
	// weaken it. Each may be nil.
	Section *normalize.Regexp `json:"-"`
	Cues    *normalize.Regexp `json:"-"`
	Require *normalize.Regexp `json:"-"`
	Weak    *normalize.Regexp `json:"-"`
	// weakAnchors are words one of which every match of Weak holds.
	weakAnchors *words
	// section, cues, require and weak find the matches of Section, Cues,
	// Require and Weak (cue.go).
	section, cues, require, weak *finder
	// RequireWhat names in words what Require looks for.
	RequireWhat string `json:"require_what,omitempty"`
	// SectionText is the Section pattern as the table writes it.
	SectionText string `json:"section,omitempty"`
	// sectionWords are SectionText as words a reader follows (readable).
	sectionWords string
	// Risk is the risk when it is missing, WeakRisk when it is weakened,
	// WeakReason the one-line reason given for a weakening.
	Risk       Risk   `json:"risk"`
	WeakRisk   Risk   `json:"weak_risk"`
	WeakReason string `json:"weak_reason,omitempty"`
	// Earlier says how the 3.0 and 2.0 models differ.
	Earlier string `json:"earlier,omitempty"`
}

// InModel reports whether model version v ("2.0") has the obligation.
func (o *Obligation) InModel(v string) bool {
	for _, m := range o.Models {
		if m == v {
			return true
		}
	}
	return false
}

var (
	tableOnce sync.Once
	table     []*Obligation
	tableErr  error
)

// Obligations returns the obligations table in its file's order. It
// panics when the embedded table is malformed, which its test rules out.
func Obligations() []*Obligation {
	tableOnce.Do(func() { table, tableErr = ParseTable(obligationsTSV) })
	if tableErr != nil {
		panic(tableErr)
	}
	return table
}

// Lookup returns the obligation with the given id, or nil.
func Lookup(id string) *Obligation {
	for _, o := range Obligations() {
		if o.ID == id {
			return o
		}
	}
	return nil
}

var tableColumns = []string{"id", "article", "models", "scope", "requirement", "fields", "section", "cues", "require", "require_what", "weak", "risk", "weak_risk", "weak_reason", "earlier"}

// ParseTable reads an obligations table: tab-separated, a header row
// naming tableColumns, "-" for an empty cell.
func ParseTable(tsv string) ([]*Obligation, error) {
	lines := strings.Split(strings.TrimRight(tsv, "\n"), "\n")
	if len(lines) == 0 || lines[0] != strings.Join(tableColumns, "\t") {
		return nil, fmt.Errorf("obligations table: header must be %q", strings.Join(tableColumns, " "))
	}
	seen := map[string]bool{}
	var out []*Obligation
	for n, line := range lines[1:] {
		c := strings.Split(line, "\t")
		if len(c) != len(tableColumns) {
			return nil, fmt.Errorf("obligations table line %d: %d columns, want %d", n+2, len(c), len(tableColumns))
		}
		for i := range c {
			if c[i] == "-" {
				c[i] = ""
			}
		}
		o := &Obligation{ID: c[0], Article: c[1], Models: strings.Fields(c[2]), Scope: Scope(c[3]),
			Requirement: c[4], Fields: strings.Fields(c[5]), RequireWhat: c[9], Risk: Risk(c[11]),
			WeakRisk: Risk(c[12]), WeakReason: c[13], Earlier: c[14]}
		if o.ID == "" || seen[o.ID] {
			return nil, fmt.Errorf("obligations table line %d: empty or repeated id %q", n+2, o.ID)
		}
		seen[o.ID] = true
		switch o.Scope {
		case ScopeAgreement, ScopeAnnex1, ScopeAnnex2:
		default:
			return nil, fmt.Errorf("obligations table line %d (%s): unknown scope %q", n+2, o.ID, o.Scope)
		}
		for _, r := range []Risk{o.Risk, o.WeakRisk} {
			if r != RiskLow && r != RiskMedium && r != RiskHigh {
				return nil, fmt.Errorf("obligations table line %d (%s): risk %q is not low, medium or high", n+2, o.ID, r)
			}
		}
		if (c[8] == "") != (o.RequireWhat == "") {
			return nil, fmt.Errorf("obligations table line %d (%s): require and require_what go together", n+2, o.ID)
		}
		for i, dst := range []**normalize.Regexp{&o.Section, &o.Cues, &o.Require, &o.Weak} {
			col := []int{6, 7, 8, 10}[i]
			p := c[col]
			if p == "" {
				continue
			}
			if _, err := regexp.Compile(p); err != nil {
				return nil, fmt.Errorf("obligations table line %d (%s), column %s: %v", n+2, o.ID, tableColumns[col], err)
			}
			*dst = normalize.Pattern("(?i)" + p)
			if i == 0 {
				o.SectionText, o.sectionWords = p, readable(p)
			}
		}
		if o.Weak != nil {
			o.weakAnchors = newWords(anchors(o.Weak))
		}
		o.section, o.cues, o.require, o.weak = finderOf(o.Section), finderOf(o.Cues), finderOf(o.Require), finderOf(o.Weak)
		out = append(out, o)
	}
	return out, nil
}

// finderOf returns the finder of re, nil for none.
func finderOf(re *normalize.Regexp) *finder {
	if re == nil {
		return nil
	}
	return newFinder(re)
}
