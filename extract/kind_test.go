package extract

import (
	"strings"
	"testing"
)

// articles returns n article headings with a sentence each.
func articles(n int, sentence string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString("Artikel " + string(rune('0'+i)) + ": Kop\n\n" + sentence + "\n\n")
	}
	return b.String()
}

func TestKind(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"verwerkersovereenkomst title", "Verwerkersovereenkomst Rekenreus\n\n" + articles(5, "Verwerker verwerkt."), "verwerkersovereenkomst"},
		{"bewerkersovereenkomst title", "Bewerkersovereenkomst\n\n" + articles(5, "Bewerker bewerkt."), "bewerkersovereenkomst"},
		{"model title, era words decide", "Model overeenkomst\n\nPartijen:\n\n1. X\n\n" + articles(5, "De Bewerker en de Subbewerker bewerken."), "bewerkersovereenkomst"},
		{"stand-alone privacy annex", "Bijlage 1: Privacybijsluiter Rekenreus\n\nA. Algemene informatie\n\nTekst.\n", "privacybijsluiter"},
		{"stand-alone security annex", "Bijlage 2 – Beveiligingsbijlage\n\nA. Maatregelen\n\nTekst.\n", "beveiligingsbijlage"},
		{"annex named by number only", "Bijlage 1 bij de overeenkomst\n\nA. Algemene informatie\n\nTekst.\n", "privacybijsluiter"},
		{"annex heading names the agreement", "Bijlage 1; privacy bijsluiter bij de verwerkersovereenkomst Rekenreus\n\n1. Algemene informatie\n\nTekst.\n", "privacybijsluiter"},
		{"numbered articles, parties without heading", "Verwerkersovereenkomst\n\nDeze overeenkomst wordt gesloten tussen X, hierna: Onderwijsinstelling, en Leerlab B.V., hierna: Verwerker.\n\n1. Definities\n\nTekst.\n", "verwerkersovereenkomst"},
		{"general terms with articles", "Algemene voorwaarden\n\n" + articles(6, "De klant betaalt binnen 30 dagen."), "other"},
		{"privacy statement", "Privacyverklaring\n\nWij gaan zorgvuldig met uw gegevens om.\n", "other"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Extract(textDocument(tc.text)).Kind; got != tc.want {
				t.Errorf("kind = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestModelVersion(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"model agreement", "Deze Model Verwerkersovereenkomst 4.0 hoort bij het Convenant.", "4.0"},
		{"replaced version skipped", "De Model Verwerkersovereenkomst 4.0 komt in de plaats van de Model Verwerkersovereenkomst 3.0.\nConvenant Digitale Onderwijsmiddelen en Privacy 4.0", "4.0"},
		{"version before document", "Dit is versie 3.0 van de Model Verwerkersovereenkomst.", "3.0"},
		{"convenant only", "Zie het Convenant Digitale Onderwijsmiddelen en Privacy 2.0.", "2.0"},
		{"OCR dot after versie", "Deze Model Verwerkersovereenkomst versie. 4.0 (2022) is een bijlage.", "4.0"},
		{"bewerkersovereenkomst versie", "opgesteld volgens de Model Bewerkersovereenkomst versie 2.0", "2.0"},
		{"short form Model N.N van het Convenant", "Privacybijsluiter behorend bij de verwerkersovereenkomst conform Model 3.0 van het Convenant Digitale Onderwijsmiddelen en Privacy", "3.0"},
		{"no version", "Het Convenant Digitale Onderwijsmiddelen en Privacy is onderschreven. Versie 2.1 van deze bijsluiter.", "<nil>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := str(Extract(textDocument(tc.text)).ModelVersion); got != tc.want {
				t.Errorf("model_version = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestLegalBasis(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"AVG definitions beat a Wbp leftover", "Persoonsgegevens: zoals gedefinieerd in de AVG.\nIn Bijlage 2 staat nog de Wet bescherming persoonsgegevens.", "AVG"},
		{"Wbp agreement", "gelet op artikel 14 van de Wet bescherming persoonsgegevens. Bewerker is bewerker in de zin van de Wbp.", "Wbp"},
		{"art. 28", "Partijen wensen, gelet op artikel 28 lid 3 AVG, afspraken te maken.", "AVG"},
		{"GDPR in English", "This agreement follows the General Data Protection Regulation.", "AVG"},
		{"no law named", "Wij gaan zorgvuldig met gegevens om.", "<nil>"},
		{"no law, Verwerker terms", "Verwerker bewaart de gegevens. De Subverwerker ook. Zie de Verwerkersovereenkomst.", "AVG"},
		{"no law, Bewerker terms", "Bewerker bewaart de gegevens van de Onderwijsinstelling. Bewerker meldt lekken.", "Wbp"},
		{"no law, Model 2.0", "Bijsluiter conform Model 2.0 van het Convenant. De Verwerker bewaart gegevens.", "Wbp"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := str(Extract(textDocument(tc.text)).LegalBasis); got != tc.want {
				t.Errorf("legal_basis = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestVersionDate(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"versie with month name", "H. Versie\n\nVersie 8 januari 2018\n", "2018-01-08"},
		{"heading then date", "Versie\n\n8 januari 2018\n", "2018-01-08"},
		{"numeric", "Versie: 1-5-2022\n", "2022-05-01"},
		{"latest of several", "Versie 1 juni 2023\ntekst\nVersie 1 juli 2023\n", "2023-07-01"},
		{"laatst aangepast", "Versie 3.0, laatst aangepast op 24 mei 2018.", "2018-05-24"},
		{"document version header", "Documentversie: 2.0\nDatum: 12-03-2020\n", "2020-03-12"},
		{"signature date is no version", "Versie 14 maart 2017\n\nDatum: 3 april 2017\n", "2017-03-14"},
		{"review date on a version line", "Versie 2.0 | Peer review uitgevoerd op 14-06-2023\n", "<nil>"},
		{"convenant's own date", "Deze bijsluiter volgt versie 4.0 van het Convenant van 1 augustus 2022.\nVersie 2 maart 2021\n", "2021-03-02"},
		{"conversie is no cue", "Na de conversie op 1 mei 2020 volgt een test.\n", "<nil>"},
		{"version number in a footer", "Tekst.\n\nVerwerkersovereenkomst Boekenbus v3.2 — 12 december 2023\n", "2023-12-12"},
		{"v with a date of another kind", "Bijlage v2.1 ondertekend op 1 mei 2020\n", "<nil>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := str(Extract(textDocument(tc.text)).VersionDate); got != tc.want {
				t.Errorf("version_date = %q, want %q", got, tc.want)
			}
		})
	}
}

// supplierDoc is a party block whose supplier, Leesmaatje B.V., shares
// its product's name.
const supplierDoc = "Partijen:\n\n1. Basisschool De Linde, hierna: Onderwijsinstelling\n2. Leesmaatje B.V., gevestigd te Utrecht, hierna: Verwerker\n\n"

func TestProducts(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"label with tab", "A. Algemene informatie\n\nNaam product en/of dienst\tRekenreus\n", []string{"Rekenreus"}},
		{"a reference, not a name", "A. Algemene informatie\n\nNaam product en/of dienst: Zie\n", nil},
		{"slash list", "Naam product en/of dienst: | Rekenreus / Taalster / Words&Worlds |\n", []string{"Rekenreus", "Taalster", "Words&Worlds"}},
		{"comma and en", "Naam product en/of dienst\tPlanbord Rooster, Planbord Absentie en Planbord Ouders\n", []string{"Planbord Rooster", "Planbord Absentie", "Planbord Ouders"}},
		{"sentence", "Naam product en/of dienst: | Deze bijsluiter heeft betrekking op het product Leesleeuw van Uitgeverij Tak. |\n", []string{"Leesleeuw"}},
		{"sentence wrapped", "Naam product en/of dienst: | Deze bijsluiter heeft betrekking op het product\nLeesleeuw van Uitgeverij Tak.\n", []string{"Leesleeuw"}},
		{"from the title", "Verwerkersovereenkomst Rekenreus\n\nTekst.\n", []string{"Rekenreus"}},
		{"title names the company", "Verwerkersovereenkomst Leerlab B.V.\n\nTekst.\n", nil},
		{"model title", "Model Verwerkersovereenkomst\n\nTekst.\n", nil},
		{"name opens the value", "Naam product en/of dienst: | Rekenreus is een oefenapp van Leerlab B.V. |\n", []string{"Rekenreus"}},
		{"betrekking op", "Naam product en/of dienst: | Deze bijsluiter heeft betrekking op Rekenreus. |\n", []string{"Rekenreus"}},
		{"betrekking op de diensten van", "Naam product en/of dienst: | Deze bijsluiter heeft betrekking op de diensten van Rekenreus. |\n", []string{"Rekenreus"}},
		{"compound service noun", "Naam product en/of dienst: | De school gebruikt de roosterdienst Roosterkracht Pro. |\n", []string{"Roosterkracht Pro"}},
		{"role word is no product", "Naam product en/of dienst: | Het betreft de diensten van Verwerker. |\n", nil},
		{"sentence opener is no name", "Naam product en/of dienst: | Deze Bijsluiter is voor alle apps. |\n", nil},
		{"Product(en) label", "Product(en): Rekenreus en Taalster\n", []string{"Rekenreus", "Taalster"}},
		{"bare Product label", "Product: Rekenreus\n", []string{"Rekenreus"}},
		{"bare Producten label", "Producten: Rekenreus, Taalster\n", []string{"Rekenreus", "Taalster"}},
		{"bare Dienst label", "Dienst: Roosterkracht\n", []string{"Roosterkracht"}},
		{"Naam van het product", "Naam van het product: Rekenreus\n", []string{"Rekenreus"}},
		{"Product label in a layout column", "Product      Rekenreus\n", []string{"Rekenreus"}},
		{"label value with a description", "Product: Rekenreus Online, een leeromgeving voor rekenen\n", []string{"Rekenreus Online"}},
		{"services of the supplier", supplierDoc + "Overwegen:\n\na. Verwerker levert de diensten van Leesmaatje.\n\nArtikel 1: Definities\n\nTekst.\n", nil},
		{"Product label in a table row", "Product | Rekenreus\n", []string{"Rekenreus"}},
		{"product shares the supplier's name, label", supplierDoc + "Naam product en/of dienst: Leesmaatje\n", []string{"Leesmaatje"}},
		{"product shares the supplier's name, title", "Verwerkersovereenkomst Leesmaatje\n\n" + supplierDoc, []string{"Leesmaatje"}},
		{"product shares the supplier's name, noun", supplierDoc + "Overwegen:\n\na. Verwerker levert het product Leesmaatje.\n\nArtikel 1: Definities\n\nTekst.\n", []string{"Leesmaatje"}},
		{"supplier legal name is no product", supplierDoc + "Naam product en/of dienst: Leesmaatje B.V.\n", nil},
		{"bullets under an announcing line", "Verwerkersovereenkomst\n\nDit betreft de volgende producten:\n• Tuinlab Natuur\n• Kiemkracht (app voor de onderbouw)\n\nArtikel 1\n", []string{"Tuinlab Natuur", "Kiemkracht"}},
		{"Betreft label with a system noun", "Beveiligingsbijlage\n\nBetreft: het leerlingvolgsysteem Cijferbord\n", []string{"Cijferbord"}},
		{"KvK in brackets is no product", "Bijlage 2 bij de Verwerkersovereenkomst tussen de school en Cijferbord B.V. (Kamer van Koophandel 34567812)\n\nTekst.\n", nil},
		{"two names in one recital sentence, supplier without legal-form suffix", "VERWERKERSOVEREENKOMST BOEKENBUS\n\nDe ondergetekenden:\n\n1. De school, hierna: de School;\n2. Vereniging Boekenbus, gevestigd te Deventer, hierna: de Verwerker;\n\n1. Toepassing\n\n1.1 Deze overeenkomst geldt voor het gebruik van de leesapp Bladwijzer en de bibliotheekkoppeling Leenbrug door de School.\n", []string{"Bladwijzer", "Leenbrug"}},
		{"recital", "Model Verwerkersovereenkomst\n\nPartijen:\n\n1. X, hierna: Onderwijsinstelling\n2. Leerlab B.V., hierna: Verwerker\n\nOverwegen het volgende:\n\na. Verwerker levert één of meer modules binnen Rekenreus aan Onderwijsinstelling.\n\nArtikel 1: Definities\n", []string{"Rekenreus"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Extract(textDocument(tc.text)).Products
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("products = %q, want %q", got, tc.want)
			}
		})
	}
}
