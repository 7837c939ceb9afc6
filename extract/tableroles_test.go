package extract

import (
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/corpus/blocks"
	"github.com/dpa-nl/dpa/corpus/markdown"
)

func TestCellRole(t *testing.T) {
	tests := []struct {
		cell string
		want colRole
	}{
		{"Subverwerker", roleOrg},
		{"Naam subverwerker", roleOrg},
		{"Sub-processor", roleOrg},
		{"Partij", roleOrg},
		{"Leverancier", roleOrg},
		{"Land van de subverwerker", roleLocation},
		{"Vestigingsland", roleLocation},
		{"Locatie", roleLocation},
		{"Opslaglocatie", roleLocation},
		{"Datacenter", roleLocation},
		{"Country", roleLocation},
		{"Doel", rolePurpose},
		{"Dienst", rolePurpose},
		{"Purpose", rolePurpose},
		{"Naam product", rolePurpose},
		{"Activiteit", roleActivity},
		{"Certificering", roleCert},
		{"Naam certificaat", roleCert},
		{"Maatregel", roleMeasure},
		{"Telefoonnummer", roleContact},
		{"Doorgiftemechanisme", roleTransfer},
		{"Bewaartermijn", roleRetention},
		{"Wolkbank Datacenters B.V.", roleNone},
		{"Acme", roleNone},
	}
	for _, tt := range tests {
		if got := cellRole(tt.cell); got != tt.want {
			t.Errorf("cellRole(%q) = %v, want %v", tt.cell, got, tt.want)
		}
	}
}

// TestClassifyTable classifies Markdown tables by their header's column
// roles and the section above them.
func TestClassifyTable(t *testing.T) {
	tests := []struct {
		name, text string
		want       tableKind
	}{
		{"organisation and location columns under an unknown heading",
			"## Wie helpen ons\n\n| Partij | Vestigingsland | Dienst |\n|---|---|---|\n| Acme B.V. | Nederland | hosting |\n", tableSubs},
		{"English header",
			"3. Third parties\n\n| Sub-processor | Location | Purpose |\n| --- | --- | --- |\n| Acme GmbH | Germany | hosting |\n", tableSubs},
		{"activities",
			"## Subverwerkers\n\n| Activiteit | Doel | Grondslag |\n|---|---|---|\n| Inloggen | Toegang | Overeenkomst |\n", tableDecoy},
		{"certifications with an issuing company",
			"## D. Certificeringen\n\n| Certificering | Uitgevende instantie | Geldig tot |\n|---|---|---|\n| ISO 27001 | Keurmeester B.V. | 2027 |\n", tableDecoy},
		{"measures",
			"## Maatregelen\n\n| Maatregel | Toelichting |\n|---|---|\n| Versleuteling | TLS |\n", tableDecoy},
		{"contacts",
			"## Contact\n\n| Naam | Functie | Telefoon |\n|---|---|---|\n| J. Jansen | FG | 0612345678 |\n", tableDecoy},
		{"key/value",
			"## Partijen die wij inschakelen\n\n| Naam subverwerker | Acme B.V. |\n| Vestigingsland | Nederland |\n| Doel | hosting |\n", tableSubsKV},
		{"storage locations",
			"## Opslag\n\n| Gegevens | Locatie |\n|---|---|\n| Toetsresultaten | Nederland |\n", tableLocation},
		{"names and descriptions of products",
			"## Producten\n\n| Naam | Omschrijving |\n|---|---|\n| Rekenrups | oefenen met tafels |\n| Taaltrein | spelling |\n", tableOther},
		{"names and purposes of companies",
			"## Overzicht\n\n| Naam | Doel |\n|---|---|\n| Acme B.V. | hosting |\n| Mailer Inc. | e-mail |\n", tableSubs},
		{"party details",
			"## Gegevens\n\n| Naam | Adres | KvK-nummer |\n|---|---|---|\n| Leerbaas B.V. | Dorpsstraat 1, Ons Dorp | 12345678 |\n", tableDecoy},
		{"question headers",
			"## Overzicht\n\n| Wie | Waarvoor | Waar |\n|---|---|---|\n| Acme B.V. | hosting | Nederland |\n", tableSubs},
		{"headerless rows in a sub-processor section",
			"## Subverwerkers\n\n| Acme B.V. | Nederland |\n| Mailer Inc. | Verenigde Staten |\n", tableSubs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDoc(markdownDocument(tt.text))
			var got []tableKind
			for _, c := range d.walkBlocks() {
				if c.b.Kind == corpus.BlockTable {
					got = append(got, classifyTable(d, c.b, c.subSection, c.heading).kind)
				}
			}
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("got %v, want [%v]", got, tt.want)
			}
		})
	}
}

// TestExplain checks that the explanation lists kept and dropped
// candidates with their cues.
func TestExplain(t *testing.T) {
	text := "# Privacybijsluiter\n\nLeverancier: Leerbaas B.V., Dorpsstraat 1, 1234 AB Ons Dorp\n\n## Wie helpen ons\n\n| Partij | Vestigingsland | Dienst |\n|---|---|---|\n| Acme B.V. | Nederland | hosting |\n\n" +
		"## Certificeringen\n\n| Certificering | Uitgevende instantie |\n|---|---|\n| ISO 27001 | Keurmeester B.V. |\n"
	_, e := Explain(markdownDocument(text))
	var b strings.Builder
	if err := e.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"KEEP", `"Acme B.V."`, "organisation column", "legal form", "certification"} {
		if !strings.Contains(out, want) {
			t.Errorf("explanation lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "KEEP") && strings.Contains(line, "Keurmeester") {
			t.Errorf("a certification issuer was kept:\n%s", out)
		}
	}
}

// markdownDocument is text read as dpa's text reader reads it: with the
// Markdown block model.
func markdownDocument(text string) *corpus.Document {
	doc := corpus.NewDocument(corpus.Source{Path: "t.md", Format: corpus.FormatText}, []corpus.PageText{{Text: text}})
	doc.Blocks = blocks.Tidy(doc.Text, markdown.Blocks(doc.Text, 0, len(doc.Text)))
	for i := range doc.Blocks {
		doc.Blocks[i].Page = 1
	}
	return doc
}

// TestStorageLocationTable reads storage locations from the location
// column of a table about where data is kept.
func TestStorageLocationTable(t *testing.T) {
	text := "# Privacybijsluiter\n\nLeverancier: Leerbaas B.V., Dorpsstraat 1, 1234 AB Ons Dorp\n\n## Opslag\n\n" +
		"| Gegevens | Land |\n|---|---|\n| Toetsresultaten | Frankfurt, Duitsland |\n| Back-ups | Verenigde Staten |\n"
	r := Extract(markdownDocument(text))
	var got []string
	for _, l := range r.StorageLocations {
		got = append(got, l.Country)
	}
	if strings.Join(got, ",") != "DE,US" || r.OutsideEEA == nil || !*r.OutsideEEA || strings.Join(r.OutsideEEACountries, ",") != "US" {
		t.Errorf("storage %v, outside_eea %v %v; want DE,US and true [US]", got, r.OutsideEEA, r.OutsideEEACountries)
	}
}

// TestSubprocessorProse reads sub-processors from sentences of a
// sub-processing section: an enumeration after "maakt gebruik van", a
// provider the gazetteer knows named in any wording (not when the sentence
// denies it), one product of a provider already found is not a second one.
func TestSubprocessorProse(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"enumeration with places after the names",
			"Verwerker maakt gebruik van Postduif Ltd (Ierland) en Telsms Inc., gevestigd in de Verenigde Staten.",
			"Postduif Ltd=IE; Telsms Inc.=US"},
		{"known providers in any wording, a denied one left out",
			"Onze servers staan bij Amazon Web Services in Frankfurt, Duitsland. Voor statistieken gebruiken we Matomo. Wij delen geen gegevens met Google.",
			"Amazon Web Services=DE; Matomo="},
		{"a provider's product beside the provider",
			"Verwerker maakt gebruik van Microsoft Ireland Operations Limited (Ierland). De applicatie draait op Microsoft Azure.",
			"Microsoft Ireland Operations Limited=IE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := "# Privacyverklaring Tekenbord\n\nTekenbord wordt geleverd door Lijnwerk B.V., Kerkstraat 3, 1234 AB Ons Dorp.\n\n## Wie verwerken gegevens voor ons (subverwerkers)\n\n" + tt.text + "\n"
			r := Extract(markdownDocument(text))
			var got []string
			for _, s := range r.Subprocessors {
				got = append(got, s.Name+"="+strings.Join(s.Countries, ","))
			}
			if strings.Join(got, "; ") != tt.want {
				t.Errorf("got %q, want %q", strings.Join(got, "; "), tt.want)
			}
		})
	}
}

// TestStorageEnumeration reads every place of "opgeslagen in A en B".
func TestStorageEnumeration(t *testing.T) {
	text := "# Privacyverklaring Tekenbord\n\nTekenbord wordt geleverd door Lijnwerk B.V., Kerkstraat 3, 1234 AB Ons Dorp.\n\n## Opslag\n\n" +
		"Alle persoonsgegevens worden opgeslagen in Nederland en de Verenigde Staten.\n"
	r := Extract(markdownDocument(text))
	if r.OutsideEEA == nil || !*r.OutsideEEA || strings.Join(r.OutsideEEACountries, ",") != "US" {
		t.Errorf("outside_eea %v %v, want true [US]", r.OutsideEEA, r.OutsideEEACountries)
	}
}

// TestSplitOrgNames splits a cell listing organisations, not a name with
// its address.
func TestSplitOrgNames(t *testing.T) {
	tests := []struct{ cell, want string }{
		{"Acme B.V. (hosting); Mailer Inc. (VS)", "Acme B.V. (hosting)|Mailer Inc. (VS)"},
		{"Acme B.V.\nMailer Inc.", "Acme B.V.|Mailer Inc."},
		{"Acme B.V.\nKeizersgracht 1\nAmsterdam", "Acme B.V.\nKeizersgracht 1\nAmsterdam"},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range splitOrgNames(Cell{Start: 10, End: 10 + len(tt.cell), Text: tt.cell}) {
			got = append(got, c.Text)
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("splitOrgNames(%q) = %q, want %q", tt.cell, got, tt.want)
		}
	}
}

// TestCutAtOtherNames keeps the next entry's line out of an entry's ranges.
func TestCutAtOtherNames(t *testing.T) {
	// "Acme Ltd Verenigd Koninkrijk\nBeta Pvt. Ltd. India": Acme's ranges ran over Beta's line
	cands := []scored{
		{subCandidate: subCandidate{name: Cell{Start: 0, End: 8, Text: "Acme Ltd"}, spans: [][2]int{{0, 28}, {29, 49}}}, kept: true},
		{subCandidate: subCandidate{name: Cell{Start: 29, End: 43, Text: "Beta Pvt. Ltd."}, spans: [][2]int{{29, 49}}}, kept: true},
	}
	cutAtOtherNames(cands)
	if got := cands[0].spans; got[0] != [2]int{0, 28} || got[1][1] > got[1][0] {
		t.Errorf("Acme's ranges %v, want [0 28] and an empty one", got)
	}
	if got := cands[1].spans; got[0] != [2]int{29, 49} {
		t.Errorf("Beta's ranges %v, want [29 49]", got)
	}
}
