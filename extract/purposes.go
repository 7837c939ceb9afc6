package extract

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/dpa-nl/dpa/corpus"
	"github.com/dpa-nl/dpa/normalize"
)

// Purpose is one purpose of processing (doeleinde) as the document writes it.
type Purpose struct {
	// Text is the purpose as written, without list marker or trailing ';'.
	Text string `json:"text"`
	// Code is its code in a Model 4.0 purpose table ("D3"), when it has one.
	Code string `json:"code,omitempty"`
	// Optional is true for a processing the school must switch on
	// ("Optionele verwerkingen").
	Optional bool `json:"optional,omitempty"`
	// Product is the product whose privacybijsluiter lists the purpose,
	// when the document covers several products and splits them.
	Product string `json:"product,omitempty"`
}

// purposeHeadRe is the heading of a purposes section ("B. Doeleinden voor
// het verwerken van persoonsgegevens", "2. Doeleinden …", "Tabel 3:
// Doeleinden", "Doel van de verwerking", "Purposes of processing").
var purposeHeadRe = normalize.Pattern(`(?i)^(?:[A-Z0-9]{1,2}[.)]\s*)?(?:tabel\s+\d+\s*:\s*)?(?:de\s+)?(?:(?:verwerkings)?doeleinden|doelen|doel(?:einde)?\s+van\s+de\s+verwerking|waarvoor\s+worden\s+(?:de\s+)?(?:persoons)?gegevens\s+(?:gebruikt|verwerkt)|purposes?\s+of\s+(?:the\s+)?processing)\b`)

// mayPurposeHead reports whether head holds a word every match of
// purposeHeadRe holds: "doel", "waarvoor" or "purpo" (no k or s, which
// (?i) also finds as other runes), in any case.
func mayPurposeHead(head string) bool {
	return containsFold(head, "doel") || containsFold(head, "waarvoor") || containsFold(head, "purpo")
}

// purposeEndRe is a block that starts the next section of a privacybijsluiter.
var purposeEndRe = normalize.Pattern(`(?i)^(?:[A-Z0-9]{1,2}[.)]\s*)?(?:tabel\s+\d+\s*:\s*)?(?:categorie|soorten\s+persoonsgegevens|welke\s+(?:persoons)?gegevens|bewaartermijn|bewaren|subverwerker|subbewerker|sub-verwerker|beveiliging|contactgegevens|bijlage\s+\d|doorgifte|verwerkingen\s+buiten|verwerking\s+buiten|opslag|categories|retention|sub-?processors)`)

// purposeSubheadRe marks a sub-heading inside the section that says
// whether the purposes after it are optional.
var (
	purposeOptionalRe = normalize.Pattern(`(?i)optione|facultatie|met\s+(?:specifieke\s+)?toestemming|keuze|optional`)
	purposeRequiredRe = normalize.Pattern(`(?i)onlosmakelijk|altijd|standaard|verplicht|always`)
)

// purposeBulletRe is a bullet a PDF leaves in the text of a block.
var purposeBulletRe = normalize.Lazy(`(?:^|\s)[•▪·●◦]\s+`)

// purposeCodeRe is the code of a purpose in a Model 4.0 table.
var purposeCodeRe = normalize.Lazy(`^D\d{1,2}$`)

// maxPurposeHead is the longest block that can head the section.
const maxPurposeHead = 140

func extractPurposes(d *doc, r *Record) {
	bs := d.blocks()
	seen := map[string]bool{}
	// add adds a purpose written in one or more pieces (a PDF wraps a
	// table cell or a list item over lines between other blocks): its text
	// joins them, each piece is evidence.
	add := func(p Purpose, pieces [][2]int) {
		var parts []string
		var evs []Evidence
		for k, pc := range pieces {
			s, e := trimSpan(d.text, pc[0], pc[1])
			if k == len(pieces)-1 {
				for e > s && strings.ContainsRune(";|,. \t", rune(d.text[e-1])) {
					e--
				}
			}
			if e <= s {
				continue
			}
			parts = append(parts, strings.Join(strings.Fields(d.text[s:e]), " "))
			evs = append(evs, d.span(s, e, 0.75))
		}
		p.Text = strings.Join(parts, " ")
		key := normalize.Fold(p.Text)
		if len(key) < 8 || seen[key] {
			return
		}
		seen[key] = true
		r.Evidence[fmt.Sprintf("purposes[%d]", len(r.Purposes))] = evs
		r.Purposes = append(r.Purposes, p)
	}
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		if b.Kind == corpus.BlockTable {
			for _, row := range purposeRows(d, b, false) {
				add(Purpose{Code: row.code}, [][2]int{row.span})
			}
			continue
		}
		if b.Kind == corpus.BlockFurniture || b.Kind == corpus.BlockListItem && b.Marker == "" {
			continue // a list item without marker continues the one before
		}
		head := b.Text.In(d.text)
		if b.Kind == corpus.BlockLabel {
			head = b.Label.In(d.text)
		}
		if nl := strings.IndexByte(head, '\n'); nl >= 0 {
			head = head[:nl] // a text reader may run the next line into the heading's item
		}
		if head = strings.TrimSpace(head); len(head) > maxPurposeHead || !mayPurposeHead(head) || !purposeHeadRe.MatchString(head) {
			continue
		}
		product := purposeProduct(d, bs, i, r.Products)
		if b.Kind == corpus.BlockLabel && !b.Value.Empty() {
			for _, part := range splitOn(d.text, b.Value.Start, b.Value.End, ";") {
				add(Purpose{Product: product}, [][2]int{part})
			}
			continue
		}
		end := purposeSectionEnd(d, bs, i)
		found := len(r.Purposes)
		optional := false
		var firstPara *corpus.Block
		var pending *Purpose
		var pieces [][2]int
		flush := func() {
			if pending != nil {
				add(*pending, pieces)
			}
			pending, pieces = nil, nil
		}
		start := func(p Purpose, s, e int) {
			flush()
			pending, pieces = &p, [][2]int{{s, e}}
		}
		for j := i + 1; j < end; j++ {
			c := bs[j]
			text := c.Text.In(d.text)
			switch c.Kind {
			case corpus.BlockTable:
				for _, row := range purposeRows(d, c, true) {
					start(Purpose{Code: row.code, Optional: optional, Product: product}, row.span[0], row.span[1])
				}
				continue
			case corpus.BlockFurniture:
				continue
			}
			trimmed := strings.TrimSpace(text)
			bullet := purposeBulletRe.FindStringIndex(text)
			led := bullet != nil && strings.TrimSpace(text[:bullet[0]]) == ""
			continues := pending != nil && trimmed != "" && !led && !endsClause(d.text, pieces[len(pieces)-1]) &&
				(c.Kind == corpus.BlockListItem && c.Marker == "" || c.Kind == corpus.BlockParagraph && startsLower(trimmed))
			if continues {
				pieces = append(pieces, [2]int{c.Text.Start, c.Text.End})
				continue
			}
			isItem := c.Kind == corpus.BlockListItem && !purposeSubhead(text) || led
			if !isItem {
				flush()
				if len(trimmed) < 100 || strings.HasSuffix(trimmed, ":") {
					switch {
					case purposeOptionalRe.MatchString(text):
						optional = true
					case purposeRequiredRe.MatchString(text):
						optional = false
					}
				}
				if c.Kind == corpus.BlockParagraph && firstPara == nil {
					firstPara = &bs[j]
				}
				continue
			}
			// a PDF may run several bullets into one block ("… leerresultaten; • het …")
			pos := c.Text.Start
			for _, cut := range purposeBulletRe.FindAllStringIndex(text, -1) {
				if c.Text.Start+cut[0] > pos {
					start(Purpose{Optional: optional, Product: product}, pos, c.Text.Start+cut[0])
				}
				pos = c.Text.Start + cut[1]
			}
			start(Purpose{Optional: optional, Product: product}, pos, c.Text.End)
		}
		flush()
		if len(r.Purposes) == found && firstPara != nil {
			// no list: the section's first paragraph states the purposes
			add(Purpose{Product: product}, [][2]int{{firstPara.Text.Start, firstPara.Text.End}})
		}
		i = end - 1
	}
}

// endsClause reports whether the text of span ends a list item or a
// sentence (';', '.', ':'), so that the next block does not continue it.
func endsClause(text string, span [2]int) bool {
	s, e := trimSpan(text, span[0], span[1])
	for e > s && text[e-1] == '|' {
		s, e = trimSpan(text, s, e-1)
	}
	return e > s && strings.ContainsRune(";.:!?", rune(text[e-1]))
}

// startsLower reports whether s starts with a lower-case letter: a line
// that continues the sentence of the block before.
func startsLower(s string) bool {
	for _, c := range s {
		return unicode.IsLower(c)
	}
	return false
}

// purposeSubhead reports whether a list item is a sub-heading of the
// section ("a. Verwerkingen die een onlosmakelijk onderdeel vormen …",
// "b. Optionele verwerkingen") rather than a purpose.
func purposeSubhead(text string) bool {
	t := strings.TrimSpace(text)
	return len(t) < 100 && !strings.HasSuffix(t, ";") && (purposeOptionalRe.MatchString(t) && strings.Contains(strings.ToLower(t), "verwerkingen") ||
		purposeRequiredRe.MatchString(t) && strings.Contains(strings.ToLower(t), "verwerkingen"))
}

// purposeSectionEnd returns the index of the block after the purposes
// section headed by bs[i].
func purposeSectionEnd(d *doc, bs []corpus.Block, i int) int {
	start := bs[i]
	marker := strings.TrimSpace(start.Marker)
	for j := i + 1; j < len(bs); j++ {
		b := bs[j]
		if b.Kind == corpus.BlockFurniture || b.Kind == corpus.BlockTable {
			continue
		}
		text := strings.TrimSpace(b.Text.In(d.text))
		if b.Text.Len() < maxPurposeHead && purposeEndRe.MatchString(text) {
			return j
		}
		switch {
		case start.Kind == corpus.BlockHeading && b.Kind == corpus.BlockHeading && b.Level <= start.Level && !purposeSubhead(text):
			return j
		case start.Kind == corpus.BlockListItem && b.Kind == corpus.BlockListItem && sameMarkerStyle(marker, b.Marker) && b.Text.Len() < 100:
			return j
		}
	}
	return len(bs)
}

// sameMarkerStyle reports whether two list markers number one list: both
// digits ("2." and "3.") or both capitals ("B." and "C.").
func sameMarkerStyle(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if a == "" || b == "" || a == b {
		return false
	}
	class := func(s string) int {
		switch c := s[0]; {
		case c >= '0' && c <= '9':
			return 1
		case c >= 'A' && c <= 'Z':
			return 2
		}
		return 0
	}
	return class(a) != 0 && class(a) == class(b)
}

// purposeRow is one row of a purpose table: the span of its purpose and its code.
type purposeRow struct {
	span [2]int
	code string
}

// purposeRows returns the rows of a purpose table: a table whose header or
// caption names purposes (Model 4.0 "Tabel 3: Doeleinden", "Doeleinde |
// Doeleindecode"), or whose rows mostly carry a purpose code (the table
// continued without its header). In a purposes section (inSection) any
// table is one, its longest cell in each row the purpose ("| a. | het … |").
func purposeRows(d *doc, b corpus.Block, inSection bool) []purposeRow {
	t := b.Table
	if t == nil || len(t.Rows) == 0 {
		return nil
	}
	isHead := func(s string) bool {
		s = strings.TrimSpace(s)
		return purposeHeadRe.MatchString(s) || strings.EqualFold(s, "doeleinde") || strings.EqualFold(s, "doeleindecode")
	}
	first := t.Rows[0]
	headerRow := len(first.Cells) > 0 && isHead(first.Cells[0].Text(d.text))
	coded := 0
	for _, row := range t.Rows {
		for _, c := range row.Cells {
			if purposeCodeRe.MatchString(strings.TrimSpace(c.Text(d.text))) {
				coded++
				break
			}
		}
	}
	if !inSection && !headerRow && !isHead(t.Caption.In(d.text)) && coded*2 < len(t.Rows) {
		return nil
	}
	var out []purposeRow
	for ri, row := range t.Rows {
		if ri == 0 && headerRow || ri < t.HeaderRows {
			continue
		}
		var text corpus.Cell
		code := ""
		for _, c := range row.Cells {
			v := strings.TrimSpace(c.Text(d.text))
			switch {
			case purposeCodeRe.MatchString(v):
				code = v
			case isHead(v):
			case len(v) > len(strings.TrimSpace(text.Text(d.text))):
				text = c
			}
		}
		if text.Len() == 0 {
			continue
		}
		end := text.End
		if len(text.More) > 0 {
			end = text.More[len(text.More)-1].End
		}
		out = append(out, purposeRow{[2]int{text.Start, end}, code})
	}
	return out
}

// purposeProduct returns the product whose annex holds the section at
// bs[i], when the document covers several products and the annex heading
// names one of them; "" otherwise.
func purposeProduct(d *doc, bs []corpus.Block, i int, products []string) string {
	if len(products) < 2 {
		return ""
	}
	for j := i - 1; j >= 0; j-- {
		if bs[j].Kind != corpus.BlockHeading {
			continue
		}
		h := strings.ToLower(bs[j].Text.In(d.text))
		named := ""
		for _, p := range products {
			if strings.Contains(h, strings.ToLower(p)) {
				if named != "" {
					return "" // a heading over several products splits nothing
				}
				named = p
			}
		}
		if named != "" {
			return named
		}
		if strings.HasPrefix(strings.ToLower(bs[j].Marker), "bijlage") {
			return ""
		}
	}
	return ""
}

// splitOn splits text[start:end] at each sep into trimmed spans.
func splitOn(text string, start, end int, sep string) [][2]int {
	var out [][2]int
	pos := start
	for {
		k := strings.Index(text[pos:end], sep)
		if k < 0 {
			out = append(out, [2]int{pos, end})
			return out
		}
		out = append(out, [2]int{pos, pos + k})
		pos += k + len(sep)
	}
}
