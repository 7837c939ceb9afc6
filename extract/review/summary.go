package review

import "strconv"

// Summary counts a review's findings, for lists and the search index.
type Summary struct {
	High    int `json:"high"`
	Medium  int `json:"medium"`
	Low     int `json:"low"`
	Present int `json:"present"`
	// Missing and Deviating list the obligation ids with that status.
	Missing   []string `json:"missing"`
	Deviating []string `json:"deviating"`
	// Motivated counts the deviating or missing obligations that the
	// deviations annex motivates.
	Motivated int `json:"motivated"`
	// State is red (a high risk), amber (a medium risk), green, or
	// not_applicable when no obligation applies.
	State string `json:"state"`
}

// The states of a Summary.
const (
	StateRed           = "red"
	StateAmber         = "amber"
	StateGreen         = "green"
	StateNotApplicable = "not_applicable"
)

// Summarize counts findings by risk and status.
func Summarize(fs []Finding) Summary {
	s := Summary{Missing: []string{}, Deviating: []string{}}
	applicable := 0
	for _, f := range fs {
		if f.Status != NotApplicable {
			applicable++
		}
		switch f.Status {
		case Present:
			s.Present++
		case Missing:
			s.Missing = append(s.Missing, f.Obligation)
		case Deviating:
			s.Deviating = append(s.Deviating, f.Obligation)
		}
		if f.Motivated {
			s.Motivated++
		}
		switch f.Risk {
		case RiskHigh:
			s.High++
		case RiskMedium:
			s.Medium++
		case RiskLow:
			s.Low++
		}
	}
	switch {
	case applicable == 0:
		s.State = StateNotApplicable
	case s.High > 0:
		s.State = StateRed
	case s.Medium > 0:
		s.State = StateAmber
	default:
		s.State = StateGreen
	}
	return s
}

// Label is a short text for a summary in a table cell: "red: 2 high, 1
// medium", "green".
func (s Summary) Label() string {
	if s.State == StateGreen || s.State == StateNotApplicable {
		return s.State
	}
	out := s.State + ":"
	sep := " "
	for _, c := range []struct {
		n    int
		name string
	}{{s.High, "high"}, {s.Medium, "medium"}, {s.Low, "low"}} {
		if c.n > 0 {
			out += sep + strconv.Itoa(c.n) + " " + c.name
			sep = ", "
		}
	}
	return out
}
