package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dpa-nl/dpa/corpus"
)

// subString renders sub-processors as "Name=CC,CC; Name=CC" and the EEA
// verdict as "outside=true[US]" for compact table tests.
func subString(r *Record) string {
	var parts []string
	for _, s := range r.Subprocessors {
		parts = append(parts, s.Name+"="+strings.Join(s.Countries, ","))
	}
	v := "null"
	if r.OutsideEEA != nil {
		v = fmt.Sprint(*r.OutsideEEA)
	}
	return strings.Join(parts, "; ") + " | outside=" + v + fmt.Sprint(r.OutsideEEACountries)
}

func TestExtractSubprocessors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"numbered list with addresses",
			"F. Subverwerkers\n\nVerwerker maakt gebruik van de volgende Subverwerkers:\n\n1. Rekenhuis B.V., Markt 1, 1234 AB Ergens, beheer.\n2. Wolk Ltd, Dublin, Ierland, opslag.\n",
			"Rekenhuis B.V.=NL; Wolk Ltd=IE | outside=false[]"},
		{"storage line after an item belongs to it",
			"F. Subbewerkers\n\n1. Wolk Ltd, Dublin, Ierland, opslag.\n\nPlaats/Land van opslag:\n\n- o Nederland (Middenmeer)\n2. Helpdesk B.V., 7545 PN Enschede, ondersteuning.\n",
			"Wolk Ltd=IE,NL; Helpdesk B.V.=NL | outside=false[]"},
		{"none", "H. Subverwerkers\n\nn.v.t.\n", " | outside=null[]"},
		{"none in prose", "E. Subverwerkers\n\nVerwerker maakt geen gebruik van subverwerkers.\n", " | outside=null[]"},
		{"Model 4.0 key-value blocks",
			"H. Subverwerkers\n\nNaam Subverwerker\tHostnet B.V.\nSoort Verwerking\thosting\nLand van opslag/Verwerking Persoonsgegevens door Subverwerker\tAmsterdam\n\nNaam Subverwerker\tMailer Inc.\nSoort Verwerking\te-mail\nLand van opslag/Verwerking Persoonsgegevens door Subverwerker\tVerenigde Staten\n",
			"Hostnet B.V.=NL; Mailer Inc.=US | outside=true[US]"},
		{"table with header and country column",
			"E. Subverwerkers\n\nNaam | Omschrijving | Land |\nServerhuis, Utrecht | hosting | Nederland |\nSupport Ltd, Londen | helpdesk | Verenigd Koninkrijk |\n",
			"Serverhuis=NL; Support Ltd=GB | outside=true[GB]"},
		{"prose enumeration with an adjective and a city",
			"D. Subverwerkers\n\nVerwerker maakt gebruik van de volgende subverwerkers: Opslaghuis B.V. te Middenmeer voor hosting, Zender (een Amerikaans bedrijf) voor e-mail en Kluis GmbH uit Frankfurt voor back-ups.\n",
			"Opslaghuis B.V.=NL; Zender=US; Kluis GmbH=DE | outside=true[US]"},
		{"a data centre is a location, not a sub-processor",
			"H. Subverwerkers\n\n- Google Cloud datacenter, Eemshaven\n- Bouwer B.V., Delft, ontwikkeling\n",
			"Bouwer B.V.=NL | outside=false[]"},
		{"a row that lists the sub-processors",
			"A. Algemene informatie\n\nNaam product\tLeesbord\nSubverwerkers\tBitbak B.V. (hosting, Nederland); Mailvogel Inc. (e-mail, VS)\n",
			"Bitbak B.V.=NL; Mailvogel Inc.=US | outside=true[US]"},
		{"country codes in a column",
			"E. Subverwerkers\n\nNaam | Taak | Land\nServerhuis B.V. | hosting | NL\nKlantdesk Ltd | helpdesk | IE\n",
			"Serverhuis B.V.=NL; Klantdesk Ltd=IE | outside=false[]"},
		{"Model 4.0 columns side by side",
			"H. Subverwerkers\n\nNaam Subverwerker\tSoort Verwerking (beknopte omschrijving taak/dienst waaruit blijkt welke informatie wordt Verwerkt)\t(Categorie) Persoonsgegevens die de Subverwerker verwerkt\tLand van opslag/Verwerking Persoonsgegevens door Subverwerker\nRekenwolk B.V.\thosting\tCD1 CD2\tEemshaven\nPostkamer Ltd\te-mail\tCD3\tVerenigd Koninkrijk\n",
			"Rekenwolk B.V.=NL; Postkamer Ltd=GB | outside=true[GB]"},
		{"unmarked lines after an introduction",
			"B. Diensten\n\nWij maken gebruik van de volgende subverwerkers:\nAmazon Web Services EMEA SARL (Luxemburg) – hosting\nMailchimp (VS) – nieuwsbrieven\n\nDe school kan bezwaar maken tegen een nieuwe subverwerker.\n",
			"Amazon Web Services EMEA SARL=LU; Mailchimp=US | outside=true[US]"},
		{"unnumbered lines 'Name, City, Country: task' under the heading",
			"Bijlage 2\n\nSubverwerkers\n\nVerwerker schakelt de volgende partijen in.\n\nRekenhuis B.V., Utrecht, Nederland: hosting van de applicatie\nKlantdesk, Dublin, Ierland: helpdesk\nMailvogel Inc., San Francisco, Verenigde Staten: e-mail\n\nVerwerker informeert de school over wijzigingen.\n",
			"Rekenhuis B.V.=NL; Klantdesk=IE; Mailvogel Inc.=US | outside=true[US]"},
		{"unnumbered lines separated by blank lines",
			"E. Subverwerkers\n\nRekenhuis B.V., Utrecht, Nederland: hosting\n\nPostduif Ltd, Londen, Verenigd Koninkrijk: e-mail\n",
			"Rekenhuis B.V.=NL; Postduif Ltd=GB | outside=true[GB]"},
		{"label-colon blocks",
			"H. Subverwerkers\n\nNaam: Rekenwolk B.V.\nVestigingsadres: Stationsplein 1, 3511 ED Utrecht\nDoel: hosting\n\nNaam: Postkamer Ltd\nVestiging: Londen, Verenigd Koninkrijk\nDoel: e-mail\n",
			"Rekenwolk B.V.=NL; Postkamer Ltd=GB | outside=true[GB]"},
		{"OCR: rows without columns, noise before a list number",
			"F. Subbewerkers\n\nBewerker maakt gebruik van de volgende Subbewerkers:\n\n1. Rekenhuis B.V., 1234 AB Ergens, beheer.\n“_2. De Wolkgroep, Dublin, lerland, opslag.\nZendhuis B.V. Verzending van e-mail Nederland, Goor.\nPostduif, Londen helpdesk Verenigd Koninkrijk\n",
			"Rekenhuis B.V.=NL; De Wolkgroep=IE; Zendhuis B.V.=NL; Postduif=GB | outside=true[GB]"},
		{"a heading the outline does not know",
			"Bijlage 1\n\n## Subverwerkers\n\nNaam | Taak | Land\nServerhuis B.V. | hosting | Nederland\n\nDe school wordt over wijzigingen geïnformeerd.\n",
			"Serverhuis B.V.=NL | outside=false[]"},
		{"a storage line that names the sub-processor",
			"Partijen:\n\n1. Leerlab B.V., gevestigd te Delft, hierna te noemen: Verwerker.\n\nG. Locatie van opslag\n\nApplicatie | Nederland\nBack-ups | Kluisdienst GmbH, Frankfurt\n\nH. Subverwerkers\n\n- Kluisdienst GmbH – opslag van back-ups\n",
			"Kluisdienst GmbH=DE | outside=false[]"},
		{"a header naming the EU",
			"E. Subverwerkers\n\nNaam | Dienst | Land (binnen of buiten de EU)\nKlantdesk Ltd | helpdesk | Verenigd Koninkrijk\nServerhuis B.V. | hosting | Nederland\n",
			"Klantdesk Ltd=GB; Serverhuis B.V.=NL | outside=true[GB]"},
		{"entries labelled with their service",
			"E. Subverwerkers\n\n- Hosting: Bitbak B.V., Leiden\n- E-mail – Mailvogel Inc. (Verenigde Staten)\n- Upvoet: Tool om feedback te verzamelen, Eindhoven\n",
			"Bitbak B.V.=NL; Mailvogel Inc.=US; Upvoet=NL | outside=true[US]"},
		{"storage only, no sub-processors",
			"Plaats/Land van opslag en Verwerking van de Persoonsgegevens: Verenigde Staten\n",
			" | outside=true[US]"},
		{"a list under a numbered clause ends at the next clause heading",
			"Overeenkomst\n\n3. SUBVERWERKERS\n\n3.1 Verwerker schakelt de volgende subverwerkers in:\n– Stapelhost B.V. (Nederland) – hosting;\n– Postduif Pty Ltd (Australië) – e-mail.\n\n4. BEWAARTERMIJNEN\n\n4.1 Gegevens worden verwijderd.\n",
			"Stapelhost B.V.=NL; Postduif Pty Ltd=AU | outside=true[AU]"},
		{"an English annex lettered A",
			"Overeenkomst\n\nArtikel 4 Subverwerkers\nZie Annex A.\n\nANNEX A – SUB-PROCESSORS\n\nSub-processor | Location | Purpose\nGroenwolk B.V. | Apeldoorn, the Netherlands | hosting\nBeeldvat Ltd | London, United Kingdom | image storage\n",
			"Groenwolk B.V.=NL; Beeldvat Ltd=GB | outside=true[GB]"},
		{"outside the EEA stated without a country",
			"Waar worden gegevens verwerkt?\n\nSommige gegevens worden buiten de EER verwerkt. Wij sluiten daarvoor modelcontractbepalingen.\n",
			" | outside=true[]"},
		{"outside the EEA denied",
			"Waar worden gegevens verwerkt?\n\nWij verwerken geen gegevens buiten de EER.\n",
			" | outside=false[]"},
		{"a condition names no location",
			"Plaats/Land van opslag en Verwerking van de Persoonsgegevens\n\nIndien gegevens in de Verenigde Staten worden verwerkt, gelden de modelclausules.\n",
			" | outside=null[]"},
		{"processing statement in prose",
			"C. Beveiliging\n\nAlle persoonsgegevens worden uitsluitend binnen de Europese Unie verwerkt.\n",
			" | outside=false[]"},
		{"model article on transfers is not a location",
			"Artikel 10: Doorgifte buiten de EER\n\n1. Verwerker geeft geen Persoonsgegevens door aan de Verenigde Staten zonder toestemming.\n",
			" | outside=null[]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Extract(textDocument(tc.text))
			if got := subString(r); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestIsSubName(t *testing.T) {
	supplier := "Leerlab B.V."
	r := &Record{Processor: Party{Name: &supplier}}
	d := textDoc("")
	tests := []struct {
		name string
		want bool
	}{
		{"Infocaster B.V.", true},
		{"De Rolf groep", true},
		{"iXL Hosting", true},
		{"Leerlab", false}, // the supplier
		{"Leerlab B.V.", false},
		{"Verwerker", false},
		{"n.v.t.", false},
		{"[naam subverwerker]", false},
		{"Nederland", false},
		{"Dublin, Ierland", false},
		{"PO-Raad", false},
		{"Google Cloud datacenter", false},
		{"Subverwerkersovereenkomst", false},
		{"beheer van de servers", false},
		{"Limited", false},
	}
	for _, tc := range tests {
		if got := d.isSubName(tc.name, r, false); got != tc.want {
			t.Errorf("isSubName(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestNameCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Infocaster B.V., Oude Oeverstraat 120, 6811 JZ Arnhem, beheer", "Infocaster B.V."},
		{"Amazon Web Services, Inc., Seattle", "Amazon Web Services, Inc."},
		{"LeaseWeb is de hostingprovider", "LeaseWeb"},
		{"Cloudvat GmbH uit Frankfurt voor back-ups", "Cloudvat GmbH"},
		{"Sendwise (een Amerikaans bedrijf)", "Sendwise"},
		{"Microsoft Ireland Operations Limited", "Microsoft Ireland Operations Limited"},
		{"Sowmedia Rotterdam B.V", "Sowmedia Rotterdam B.V"},
	}
	for _, tc := range tests {
		c := nameCell(Cell{Start: 10, End: 10 + len(tc.in), Text: tc.in})
		if c.Text != tc.want || c.End-c.Start != len(c.Text) {
			t.Errorf("nameCell(%q) = %q [%d,%d), want %q", tc.in, c.Text, c.Start, c.End, tc.want)
		}
	}
}

// TestDatedLabelIsNoSubprocessor reads a Markdown sub-processor page as
// dpa's text reader does (with its block model): "Last updated: 12 May
// 2024" is a label whose value is a date, not an entry "name: what it does".
func TestDatedLabelIsNoSubprocessor(t *testing.T) {
	path := filepath.Join(t.TempDir(), "subprocessors.md")
	text := "# Wolkwijs Sub-processors\n\nLast updated: 12 May 2024\n\nWe use the following sub-processors:\n\n| Name | Activity | Location |\n|---|---|---|\n| Hemelhost Inc. | hosting | United States |\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	r := Extract(fixtureDocument(t, path))
	if got, want := subString(r), "Hemelhost Inc.=US | outside=true[US]"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestWithWrappedStart checks that a name a PDF wrapped at a line end gets
// its first word back, and that nothing else does.
func TestWithWrappedStart(t *testing.T) {
	tests := []struct {
		name, text, cand, want string
		format                 corpus.Format
	}{
		{"wrapped company name", "Voor het versturen van e-mail maken wij gebruik van Mailgun\nTechnologies, Inc., gevestigd in de VS.", "Technologies, Inc.", "Mailgun Technologies, Inc.", corpus.FormatPDF},
		{"hard-wrapped text file", "Voor het versturen van e-mail maken wij gebruik van Mailgun\nTechnologies, Inc., gevestigd in de VS.", "Technologies, Inc.", "Mailgun Technologies, Inc.", corpus.FormatText},
		{"not in HTML, where a line end is a real break", "Voor het versturen van e-mail maken wij gebruik van Mailgun\nTechnologies, Inc., gevestigd in de VS.", "Technologies, Inc.", "Technologies, Inc.", corpus.FormatHTML},
		{"a heading-like line ending in a generic noun", "Verwerker maakt gebruik van de volgende Subverwerkers\nWolkdienst B.V. voor hosting.", "Wolkdienst B.V.", "Wolkdienst B.V.", corpus.FormatPDF},
		{"a place ends the line", "De gegevens worden opgeslagen in datacentra in Nederland\nWolkdienst B.V. host de dienst.", "Wolkdienst B.V.", "Wolkdienst B.V.", corpus.FormatPDF},
		{"a sentence ends the line", "Wij werken met een externe partij voor e-mail.\nWolkdienst B.V. host de dienst.", "Wolkdienst B.V.", "Wolkdienst B.V.", corpus.FormatPDF},
		{"a short line before", "Hosting Partner\nWolkdienst B.V.", "Wolkdienst B.V.", "Wolkdienst B.V.", corpus.FormatPDF},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := newDoc(corpus.NewDocument(corpus.Source{Path: "t", Format: tc.format}, []corpus.PageText{{Text: tc.text}}))
			i := strings.Index(tc.text, tc.cand)
			got := d.withWrappedStart(Cell{Start: i, End: i + len(tc.cand), Text: tc.cand})
			if got.Text != tc.want {
				t.Errorf("name %q, want %q", got.Text, tc.want)
			}
			if got.Start < 0 || got.End > len(tc.text) || !strings.HasSuffix(tc.text[got.Start:got.End], tc.cand) {
				t.Errorf("span [%d,%d) is not the name's text", got.Start, got.End)
			}
		})
	}
}

// TestWrappedProseEnumeration reads a hard-wrapped Markdown paragraph (as
// a PDF gives its lines too): the enumeration runs over the line ends.
func TestWrappedProseEnumeration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bijsluiter.md")
	text := "## C. Subverwerkers\n\nVoor de hosting maakt Rekenroos gebruik van Wolkdienst B.V.\n(datacenter in Nederland) en voor het versturen van e-mail van Postduif\nMessaging, Inc., gevestigd in de Verenigde Staten.\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	r := Extract(fixtureDocument(t, path))
	if got, want := subString(r), "Wolkdienst B.V.=NL; Postduif Messaging, Inc.=US | outside=true[US]"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestWrappedNameWordIsTheRule holds wrappedNameWord to the rule it
// replaces, wrappedNameWordRe, on the fixtures' lines and generated ones.
func TestWrappedNameWordIsTheRule(t *testing.T) {
	pieces := []string{"Mailgun", "Technologies", " ", "\t", "\n", "e-mail", "van", "AWS", "B.V.", "&", "-", "É", "é",
		"Ærø", "x2", "9", "٣", ".", ",", "\u00a0", "ǅ", "\xff", "ß", "Σ", "a", "Z"}
	for _, s := range append(fixtureLines(t), oddStrings(pieces, 30000, 6)...) {
		start, end, ok := wrappedNameWord(s)
		m := wrappedNameWordRe.FindStringSubmatchIndex(s)
		if ok != (m != nil) || ok && (start != m[2] || end != m[3]) {
			t.Errorf("%q: wrappedNameWord %d %d %v, the rule %v", s, start, end, ok, m)
		}
	}
}
