package extract

import (
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
)

func partiesDoc(controller, supplier string) *corpus.Document {
	text := "Verwerkersovereenkomst\n\nPartijen:\n\n" + controller + "\n\nen\n\n" + supplier + "\n\nOverwegen het volgende:\n\na. iets.\n"
	return corpus.NewDocument(corpus.Source{Path: "t.txt"}, []corpus.PageText{{Text: text}})
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func TestSupplierClause(t *testing.T) {
	const school = `1. Het bevoegd gezag van <naam>, hierna te noemen: "Onderwijsinstelling"`
	tests := []struct {
		name, clause              string
		want, kvk, postcode, city string
	}{
		{"spelt-out legal form", `2. De besloten vennootschap Leerlab B.V., gevestigd te Leiden, hierna te noemen: “Verwerker”`,
			"Leerlab B.V.", "<nil>", "<nil>", "Leiden"},
		{"v.o.f. with KvK and multi-word city", `2. Bureau Rekenhulp v.o.f., KvK-nummer 12345678, gevestigd aan de Dorpsstraat 1, 1234 AB Alphen aan den Rijn, hierna: Verwerker`,
			"Bureau Rekenhulp v.o.f.", "12345678", "1234 AB", "Alphen aan den Rijn"},
		{"stichting, handelsregister", `2. Stichting Leesplezier, statutair gevestigd te Den Haag, ingeschreven in het handelsregister onder nummer 87654321, hierna te noemen 'Verwerker'`,
			"Stichting Leesplezier", "87654321", "<nil>", "Den Haag"},
		{"role in parentheses, apostrophe city", `2. Schoolwolk B.V. (hierna: de Verwerker), gevestigd te ’s-Hertogenbosch`,
			"Schoolwolk B.V.", "<nil>", "<nil>", "’s-Hertogenbosch"},
		{"Bewerker, postcode in parentheses", `2. Toetsmeester N.V., gevestigd en kantoorhoudende aan de Markt 3, te (9711 AB) Groningen, hierna te noemen: **Bewerker**`,
			"Toetsmeester N.V.", "<nil>", "9711 AB", "Groningen"},
		{"leverancier prefix, glued postcode", `2. De leverancier Klasgenoot GmbH, gevestigd te 7500AB Enschede, hierna te noemen: "Verwerker"`,
			"Klasgenoot GmbH", "<nil>", "7500 AB", "Enschede"},
		{"postcode wrapped at a line end (PDF)", "2. Leerlab B.V., gevestigd aan de Markt 3, te 5211\nKY 's-Hertogenbosch, hierna te noemen: Verwerker",
			"Leerlab B.V.", "<nil>", "5211 KY", "'s-Hertogenbosch"},
		{"no-break spaces (DOCX, HTML)", "2. De besloten\u00a0vennootschap Leerlab\u00a0B.V., gevestigd te 2311\u00a0AB\u00a0Leiden, hierna\u00a0te\u00a0noemen: Verwerker",
			"Leerlab B.V.", "<nil>", "2311 AB", "Leiden"},
		{"address on its own lines, no legal form", "2. Leesleeuw\nMolenstraat 5\n6511 AA Nijmegen\nhierna te noemen: \"Verwerker\"",
			"Leesleeuw", "<nil>", "6511 AA", "Nijmegen"},
		{"placeholder supplier", `2. <naam leverancier + rechtsvorm>, gevestigd te <plaats>, hierna te noemen: "Verwerker"`,
			"<nil>", "<nil>", "<nil>", "<nil>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Extract(partiesDoc(school, tc.clause))
			p := r.Processor
			if str(p.Name) != tc.want || str(p.KvK) != tc.kvk || str(p.Postcode) != tc.postcode || str(p.City) != tc.city {
				t.Errorf("got name=%q kvk=%q postcode=%q city=%q; want %q %q %q %q",
					str(p.Name), str(p.KvK), str(p.Postcode), str(p.City), tc.want, tc.kvk, tc.postcode, tc.city)
			}
		})
	}
}

func TestControllerFilled(t *testing.T) {
	const supplier = `2. Leerlab B.V., gevestigd te Leiden, hierna te noemen: "Verwerker"`
	tests := []struct {
		name, clause string
		want         bool
	}{
		{"named stichting", `1. Het bevoegd gezag van Stichting Primair Onderwijs Waterland, gevestigd te Purmerend, hierna te noemen: "Onderwijsinstelling"`, true},
		{"named vereniging as School", `1. Vereniging voor Christelijk Onderwijs Oost, hierna te noemen: de School`, true},
		{"angle placeholder", `1. Het bevoegd gezag van <naam + rechtsvorm onderwijsinstelling>, hierna te noemen: "Onderwijsinstelling"`, false},
		{"square placeholder", `1. [naam schoolbestuur], gevestigd te [plaats], hierna: Onderwijsinstelling`, false},
		{"round placeholder", `1. Het bevoegd gezag van (naam + rechtsvorm onderwijsinstelling), hierna te noemen: "Onderwijsinstelling"`, false},
		{"dotted placeholder", `1. Het bevoegd gezag van ……………………, hierna te noemen: "Onderwijsinstelling"`, false},
		{"generic reference", `1. Het bevoegd gezag van de Onderwijsinstelling als bedoeld in de Gebruikersovereenkomst, hierna te noemen: "Onderwijsinstelling"`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Extract(partiesDoc(tc.clause, supplier))
			if r.ControllerFilled != tc.want {
				t.Errorf("controller_filled = %v, want %v", r.ControllerFilled, tc.want)
			}
			if str(r.Processor.Name) != "Leerlab B.V." {
				t.Errorf("processor.name = %q", str(r.Processor.Name))
			}
		})
	}
}

func TestPartyLayouts(t *testing.T) {
	tests := []struct {
		name, text       string
		want, city, kvk  string
		controllerFilled bool
	}{
		{"both parties in one sentence, no heading",
			"Verwerkersovereenkomst\n\nDeze overeenkomst wordt gesloten tussen Stichting Scholengroep Rijnmond, hierna te noemen: Onderwijsinstelling, en Digiklas B.V., gevestigd te Rotterdam, hierna te noemen: Verwerker.\n\nArtikel 1: Definities\n",
			"Digiklas B.V.", "Rotterdam", "<nil>", true},
		{"'tussen' heading, unnumbered clauses",
			"Verwerkersovereenkomst\n\ntussen\n\nStichting Voortgezet Onderwijs Rivierenland, gevestigd te Tiel, hierna te noemen: Verwerkingsverantwoordelijke,\n\nen\n\nRoosterkracht B.V., gevestigd te Utrecht en ingeschreven in het handelsregister van de Kamer van Koophandel onder nummer 30112233, hierna te noemen: Verwerker.\n\n1. Onderwerp\n",
			"Roosterkracht B.V.", "Utrecht", "30112233", true},
		{"supplier first",
			"Verwerkersovereenkomst\n\nPartijen:\n\n1. Digiklas B.V., gevestigd te Rotterdam, hierna te noemen: \"Verwerker\";\n\n2. Het bevoegd gezag van [naam], hierna te noemen: \"Onderwijsinstelling\".\n\nOverwegende dat:\n",
			"Digiklas B.V.", "Rotterdam", "<nil>", false},
		{"form layout under a role label",
			"Privacybijsluiter Digiklas\n\nA. Algemene informatie\n\nVerwerker:\nNaam: Digiklas B.V., Coolsingel 10, 3011 AD Rotterdam, Handelsregisternummer 24123456\n\nB. Doeleinden\n",
			"Digiklas B.V.", "Rotterdam", "24123456", false},
		{"annex label block: address and KvK on the following lines",
			"Privacybijsluiter Rekenwolk\n\nA. Algemene informatie\n\nNaam leverancier: Rekenwolk B.V.\nAdres: Hoofdweg 8, 9711 AA Groningen\nKvK-nummer: 02034567\n\nB. Doeleinden\nStichting Eenhoorn, KvK 11112222, is de klant.\n",
			"Rekenwolk B.V.", "Groningen", "02034567", false},
		{"'De ondergetekenden', own short name before the role, spaced KvK, title word 'Verwerkersovereenkomst'",
			"VERWERKERSOVEREENKOMST BOEKENBUS\n\nDe ondergetekenden:\n\n1. De school die de Boekenbus-diensten afneemt, hierna: \"de School\";\n\n2. Vereniging Boekenbus, statutair gevestigd te Deventer, Brink 4, 7411 BR Deventer, KvK: 4011 2233, hierna: \"Boekenbus\" of \"de Verwerker\";\n\nkomen overeen:\n\n1. Toepassing\n\n1.1 Deze overeenkomst geldt voor de app.\n",
			"Vereniging Boekenbus", "Deventer", "40112233", false},
		{"parties lettered A. and B., supplier first",
			"Overeenkomst\n\nPARTIJEN\n\nA. Stichting Klassebord, Markt 1, 6511 AA Nijmegen, KvK-nummer: 8111 2222, hierna \"Verwerker\";\n\nB. Stichting Openbaar Onderwijs Maasland, Kerkplein 2, 5341 AA Oss, hierna \"Verwerkingsverantwoordelijke\".\n\n1. DOEL\n\n3.1 Verwerker schakelt Wolkhost B.V. in.\n",
			"Stichting Klassebord", "Nijmegen", "81112222", true},
		{"party table with a role column",
			"Verwerkersovereenkomst\n\nPartij | Rol | Naam | Adres\n1 | Onderwijsinstelling | Stichting Primair Onderwijs Lingewaard | Kerkstraat 3, 6681 AA Bemmel\n2 | Verwerker | Klasbord Digitaal B.V. | Markt 2, 6811 AA Arnhem\n\nArtikel 1 Definities\n",
			"Klasbord Digitaal B.V.", "Arnhem", "<nil>", true},
		{"bare address block under a supplier heading",
			"Privacybijsluiter Spellix\n\nA. Leverancier\nSpellix Noord v.o.f.\nGrote Markt 5\n9711 AA Groningen\nKvK 69011122\n\nB. Product\nSpellix.\n",
			"Spellix Noord v.o.f.", "Groningen", "69011122", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Extract(textDocument(tc.text))
			p := r.Processor
			if str(p.Name) != tc.want || str(p.City) != tc.city || str(p.KvK) != tc.kvk || r.ControllerFilled != tc.controllerFilled {
				t.Errorf("got name=%q city=%q kvk=%q controller_filled=%v; want %q %q %q %v",
					str(p.Name), str(p.City), str(p.KvK), r.ControllerFilled, tc.want, tc.city, tc.kvk, tc.controllerFilled)
			}
		})
	}
}

func TestCityAt(t *testing.T) {
	tests := []struct{ in, want string }{
		{"'s-Gravenhage, te dezen", "'s-Gravenhage"},
		{"‘s-Gravenhage, te dezen", "‘s-Gravenhage"},
		{"’s-Hertogenbosch.", "’s-Hertogenbosch"},
		{"'sHertogenbosch, hierna (a PDF dropped the hyphen at a line break)", "'s-Hertogenbosch"},
		{"'s-\nHertogenbosch, hierna", "'s-Hertogenbosch"},
		{"`s-Gravenhage", "`s-Gravenhage"},
		{"Bergen op Zoom, hierna", "Bergen op Zoom"},
		{"Capelle aan den IJssel", "Capelle aan den IJssel"},
		{"Den Haag en", "Den Haag"},
		{"UTRECHT", "UTRECHT"},
		{"Rijssen is aanbieder", "Rijssen"},
		{"te dezen", ""},
		{"Kampen KvK-nummer: 09876543", "Kampen"}, // label lines run together (HTML)
		{"Zwolle Telefoon 038 123", "Zwolle"},
		{"Capelle\naan den IJssel\nDeze", "Capelle aan den IJssel"}, // wrapped by a PDF
		{"Utrecht\nDeze overeenkomst", "Utrecht"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := cityAt(tc.in); got != tc.want {
				t.Errorf("cityAt(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestSupplierDetailsFromLabels checks that the KvK number and address are
// read from labels and key/value rows near the supplier's name, and not
// from the school's details elsewhere.
func TestSupplierDetailsFromLabels(t *testing.T) {
	tests := []struct {
		name, text          string
		kvk, postcode, city string
	}{
		{"Markdown labels", "# Privacybijsluiter Rekenroos\n\n**Leverancier:** Rekenroos B.V.\n\n**KvK-nummer:** 12345678\n\n**Adres:** Markt 3, 5211 KY 's-Hertogenbosch\n\n## Subverwerkers\n",
			"12345678", "5211 KY", "'s-Hertogenbosch"},
		{"key/value table", "Bijlage 1\n\n| Naam leverancier | Rekenroos B.V. |\n|---|---|\n| KvK-nummer | 87654321 |\n| Adres | Markt 3 |\n| Postcode en plaats | 9711 AB Groningen |\n",
			"87654321", "9711 AB", "Groningen"},
		{"the school's address far away is not taken", "Leverancier: Rekenroos B.V.\n\n" + strings.Repeat("Verwerker verwerkt persoonsgegevens in opdracht van de school. ", 20) + "\n\nGegevens school\nAdres: Schoolstraat 1, 1234 AB Schoolstad\nKvK-nummer: 11112222\n",
			"<nil>", "<nil>", "<nil>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := corpus.NewDocument(corpus.Source{Path: "t.md"}, []corpus.PageText{{Text: tc.text}})
			r := Extract(doc)
			if got := [3]string{str(r.Processor.KvK), str(r.Processor.Postcode), str(r.Processor.City)}; got != [3]string{tc.kvk, tc.postcode, tc.city} {
				t.Errorf("kvk, postcode, city = %q, want %q", got, [3]string{tc.kvk, tc.postcode, tc.city})
			}
		})
	}
}
