package normalize

import "testing"

func TestNameKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Datadijk Cloud Services Ltd", "datadijk cloud services"},
		{"DATADIJK Cloud-Services Limited", "datadijk cloud services"},
		{"Lesrijk B.V.", "lesrijk"},
		{"Lesrijk BV", "lesrijk"},
		{"Lesrijk b.v.", "lesrijk"},
		{"Lesrijk besloten vennootschap", "lesrijk"},
		{"Rheindaten Systems GmbH", "rheindaten systems"},
		{"Postduif Mail Inc.", "postduif mail"},
		{"Oakridge Data LLC", "oakridge data"},
		{"Indigodesk Support Pvt. Ltd.", "indigodesk support"},
		{"Nuagebleu Cloud SAS", "nuagebleu cloud"},
		{"Scheldenet Hosting NV", "scheldenet hosting"},
		{"Fjordbyte Data AB", "fjordbyte data"},
		{"Université Numérique S.A.", "universite numerique"},
		{"Stichting Kennisnet", "stichting kennisnet"},
		{"Uitgeverij Lesnest B.V.", "uitgeverij lesnest"},
		{"B.V.", "bv"},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := NameKey(tc.in); got != tc.want {
				t.Errorf("NameKey(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
