package extract

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/normalize"
)

// productWord is one capitalised word of a product name; a dot only
// inside it ("Leer.nu"), so a sentence's full stop ends the name.
const productWord = `[\p{Lu}\d](?:[\p{L}\d&+'’-]|\.[\p{L}\d])*`

var (
	// productLabelRe labels the product in an annex's general information.
	// A bare "Product" or "Dienst" must be followed by a colon, tab, pipe
	// or a layout's column gap of two or more spaces,
	// so "Product- en Dienstenovereenkomst: de overeenkomst …" is no label.
	productLabelRe = cued(normalize.Pattern(`(?i)(?:Naam\s+(?:van\s+(?:het|de)\s+)?(?:product(?:en)?|dienst(?:en)?|applicatie|software|leermiddel)(?:\s+en\s*/\s*of\s+(?:de\s+)?(?:dienst(?:en)?|product(?:en)?))?\b\s*:?|(?:Product(?:naam|en|\(en\))?|Dienst(?:naam|en|\(en\))?|Betreft|Service|Application|Applicatie)(?:\s*(?::|\t|\|)| {2,}))`))
	// productNounRe introduces product names in a sentence: "heeft
	// betrekking op het product Acadin", "de diensten van Rekenreus".
	productNounRe = normalize.Pattern(`(?i)\b(?:betrekking\s+op|(?:het|de)\s+(?:[\p{L}]+\s+)?[\p{L}-]*(?:product(?:en)?|dienst(?:en)?|applicatie(?:s)?|platform|app|software|omgeving(?:en)?|methode(?:s)?|systeem|systemen|portaal|pakket|koppeling(?:en)?|programma(?:'s)?|leermiddel(?:en)?|module(?:s)?|toepassing(?:en)?))\s+(?:van\s+|genaamd\s+)?`)
	// productNamesRe is one or more names: capitalised words joined by
	// commas, slashes, "en" or "en/of".
	productNamesRe = normalize.Pattern(`^[“"'‘(]?` + productWord + `(?:[ \t]+` + productWord + `)*(?:(?:\s*,\s*|\s*/\s*|\s+en(?:\s*/\s*of)?\s+|\s+of\s+)` + productWord + `(?:[ \t]+` + productWord + `)*)*`)
	// productSepRe separates the names of a list.
	productSepRe = normalize.Pattern(`\s*/\s*|\s*,\s*|\s*;\s*|\s+en(?:\s*/\s*of)?\s+|\s+of\s+|\s*\|\s*`)
	// titleProductRe takes the product from a title or annex heading:
	// "Verwerkersovereenkomst Rekenreus", "PRIVACY BIJSLUITER Rekenreus",
	// "Privacybijsluiter voor Rekenreus", "Data Processing Agreement
	// Rekenreus", "Privacy information sheet Rekenreus", "Privacyverklaring Rekenreus".
	titleProductRe = normalize.Pattern(`(?i)(?:verwerkers|bewerkers)overeenkomst(?:\s+(?:voor|van|inzake|bij))?\s+|privacy\s*-?\s*bijsluiter(?:\s+(?:voor|van|bij))?\s+|privacyverklaring(?:\s+(?:voor|van))?\s+|data\s+processing\s+agreement(?:\s+(?:for|of))?\s+|privacy\s+(?:information\s+sheet|statement|notice)(?:\s+(?:for|of))?\s+`)
	// notProductWords are words that follow a document word in a title
	// but name no product.
	notProductWords = normalize.Pattern(`(?i)^(?:model|versie|bij|de|het|een|conform|behorende|tussen|inzake|\d|\(|\[|<)`)
	// nameThenSentenceRe is what follows a product name that opens a
	// sentence: a verb, "van", a bracket, a dash or a comma before a
	// description ("Rekenreus, een oefenapp voor rekenen").
	nameThenSentenceRe = normalize.Pattern(`^\s*(?:\(|[-–:,]|(?:is|zijn|van|biedt|helpt|wordt|betreft|omvat)\b)`)
	// sentenceOpenerRe is a first word that starts a sentence, not a name.
	sentenceOpenerRe = normalize.Pattern(`^(?:Deze|Dit|De|Het|Een|Wij|Onze|Zie|Alle|Via|In|Met|Voor|Op|Bij)\b`)
	// recitalProductRe finds a product in the recitals: "neemt de dienst
	// Rekenreus af", "modules binnen Rekenreus".
	recitalProductRe = normalize.Pattern(`(?i)\b(?:modules?|functies?|onderdelen)\s+(?:binnen|van)\s+`)
	// notProductNameRe is a capitalised word that names a party or a
	// document, not a product ("de diensten van Verwerker").
	notProductNameRe = normalize.Pattern(`^(?:Verwerker|Bewerker|Leverancier|Processor|Controller|Supplier|Onderwijsinstelling|School|Partij(?:en)?|Convenant|Bijlage|Overeenkomst|Verwerkersovereenkomst|AVG|Wbp|Nederland|EER|Europa)$`)
	// afterVanRe is text that ends in "van", so the name after it owns
	// something ("de diensten van Leerlab").
	afterVanRe = normalize.Pattern(`(?i)\bvan\s*$`)
	// parenRe is a parenthesised list in a title.
	parenRe = normalize.Pattern(`\(([^()]{2,120})\)`)
	// markupRe is a remnant of the source's markup in a table cell.
	markupRe = normalize.Pattern(`</?[iub]>`)
)

// maxListValue is the longest label value read as a bare list of names
// rather than a sentence.
const maxListValue = 80

// extractProducts sets products from the product label of the annex, or
// else from the title or annex heading.
func extractProducts(d *doc, r *Record) {
	supplier := ""
	if r.Processor.Name != nil {
		supplier, _ = normalize.SplitLegalForm(*r.Processor.Name)
		// "Vereniging Leesvrienden" also goes by "Leesvrienden"
		supplier = spelledFormRe.ReplaceAllString(supplier, "")
	}
	found := tableProducts(d, supplier)
	if len(found) == 0 {
		found = flatTableProducts(d, supplier)
	}
	for _, v := range d.labelValues(0, len(d.text), productLabelRe, 0) {
		if len(found) > 0 {
			break
		}
		if d.inTableHeader(v.Start) || isColumnWord(strings.Trim(v.Text, " *:|")) {
			continue // "| Product | Omschrijving |": a column name, not a value
		}
		if found = productNames(v, supplier); len(found) == 0 {
			found = productNames(wrappedCell(d, v), supplier)
		}
		if len(found) > 0 {
			break
		}
	}
	if len(found) == 0 {
		found = inlineLabelProducts(d, supplier)
	}
	if len(found) == 0 {
		found = bulletProducts(d, supplier)
	}
	if len(found) == 0 {
		found = headingListProducts(d, supplier)
	}
	if len(found) == 0 {
		found = definedProducts(d, supplier)
	}
	fromTitle := false
	if len(found) == 0 {
		fromTitle = true
		perAnnex := false
		for _, s := range d.outline {
			if s.Kind != SectionTitle && s.Kind != SectionAnnex {
				continue
			}
			// one annex per product ("Bijlage 1a – Privacybijsluiter
			// Planner", "Bijlage 1b – Privacybijsluiter Portfolio"): every
			// annex heading names one
			if perAnnex && s.Kind != SectionAnnex {
				continue
			}
			line := Cell{Start: s.Start, End: s.Start + len(firstLine(d.text[s.Start:s.End]))}
			line.Text = d.text[line.Start:line.End]
			var got []Cell
			if m := titleProductRe.FindStringIndex(line.Text); m != nil {
				rest := Cell{Start: line.Start + m[1], End: line.End, Text: line.Text[m[1]:]}
				if !notProductWords.MatchString(rest.Text) {
					got = productNames(rest, supplier)
					// a cover run into one line ("VERWERKERSOVEREENKOMST
					// Rekenraket Online versie 3 – 20 juni 2023")
					if c := titleTailRe.FindStringIndex(rest.Text); len(got) == 0 && c != nil && c[0] > 0 {
						got = productNames(Cell{Start: rest.Start, End: rest.Start + c[0], Text: rest.Text[:c[0]]}, supplier)
					}
				}
				// "Privacy Bijsluiter Leerwerk B.V. (Rekenreus, Taalster)"
				if p := parenRe.FindStringSubmatchIndex(rest.Text); len(got) == 0 && p != nil && !registryCueRe.MatchString(rest.Text[p[2]:p[3]]) {
					got = productNames(Cell{Start: rest.Start + p[2], End: rest.Start + p[3], Text: rest.Text[p[2]:p[3]]}, supplier)
				}
			}
			found = append(found, got...)
			if len(found) > 0 && s.Kind != SectionAnnex {
				break
			}
			perAnnex = len(found) > 0
		}
		if len(found) == 0 {
			found = headingProducts(d, supplier)
		}
		if len(found) == 0 {
			found = titleSideProducts(d, supplier)
		}
		if len(found) == 0 {
			found = coverProducts(d, supplier)
		}
	}
	// A title that only repeats the supplier's name ("VERWERKERSOVEREENKOMST
	// LEESVRIENDEN" of Vereniging Leesvrienden) yields to products the
	// recitals name; it stands when they name none.
	if len(found) == 0 || fromTitle && onlySupplier(found, supplier) {
		if rec := recitalProducts(d, supplier); len(rec) > 0 {
			found = rec
		}
	}
	if len(found) == 0 {
		found = introProducts(d, supplier)
	}
	seen := map[string]bool{}
	for _, c := range found {
		key := strings.ToLower(c.Text)
		if seen[key] {
			continue
		}
		seen[key] = true
		d.cite(r, fmt.Sprintf("products[%d]", len(r.Products)), c.Start, c.End, 0.8)
		r.Products = append(r.Products, c.Text)
	}
}

// productNames reads product names from a label value or title rest: a
// short value is a list of names; a sentence gives the names after a
// product noun ("het product Acadin"). The supplier's own name is no
// product after "van" ("de diensten van Leerlab"); a name with a legal
// form never is.
func productNames(v Cell, supplier string) []Cell {
	text := markupRe.ReplaceAllStringFunc(v.Text, func(s string) string { return strings.Repeat(" ", len(s)) })
	var spans [][2]int
	trimmed := strings.TrimSpace(text)
	off := strings.Index(text, trimmed)
	// A list of names fills the whole value ("Rekenreus / Taalster"); a
	// value that goes on in lower case is a sentence.
	if m := productNamesRe.FindStringIndex(trimmed); m != nil && len(trimmed) <= maxListValue &&
		strings.Trim(trimmed[m[1]:], " .;") == "" && !productNounRe.MatchString(text) {
		spans = splitNames(text, off+m[0], off+m[1])
	} else {
		for _, m := range productNounRe.FindAllStringIndex(text, -1) {
			if n := productNamesRe.FindStringIndex(text[m[1]:]); n != nil {
				spans = append(spans, splitNames(text, m[1]+n[0], m[1]+n[1])...)
				break
			}
		}
		// "Rekenreus is een app van …", "Rekenreus (Leerlab B.V.)": the
		// value opens with the name, unless it opens with a sentence word.
		if m := productNamesRe.FindStringIndex(trimmed); len(spans) == 0 && m != nil &&
			nameThenSentenceRe.MatchString(trimmed[m[1]:]) && !sentenceOpenerRe.MatchString(trimmed) {
			spans = splitNames(text, off+m[0], off+m[1])
		}
	}
	var out []Cell
	for _, s := range spans {
		name := strings.Trim(text[s[0]:s[1]], " “”\"'‘’.,:;()")
		if name == "" {
			continue
		}
		i := strings.Index(text[s[0]:s[1]], name)
		c := Cell{Start: v.Start + s[0] + i, End: v.Start + s[0] + i + len(name), Text: name}
		if supplierOwned(text[:s[0]], name, supplier) || notProductNameRe.MatchString(name) {
			continue
		}
		if !strings.ContainsAny(name, " \t") && sentenceOpenerRe.MatchString(name) {
			continue // a lone function word ("Zie", "Deze") is a reference, not a product
		}
		if _, form := normalize.SplitLegalForm(name); form != "" {
			continue // a company, not a product
		}
		out = append(out, c)
	}
	return out
}

// recitalProducts reads product names from the recitals (between the
// party block and the first article): "een abonnement op de leeromgeving
// Rekenreus", "modules binnen Rekenreus".
func recitalProducts(d *doc, supplier string) []Cell {
	parties, ok := d.sectionOf(SectionParties)
	if !ok {
		return nil
	}
	end := min(len(d.text), parties.End+3000)
	for _, s := range d.outline {
		if s.Kind == SectionArticle && s.Start > parties.End {
			end = s.Start
			break
		}
	}
	text := d.text[parties.End:end]
	for _, re := range []*normalize.Regexp{productNounRe, recitalProductRe} {
		for _, m := range re.FindAllStringIndex(text, -1) {
			if n := productNamesRe.FindStringIndex(text[m[1]:]); n != nil {
				c := Cell{Start: parties.End + m[1] + n[0], End: parties.End + m[1] + n[1]}
				c.Text = d.text[c.Start:c.End]
				if names := productNames(c, supplier); len(names) > 0 && !supplierOwned(text[:m[1]], names[0].Text, supplier) {
					// the same sentence may name more ("de leesapp X en
					// de koppeling Y")
					stop := len(text)
					if e := clauseEndRe.FindStringIndex(text[m[1]:]); e != nil {
						stop = m[1] + e[0]
					}
					for _, m2 := range re.FindAllStringIndex(text[m[1]+n[1]:stop], -1) {
						at := m[1] + n[1] + m2[1]
						if n2 := productNamesRe.FindStringIndex(text[at:stop]); n2 != nil {
							c2 := Cell{Start: parties.End + at + n2[0], End: parties.End + at + n2[1]}
							c2.Text = d.text[c2.Start:c2.End]
							names = append(names, productNames(c2, supplier)...)
						}
					}
					return names
				}
			}
		}
	}
	return nil
}

// supplierOwned reports whether name, which follows the text before, is
// the supplier's name after "van" ("de diensten van Leerlab"): the
// company, not a product. A name equal to the supplier's that is named
// as a product (label, title, "het product Leerlab") is kept.
func supplierOwned(before, name, supplier string) bool {
	return supplier != "" && strings.EqualFold(name, supplier) && afterVanRe.MatchString(before)
}

// wrappedCell extends a label value that a layout wrapped over lines
// ("… heeft betrekking op het product" / "Rekenreus van …") with the next
// line, when the value does not end a sentence and the next line is no
// row of its own.
func wrappedCell(d *doc, v Cell) Cell {
	if strings.ContainsAny(v.Text[len(v.Text)-1:], ".!?)") {
		return v
	}
	next := d.lines(lineEndAt(d.text, v.End)+1, len(d.text))
	if len(next) == 0 || strings.TrimSpace(next[0].Text) == "" || splitRow(next[0]) != nil || layoutLineRe.MatchString(next[0].Text) {
		return v
	}
	v.End = next[0].End
	v.Text = d.text[v.Start:v.End]
	return v
}

// splitNames splits [start, end) of text at list separators.
func splitNames(text string, start, end int) [][2]int {
	var out [][2]int
	prev := start
	for _, m := range productSepRe.FindAllStringIndex(text[start:end], -1) {
		out = append(out, [2]int{prev, start + m[0]})
		prev = start + m[1]
	}
	return append(out, [2]int{prev, end})
}

var (
	// spelledFormRe is a legal form written as the first word of a name
	// ("Stichting Leerkracht", "Vereniging Leesvrienden").
	spelledFormRe = normalize.Pattern(`(?i)^(?:stichting|vereniging|coöperatie(?:ve)?(?:\s+vereniging)?)\s+`)
	// registryCueRe is a registration in brackets, not a product list.
	registryCueRe = normalize.Pattern(`(?i)kamer\s+van\s+koophandel|\bkvk\b|handelsregister|\d{6,}`)
	// clauseEndRe ends a sentence, a clause or a line.
	clauseEndRe = normalize.Pattern(`[.;]\s|\n`)
	// productListIntroRe is a line that announces a list of products:
	// "Dit betreft de volgende producten:", "Het gaat om de diensten:".
	productListIntroRe = normalize.Pattern(`(?i)\b(?:product(?:en)?|dienst(?:en)?|applicaties?|modules?|leermiddelen)\b[^\n:]{0,30}:[ \t]*$`)
	// bulletRe opens a bullet line.
	bulletRe = normalize.Pattern(`^[ \t]*(?:[•·▪◦*–-]|\d{1,2}[.)]|[a-z][.)])[ \t]+`)
)

// endsInColon reports whether line ends in a colon and blanks (spaces,
// tabs, no-break spaces), as every match of productListIntroRe does: few
// lines do, and the rule would be tried at every byte of every line.
func endsInColon(line string) bool {
	return strings.HasSuffix(strings.TrimRight(line, " \t\u00a0\u202f\u2007"), ":")
}

// bulletProducts reads the names in the bullets under a line announcing
// products ("Dit betreft de volgende producten:" / "• Rekenreus"): each
// bullet's leading name, before any bracket or dash.
func bulletProducts(d *doc, supplier string) []Cell {
	ls := d.lines(0, len(d.text))
	for i, l := range ls {
		if !endsInColon(l.Text) || !productListIntroRe.MatchString(l.Text) {
			continue
		}
		var out []Cell
		for _, b := range ls[i+1:] {
			m := bulletRe.FindStringIndex(b.Text)
			if m == nil {
				if strings.TrimSpace(b.Text) == "" && len(out) == 0 {
					continue
				}
				break
			}
			rest := b.Text[m[1]:]
			n := productNamesRe.FindStringIndex(rest)
			if n == nil {
				break
			}
			c := Cell{Start: b.Start + m[1] + n[0], End: b.Start + m[1] + n[1]}
			c.Text = d.text[c.Start:c.End]
			out = append(out, productNames(c, supplier)...)
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// onlySupplier reports whether every name found equals the supplier's.
func onlySupplier(found []Cell, supplier string) bool {
	if supplier == "" {
		return false
	}
	for _, c := range found {
		if !strings.EqualFold(c.Text, supplier) {
			return false
		}
	}
	return true
}

// titleTailRe is where a title's product name ends when a version or a
// date follows it on the same line.
var titleTailRe = normalize.Pattern(`(?i)\s+(?:versie|version|v\.?\s?\d|[–—]\s|-\s|\d)`)

// columnWordRe is a word that names a table column, not a product: the
// cell after "Product" in a header row a layout flattened ("Product Description").
// isColumnWord tells it without compiling it (the rule seldom matched and
// cost its compiling); TestIsColumnWordIsTheRule holds one to the other.
var columnWordRe = normalize.Pattern(`(?i)^(?:omschrijving|beschrijving|toelichting|doel|naam|versie|datum|description|purpose|name|version|details|opmerking(?:en)?|type|soort|categorie|prijs|price)$`)

// columnWords are the words of columnWordRe.
var columnWords = []string{"omschrijving", "beschrijving", "toelichting", "doel", "naam", "versie", "datum", "description",
	"purpose", "name", "version", "details", "opmerking", "opmerkingen", "type", "soort", "categorie", "prijs", "price"}

// isColumnWord is columnWordRe.MatchString(s): s is one of columnWords
// in any case, as (?i) folds it (strings.EqualFold folds alike).
func isColumnWord(s string) bool {
	for _, w := range columnWords {
		if strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}

// productColumnRe is the header of a table column that lists products.
var productColumnRe = normalize.Pattern(`(?i)^(?:product(?:en|naam|\(en\))?|naam\s+(?:van\s+(?:het|de)\s+)?(?:product|dienst|applicatie)|dienst(?:en|naam|\(en\))?|applicatie(?:s)?|leermiddel(?:en)?|module(?:s)?|products?|services?|product\s+name|application)$`)

// tableProducts reads the products from a table with a product column
// ("| Product | Omschrijving |"): the column's cells below the header.
func tableProducts(d *doc, supplier string) []Cell {
	for _, b := range d.blocks() {
		if b.Kind != corpus.BlockTable || b.Table == nil {
			continue
		}
		col := -1
		for _, c := range b.Table.Header() {
			if productColumnRe.MatchString(strings.Trim(d.Slice(c.Span), " *:")) {
				col = c.Col
				break
			}
		}
		if col < 0 {
			continue
		}
		var out []Cell
		for _, row := range b.Table.Body() {
			c, ok := row.CellAt(col)
			if !ok || c.Empty() {
				continue
			}
			out = append(out, productNames(Cell{Start: c.Start, End: c.End, Text: d.Slice(c.Span)}, supplier)...)
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// inTableHeader reports whether offset off lies in a header row of a table.
func (d *doc) inTableHeader(off int) bool {
	for _, b := range d.blocks() {
		if b.Kind != corpus.BlockTable || b.Table == nil || off < b.Start || off >= b.End {
			continue
		}
		for _, row := range b.Table.Rows[:min(b.Table.HeaderRows, len(b.Table.Rows))] {
			if row.Start <= off && off < row.End {
				return true
			}
		}
	}
	return false
}

// definitionRe is the definition of the agreement's product in a
// "hierna" clause: "Rekenreus (hierna: “de Dienst”)", "hereinafter: the Service".
var definitionRe = normalize.Pattern(`(?i)[“”"'‘’]?\s*\(\s*(?:hierna|hereinafter)(?:\s+(?:te\s+noemen|genoemd|referred\s+to\s+as|called))?\s*[:,]?\s*[“”"'‘’*_]?(?:de|het|the)?\s*[“”"'‘’*_]?(?:dienst(?:en)?|product(?:en)?|applicatie|software|leermiddel(?:en)?|platform|app|programma|module|oplossing|leeromgeving|service|services|application)[“”"'‘’*_]?\s*\)`)

// definitionMatches returns definitionRe.FindAllStringIndex(text, -1)
// (low is text in ASCII lower case), found from the places of "hierna"
// and "hereinafter", which every match holds right after its bracket and
// white space: the rule runs only from the quote and white space before
// that bracket to the first closing bracket after the word, where each
// of its matches ends. Over the whole text Go tried it at every byte.
func definitionMatches(text, low string) [][]int {
	var out [][]int
	prevEnd := 0
	for _, w := range occurrences(low, []string{"hierna", "hereinafter"}) {
		if w < prevEnd {
			continue // inside the last match
		}
		p := backOverSpace(text, w)
		if p == 0 || text[p-1] != '(' {
			continue
		}
		p = backOverSpace(text, p-1)
		if r, n := utf8.DecodeLastRuneInString(text[:p]); n > 0 && strings.ContainsRune(`“”"'‘’`, r) && r != utf8.RuneError {
			p -= n
		}
		from := max(p, prevEnd)
		closing := strings.IndexByte(text[w:], ')')
		if closing < 0 {
			continue
		}
		m := definitionRe.FindStringIndex(text[from : w+closing+1])
		if m == nil {
			continue
		}
		out = append(out, []int{from + m[0], from + m[1]})
		prevEnd = from + m[1]
	}
	return out
}

// backOverSpace returns the start of the run of white space (a rule's
// widened \s) that ends at i.
func backOverSpace(text string, i int) int {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:i])
		if !isRuleSpace(r) {
			break
		}
		i -= n
	}
	return i
}

// definedProducts reads the products named before a "hierna: de Dienst"
// definition: the capitalised words just before the bracket, and the
// names enumerated before them ("Rekenrijk en Begrippenbank (hierna: de
// Diensten)"); a separable verb's particle may stand between ("neemt
// Begrippenbank af (hierna: …)").
func definedProducts(d *doc, supplier string) []Cell {
	for _, m := range definitionMatches(d.text, d.lower()) {
		end := m[0]
		if p := particleRe.FindStringIndex(d.text[max(0, end-8):end]); p != nil {
			end = max(0, end-8) + p[0]
		}
		start := nameBefore(d.text, end)
		if start < 0 {
			continue
		}
		for {
			sep := listSepBeforeRe.FindStringIndex(d.text[max(0, start-8):start])
			if sep == nil {
				break
			}
			prev := nameBefore(d.text, max(0, start-8)+sep[0])
			if prev < 0 {
				break
			}
			start = prev
		}
		c := Cell{Start: start, End: end, Text: d.text[start:end]}
		if names := productNames(c, supplier); len(names) > 0 && !supplierOwned(d.text[max(0, start-40):start], names[0].Text, supplier) {
			return names
		}
	}
	return nil
}

var (
	// particleRe is a separable verb's particle at the end of a clause
	// ("neemt X af", "schaft X aan").
	particleRe = normalize.Pattern(`\s+(?:af|aan|in|op|uit|toe)\s*$`)
	// listSepBeforeRe is a list separator that ends a text: ", ", " en ", " of ".
	listSepBeforeRe = normalize.Pattern(`(?:\s*,\s*|\s+en\s+|\s+of\s+|\s*/\s*)$`)
)

// nameBefore returns where the run of capitalised words (a name) that
// ends at end begins, quotes included; -1 when no capitalised word ends there.
func nameBefore(text string, end int) int {
	s := strings.TrimRight(text[:end], " \t“”\"'‘’")
	start := -1
	for {
		i := strings.LastIndexAny(s, " \t\n“\"'‘(")
		w := s[i+1:]
		if w == "" || !startsUpper(w) || notProductNameRe.MatchString(w) || sentenceOpenerRe.MatchString(w) && start >= 0 {
			break
		}
		start = i + 1
		if i < 0 || s[i] != ' ' && s[i] != '\t' {
			break
		}
		s = s[:i]
	}
	return start
}

// coverLineRe is a cover line that is not a product: a version, a date,
// a model or the parties' wording.
var coverLineRe = normalize.Pattern(`(?i)^(?:versie|version|v\d|\d|model|conform|tussen|between|bijlage|behorende|datum|date|concept|definitief|inzake|ten\s+behoeve)|\b(?:19|20)\d\d\b|[:;|]`)

// coverProducts reads the product from the cover: a short name on the
// line right under a title that only names the kind of document
// ("VERWERKERSOVEREENKOMST" / "Rekenraket Online" / "versie 3").
func coverProducts(d *doc, supplier string) []Cell {
	title, ok := d.sectionOf(SectionTitle)
	if !ok {
		return nil
	}
	ls := d.lines(title.Start, min(title.End, title.Start+600))
	if len(ls) < 2 || !kindOnlyTitleRe.MatchString(strings.Trim(ls[0].Text, " \t#*")) {
		return nil
	}
	l := ls[1]
	t := strings.Trim(l.Text, " \t#*_")
	if t == "" || coverLineRe.MatchString(t) || utf8.RuneCountInString(t) > 60 {
		return nil
	}
	off := l.Start + strings.Index(l.Text, t)
	c := Cell{Start: off, End: off + len(t), Text: t}
	if m := productNamesRe.FindString(t); m != t {
		return nil
	}
	return productNames(c, supplier)
}

// kindOnlyTitleRe is a title that names only the kind of document.
var kindOnlyTitleRe = normalize.Pattern(`(?i)^(?:(?:model\s+)?(?:verwerkers|bewerkers)overeenkomst|privacy\s*-?\s*bijsluiter|data\s+processing\s+agreement|privacyverklaring|privacy\s+statement)$`)

// introProductRe introduces the supplier's product in the opening of a
// document without a party block: "Wij maken de leesapp Leesmeter",
// "Wij bieden het platform X", "we make the app X".
var introProductRe = normalize.Pattern(`(?i)\b(?:wij|we|ons\s+bedrijf)\s+(?:maken|ontwikkelen|bieden|leveren|verzorgen|make|develop|offer|provide)(?:\s+\S+){0,2}?\s+`)

// introProducts reads the products a supplier says it makes, in the first
// part of a document without a party block (a privacy statement): the
// name after a product noun in a "wij maken …" sentence.
func introProducts(d *doc, supplier string) []Cell {
	if _, ok := d.sectionOf(SectionParties); ok {
		return nil
	}
	limit := min(len(d.text), 3000)
	for _, m := range introProductRe.FindAllStringIndex(d.text[:limit], -1) {
		end := m[1] + 200
		if e := clauseEndRe.FindStringIndex(d.text[m[0]:min(limit, end)]); e != nil {
			end = m[0] + e[1]
		}
		sent := Cell{Start: m[0], End: min(end, limit)}
		sent.Text = d.text[sent.Start:sent.End]
		if n := productNounRe.FindStringIndex(sent.Text); n != nil {
			if names := productNames(sent, supplier); len(names) > 0 {
				return names
			}
		}
	}
	return nil
}

// headingProducts reads the product from the document's first heading
// when page furniture (a web page's menu) stands above it, so the outline's
// title is not the title: "<h1>Privacyverklaring Klassenlog</h1>", or,
// without heading blocks, a short line among the first few that opens
// with the document's kind.
func headingProducts(d *doc, supplier string) []Cell {
	fromLine := func(start int, t string) []Cell {
		m := titleProductRe.FindStringIndex(t)
		if m == nil || m[0] != 0 {
			return nil
		}
		rest := Cell{Start: start + m[1], End: start + len(t), Text: t[m[1]:]}
		if notProductWords.MatchString(rest.Text) {
			return nil
		}
		return productNames(rest, supplier)
	}
	headings := 0
	for _, b := range d.blocks() {
		if b.Kind != corpus.BlockHeading {
			continue
		}
		if got := fromLine(b.Text.Start, d.Slice(b.Text)); len(got) > 0 {
			return got
		}
		if headings++; headings == 3 {
			break
		}
	}
	n := 0
	for _, l := range d.lines(0, min(len(d.text), 600)) {
		t := strings.TrimSpace(l.Text)
		if t == "" {
			continue
		}
		if n++; n > 6 {
			break
		}
		if utf8.RuneCountInString(t) <= 80 && !strings.HasSuffix(t, ".") {
			if got := fromLine(l.Start+strings.Index(l.Text, t), t); len(got) > 0 {
				return got
			}
		}
	}
	return nil
}

// productHeadingRe is a heading over a list of the supplier's products.
var productHeadingRe = normalize.Pattern(`(?i)^(?:onze\s+|de\s+)?(?:producten|diensten|applicaties|leermiddelen|modules|products|services)(?:\s+(?:en|and)\s+(?:diensten|services))?\s*:?$`)

// headingListProducts reads the items of the list under a heading such
// as "Onze producten": each item's leading name, before a dash, colon or
// bracket ("- Speelwerk Lezen – leesoefeningen voor groep 3").
func headingListProducts(d *doc, supplier string) []Cell {
	bs := d.blocks()
	for i, b := range bs {
		if b.Kind != corpus.BlockHeading || !productHeadingRe.MatchString(strings.Trim(d.Slice(b.Text), " *#")) {
			continue
		}
		var out []Cell
		for _, it := range bs[i+1:] {
			if it.Kind != corpus.BlockListItem {
				break
			}
			t := d.Slice(it.Text)
			n := productNamesRe.FindStringIndex(t)
			if n == nil || n[0] != 0 {
				continue
			}
			// the name ends at a dash, colon or bracket: it is not a sentence
			if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(t[n[1]:])); r != utf8.RuneError && !strings.ContainsRune("–—-:(,", r) {
				continue
			}
			out = append(out, productNames(Cell{Start: it.Text.Start, End: it.Text.Start + n[1], Text: t[:n[1]]}, supplier)...)
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

var (
	// inlineProductLabelRe is a product label inside a block of label
	// lines a layout ran together ("Verwerker: X Adres: … Producten: A, B").
	inlineProductLabelRe = normalize.Pattern(`(?:^|\s)(?:Producten|Product|Product\(en\)|Diensten|Dienst|Dienst\(en\)|Applicatie|Applicaties)\s*:\s+`)
	// nextInlineLabelRe is the next label of such a block: a capitalised
	// word or two and a colon.
	nextInlineLabelRe = normalize.Pattern(`\s\p{Lu}[\p{L}-]*(?:[ ][\p{L}-]+)?\s*:\s`)
)

// inlineLabelProducts reads the product label out of a label block whose
// lines were run together into one (HTML paragraphs of Markdown label
// lines): the value runs to the next label or the end of the block.
func inlineLabelProducts(d *doc, supplier string) []Cell {
	for _, b := range d.blocks() {
		if b.Kind != corpus.BlockLabel {
			continue
		}
		t := d.Slice(b.Text)
		m := inlineProductLabelRe.FindStringIndex(t)
		if m == nil || m[0] == 0 {
			continue // a label of its own is the label step's
		}
		end := len(t)
		if n := nextInlineLabelRe.FindStringIndex(t[m[1]:]); n != nil {
			end = m[1] + n[0]
		}
		v := Cell{Start: b.Text.Start + m[1], End: b.Text.Start + end, Text: t[m[1]:end]}
		if names := productNames(v, supplier); len(names) > 0 {
			return names
		}
	}
	return nil
}

// flatTableProducts reads a product table that a PDF flattened into a
// header line ("Product | Description") and one paragraph per row
// ("Grasspriet Spelling adaptive spelling exercises …"): each row's
// leading capitalised words, where lower-case text follows.
func flatTableProducts(d *doc, supplier string) []Cell {
	bs := d.blocks()
	for i, b := range bs {
		if b.Kind != corpus.BlockLabel && b.Kind != corpus.BlockParagraph {
			continue
		}
		cells := strings.Split(d.Slice(b.Text), "|")
		if len(cells) < 2 || !productColumnRe.MatchString(strings.TrimSpace(cells[0])) || !isColumnWord(strings.TrimSpace(cells[1])) {
			continue
		}
		var out []Cell
		for _, row := range bs[i+1:] {
			if row.Kind != corpus.BlockParagraph {
				break
			}
			t := d.Slice(row.Text)
			n := productNamesRe.FindStringIndex(t)
			if n == nil || n[0] != 0 || strings.HasSuffix(strings.TrimSpace(t), ".") {
				break // a sentence, not a row
			}
			if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(t[n[1]:])); r == utf8.RuneError || !unicode.IsLower(r) {
				break // a row goes on with its description
			}
			out = append(out, productNames(Cell{Start: row.Text.Start, End: row.Text.Start + n[1], Text: t[:n[1]]}, supplier)...)
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// docWordRe is a word that names the kind of document or page in a title:
// the side of a title that holds one is not the product.
var docWordRe = normalize.Pattern(`(?i)\b(?:privacy\w*|verwerkersovereenkomst|bewerkersovereenkomst|bijsluiter|statement|notice|policy|faq|beleid|voorwaarden|verklaring|data\s+processing|gegevensbescherming|beveiliging)\b`)

// titleSeps separate the two sides of a page or cover title.
var titleSeps = []string{" – ", " — ", " - ", " | ", ": ", " · "}

// titleSideProducts reads the product from a web page's or cover's title
// that sets a name beside the kind of page ("Tuimelaar Reading Coach –
// Privacy Statement", "Pauwoog Agenda | Privacy", "Privacy en beveiliging
// bij Pauwoog Agenda"), or from a name-only first line above such a title
// ("Kievit Woordtrainer" / "Privacy FAQ for schools"). Only the first few
// lines of the text are read.
func titleSideProducts(d *doc, supplier string) []Cell {
	var lines []Line
	for _, l := range d.lines(0, min(len(d.text), 1500)) {
		if t := strings.TrimSpace(l.Text); t != "" && t != "\f" {
			lines = append(lines, l)
		}
		if len(lines) == 4 {
			break
		}
	}
	name := func(l Line, start, end int) []Cell {
		t := l.Text[start:end]
		trimmed := strings.Trim(t, " \t#*_")
		if trimmed == "" || utf8.RuneCountInString(trimmed) > 50 || docWordRe.MatchString(trimmed) || coverLineRe.MatchString(trimmed) {
			return nil
		}
		if productNamesRe.FindString(trimmed) != trimmed || len(strings.Fields(trimmed)) > 4 || isLegalFormEnd(trimmed) {
			return nil
		}
		off := l.Start + start + strings.Index(t, trimmed)
		return productNames(Cell{Start: off, End: off + len(trimmed), Text: trimmed}, supplier)
	}
	for i, l := range lines {
		t := l.Text
		for _, sep := range titleSeps {
			k := strings.Index(t, sep)
			if k <= 0 || strings.Count(t, strings.TrimSpace(sep)) > 1 {
				continue
			}
			left, right := t[:k], t[k+len(sep):]
			switch {
			case docWordRe.MatchString(right) && !docWordRe.MatchString(left):
				if got := name(l, 0, k); len(got) > 0 {
					return got
				}
			case docWordRe.MatchString(left) && !docWordRe.MatchString(right):
				if got := name(l, k+len(sep), len(t)); len(got) > 0 {
					return got
				}
			}
		}
		// "Privacy en beveiliging bij Pauwoog Agenda", "Privacy at Kievit"
		if m := titleBijRe.FindStringIndex(t); m != nil && docWordRe.MatchString(t[:m[0]]) {
			if got := name(l, m[1], len(t)); len(got) > 0 {
				return got
			}
		}
		// a name alone on the first line, the kind of page under it
		if i == 0 && len(lines) > 1 && docWordRe.MatchString(lines[1].Text) && utf8.RuneCountInString(strings.TrimSpace(lines[1].Text)) <= 60 {
			if got := name(l, 0, len(t)); len(got) > 0 {
				return got
			}
		}
	}
	return nil
}

// titleBijRe joins a title's kind of page to the name it is about.
var titleBijRe = normalize.Pattern(`\s(?:bij|voor|van|at|for|of)\s+`)
