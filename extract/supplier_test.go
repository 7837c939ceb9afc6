package extract

import "testing"

func TestSupplierIdentity(t *testing.T) {
	str := func(s string) *string { return &s }
	tests := []struct {
		name, kvk string
		wantName  string
		wantKey   string
	}{
		{"Heutink Primair Onderwijs BV", "", "Heutink Primair Onderwijs B.V.", "name:heutink primair onderwijs"},
		{"Heutink Primair Onderwijs B.V.", "", "Heutink Primair Onderwijs B.V.", "name:heutink primair onderwijs"},
		{"HEUTINK  Primair-Onderwijs b.v.", "", "HEUTINK Primair-Onderwijs B.V.", "name:heutink primair onderwijs"},
		{"Heutink Primair Onderwijs, B.V", "", "Heutink Primair Onderwijs B.V.", "name:heutink primair onderwijs"},
		{"Heutink Primair Onderwijs B.V.", "06012345", "Heutink Primair Onderwijs B.V.", "kvk:06012345"},
		{"Wolkwijs", "", "Wolkwijs", "name:wolkwijs"},
		{"Leerlingvolgsysteem Ëlan B.V.", "", "Leerlingvolgsysteem Ëlan B.V.", "name:leerlingvolgsysteem elan"},
		{"", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r Record
			if tc.name != "" {
				r.Processor.Name = str(tc.name)
			}
			if tc.kvk != "" {
				r.Processor.KvK = str(tc.kvk)
			}
			if got := SupplierName(&r); got != tc.wantName {
				t.Errorf("SupplierName = %q, want %q", got, tc.wantName)
			}
			if got := SupplierKey(&r); got != tc.wantKey {
				t.Errorf("SupplierKey = %q, want %q", got, tc.wantKey)
			}
		})
	}
}
