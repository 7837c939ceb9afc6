package normalize

import "testing"

func TestBIVLevel(t *testing.T) {
	tests := []struct {
		in   string
		want [2]int
		ok   bool
	}{
		{"Hoog", [2]int{3, 3}, true},
		{"midden", [2]int{2, 2}, true},
		{"Laag", [2]int{1, 1}, true},
		{"L", [2]int{1, 1}, true},
		{"M", [2]int{2, 2}, true},
		{"H", [2]int{3, 3}, true},
		{"1", [2]int{1, 1}, true},
		{"2/3", [2]int{2, 3}, true},
		{"3/2", [2]int{2, 3}, true},
		{"M/H", [2]int{2, 3}, true},
		{"Midden/Hoog", [2]int{2, 3}, true},
		{"Midden - Hoog", [2]int{2, 3}, true},
		{"midden tot hoog", [2]int{2, 3}, true},
		{"Laag t/m Midden", [2]int{1, 2}, true},
		{"Midden (2)", [2]int{2, 2}, true},
		{"High", [2]int{3, 3}, true},
		{"Medium*", [2]int{2, 2}, true},
		{"Laag/Midden/Hoog", [2]int{}, false},
		{"L/M/H", [2]int{}, false},
		{"1/2/3", [2]int{}, false},
		{"belangrijk", [2]int{}, false},
		{"10", [2]int{}, false},
		{"", [2]int{}, false},
		{"…", [2]int{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := BIVLevel(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("BIVLevel(%q) = %v, %v; want %v, ok=%v", tc.in, got, err, tc.want, tc.ok)
			}
		})
	}
}

func TestBIVWord(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"Hoog", 3, true}, {"h", 3, true}, {"Gemiddeld", 2, true}, {"low", 1, true},
		{"4", 0, false}, {"hoger", 0, false}, {"", 0, false},
	}
	for _, tc := range tests {
		got, ok := BIVWord(tc.in)
		if ok != tc.ok || got != tc.want {
			t.Errorf("BIVWord(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
