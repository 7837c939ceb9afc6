package extract

import (
	"encoding/json"
	"testing"
)

// TestTerm checks the term rules on the ways agreements state their duration.
func TestTerm(t *testing.T) {
	tests := []struct {
		text string
		want string // the term as JSON
	}{
		{"De looptijd van deze Verwerkersovereenkomst is gelijk aan de looptijd van de tussen Partijen gesloten Onderliggende Overeenkomst, inclusief eventuele verlengingen daarvan.",
			`{"start":null,"duration":null,"end":null,"notice_period":null,"auto_renewal":null,"follows":"Onderliggende Overeenkomst"}`},
		{"Deze overeenkomst treedt in werking op 1 januari 2025 en eindigt op 31 december 2026.",
			`{"start":"2025-01-01","duration":null,"end":"2026-12-31","notice_period":null,"auto_renewal":null,"follows":null}`},
		{"De overeenkomst wordt aangegaan voor een periode van 12 maanden met ingang van 1-3-2024 en wordt daarna stilzwijgend verlengd. De opzegtermijn bedraagt twee maanden.",
			`{"start":"2024-03-01","duration":"P12M","end":"2025-02-28","end_computed":true,"notice_period":"P2M","auto_renewal":true,"follows":null}`},
		{"Persoonsgegevens worden bewaard gedurende de looptijd van de overeenkomst.",
			`{"start":null,"duration":null,"end":null,"notice_period":null,"auto_renewal":null,"follows":null}`},
	}
	for _, tt := range tests {
		r := Extract(markdownDocument(tt.text))
		got, _ := json.Marshal(r.Term)
		if string(got) != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.text, got, tt.want)
		}
	}
}

// TestSignature checks the signature rules on the layouts of a signature block.
func TestSignature(t *testing.T) {
	tests := []struct {
		name, text string
		signed     string // true, false or null
		date       string
		parties    int
	}{
		{"two columns on one line", "Aldus overeengekomen,\n\nOnderwijsinstelling, Verwerker,\nNaam: Naam: J. Smit\nFunctie: Functie: directeur\nDatum: Datum:\n", "false", "", 2},
		{"filled", "Aldus overeengekomen en ondertekend,\n\nOnderwijsinstelling\nNaam: A. Bos\nPlaats en datum: Delft, 3 maart 2024\n\nVerwerker\nNaam: C. Dirks\nPlaats en datum: Ede, 1 maart 2024\n", "true", "2024-03-03", 2},
		{"placeholders", "Voor akkoord:\n\nNaam: [naam]\nDatum: ____\n", "false", "", 1},
		{"no block", "Artikel 1\nOnderwijsinstelling geeft door ondertekening toestemming.\n", "null", "", 0},
		{"dated formula", "Aldus overeengekomen op 3 oktober 2022.\n", "null", "2022-10-03", 0},
	}
	for _, tt := range tests {
		r := Extract(markdownDocument(tt.text))
		s := r.Signature
		signed, _ := json.Marshal(s.Signed)
		date := ""
		if s.SignedDate != nil {
			date = *s.SignedDate
		}
		if string(signed) != tt.signed || date != tt.date || len(s.Parties) != tt.parties {
			t.Errorf("%s: signed %s on %q with %d parties (%s), want %s on %q with %d", tt.name, signed, date, len(s.Parties), s.Reason, tt.signed, tt.date, tt.parties)
		}
		if s.Reason == "" {
			t.Errorf("%s: no reason given", tt.name)
		}
	}
}
