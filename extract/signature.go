package extract

import (
	"fmt"
	"strings"

	"github.com/dpa-nl/dpa/normalize"
)

// Signature is the signature block of an agreement ("Aldus overeengekomen
// … Naam: … Functie: … Datum: …"): per party what was filled in, the
// latest signing date, and whether the text shows the agreement signed.
type Signature struct {
	// Parties lists the party columns of the block in the order written;
	// empty when the document has no signature block.
	Parties []SignatureParty `json:"parties"`
	// SignedDate is the latest filled signing date (ISO 8601), nil when no
	// party dated the block.
	SignedDate *string `json:"signed_date"`
	// Signed is true when every party's name and date are filled in,
	// false when a party's name or date is left blank or a placeholder,
	// and nil (unknown) when the text cannot tell: no signature block, or a
	// scanned block whose signature is only an image. Reason says which.
	Signed *bool  `json:"signed"`
	Reason string `json:"signed_reason"`
}

// SignatureParty is one party's column of a signature block. A field is
// nil when the block leaves it blank or holds a placeholder ("_____",
// "[naam]", "<functie + naam>").
type SignatureParty struct {
	// Role is the party as the block heads its column ("Onderwijsinstelling",
	// "Verwerker"), or "partij 1", "partij 2" without a heading.
	Role     string  `json:"role"`
	Name     *string `json:"name"`
	Function *string `json:"function"`
	Place    *string `json:"place"`
	Date     *string `json:"date"`
	// Filled is true when the party's name and date are both filled in.
	Filled bool `json:"filled"`
}

// signatureCueRe opens a signature block: the closing formula of an
// agreement or a heading for the signatures.
var signatureCueRe = normalize.Pattern(`(?i)^\W*(?:aldus\s+(?:\S+\s+){0,3}?(?:overeengekomen|opgemaakt|getekend|ondertekend)|in\s+(?:twee|drie|meer)voud\s+(?:opgemaakt|getekend|ondertekend)|voor\s+akkoord(?:\s+getekend)?\s*[:,]?\s*$|ondertekening(?:en)?\s*:?\s*$|handtekeningen?\s*:?\s*$|signatures?\s*:?\s*$|agreed\s+and\s+signed)`)

// signatureFieldRe is one labelled field of a signature block; a line of
// a two-column block holds one per party ("Naam: Naam: J. de Vries").
var signatureFieldRe = normalize.Pattern(`(?i)\b(naam(?:\s+ondertekenaar)?|functie|plaats\s*(?:en|/|&)\s*datum|plaats|datum(?:\s+ondertekening)?|handtekening|name|title|function|place|date)\s*:`)

// signatureRoleRe names a party heading a column of the block.
var signatureRoleRe = normalize.Pattern(`(?i)\b(onderwijsinstelling|verwerkingsverantwoordelijke|verantwoordelijke|(?:sub)?verwerker|bewerker|school(?:bestuur)?|bevoegd\s+gezag|leverancier|opdrachtgever|opdrachtnemer|controller|processor)\b`)

// onBehalfRe opens one party's part of a block written party after party
// ("Namens de School:", "Voor Verwerker:", "On behalf of the Processor:").
var onBehalfRe = normalize.Pattern(`(?i)^(?:namens|voor|for|on\s+behalf\s+of)\s+(.{2,60}?)\s*:\s*$`)

// onBehalfMatch is onBehalfRe.FindStringSubmatchIndex(t), nil without
// trying the rule where mayOnBehalf turns t away.
func onBehalfMatch(t string) []int {
	if !mayOnBehalf(t) {
		return nil
	}
	return onBehalfRe.FindStringSubmatchIndex(t)
}

// cuePlaceRe is the place in a dated closing formula ("… ondertekend te
// Veghel op 20-01-2020").
var cuePlaceRe = normalize.Pattern(`(?i)\bte\s+([\p{Lu}'][\p{L}'\- ]{1,40}?)\s*(?:,|\bop\b|$)`)

// signatureEndRe ends the block: the list of annexes or an annex heading.
var signatureEndRe = normalize.Pattern(`(?i)^\W*(?:model\s+)?bijlage\s+\d|^\W*(?:annex|appendix)\s+\d|^\W*artikel\s+\d`)

// maySignatureCue reports whether t opens as every match of
// signatureCueRe (anchored at the start) opens: after characters that are
// not ASCII word characters, one of its first words. A line with a rune
// (?i) takes for k or s goes to the rule (\W may give back a long s for
// "signature").
func maySignatureCue(t string) bool {
	if hasOddRune(t) {
		return true
	}
	i := 0
	for i < len(t) && !isASCIIWord(t[i]) {
		i++
	}
	return hasPrefixFold(t[i:], "aldus", "in", "voor", "ondertekening", "handtekening", "signature", "agreed")
}

// signPlaceholderRe is a field value that only holds the space for one:
// underscores, dots, dashes, a bracketed hint or the word for the field.
var signPlaceholderRe = normalize.Lazy(`(?i)^(?:[\s_.…\-–—/]*|[\[<({].*[\]>)}]|\.{3}.*|(?:naam|functie|plaats|datum|handtekening|n\.?v\.?t\.?)\s*[:.]?)$`)

// maxSignatureLines bounds how far (in non-empty lines) a signature block
// reaches beyond its cue.
const maxSignatureLines = 40

func extractSignature(d *doc, r *Record) {
	r.Signature = Signature{Parties: []SignatureParty{}}
	lines := d.lines(0, len(d.text))
	cue := -1
	for i := len(lines) - 1; i >= 0; i-- { // the last block: an annex may quote the formula
		if t := strings.TrimSpace(lines[i].Text); len(t) < 120 && maySignatureCue(t) && signatureCueRe.MatchString(t) && (hasSignatureFields(lines[i+1:]) || normalize.DatePattern.MatchString(t)) {
			cue = i
			break
		}
	}
	if cue < 0 {
		r.Signature.Reason = "no signature block in the text"
		return
	}
	d.cite(r, "signature", lines[cue].Start, lines[cue].End, 0.8)
	var roles []string
	count := map[string]int{} // occurrences per field label: the n-th is party n's
	type field struct {
		party int
		label string
		start int
		end   int
	}
	var fields []field
	seen := 0
	ocr := d.PageAt(lines[cue].Start).OCR
	current := -1 // the party of a "Namens …:" block; -1 while columns are counted
	bare := false // the line after "Namens …:" may name the signer without a label
	for _, l := range lines[cue:] {
		t := strings.TrimSpace(l.Text)
		if t == "" {
			continue
		}
		if seen++; seen > maxSignatureLines || seen > 1 && signatureEndRe.MatchString(t) {
			break
		}
		if d.PageAt(l.Start).OCR {
			ocr = true
		}
		if m := onBehalfMatch(t); m != nil && seen > 1 {
			current = max(current+1, len(roles))
			role := strings.TrimSpace(t[m[2]:m[3]])
			if rm := signatureRoleRe.FindString(role); rm != "" {
				role = rm
			}
			for len(roles) < current {
				roles = append(roles, fmt.Sprintf("partij %d", len(roles)+1))
			}
			roles = append(roles, role)
			bare = true
			continue
		}
		ms := signatureFieldRe.FindAllStringSubmatchIndex(l.Text, -1)
		if len(ms) == 0 {
			switch {
			case bare && current >= 0 && len(t) < 80:
				// "J. de Boer, voorzitter" under "Namens …:"
				s, e := trimSpan(d.text, l.Start, l.End)
				name, fn := s, e
				if c := strings.IndexByte(d.text[s:e], ','); c > 0 {
					fn = s + c
					fields = append(fields, field{current, "function", s + c + 1, e})
				}
				fields = append(fields, field{current, "name", name, fn})
			case len(fields) == 0 && current < 0 && len(t) < 80 && seen > 1:
				for _, m := range signatureRoleRe.FindAllStringIndex(l.Text, -1) {
					roles = append(roles, strings.TrimSpace(l.Text[m[0]:m[1]]))
				}
			}
			bare = false
			continue
		}
		bare = false
		if !onlyMarks(l.Text[:ms[0][0]]) && len(fields) == 0 {
			continue // a sentence that happens to hold "naam:"
		}
		for k, m := range ms {
			label := signatureLabel(l.Text[m[2]:m[3]])
			end := len(l.Text)
			if k+1 < len(ms) {
				end = ms[k+1][0]
			}
			party := count[label]
			if current >= 0 {
				party = current
			}
			fields = append(fields, field{party, label, l.Start + m[1], l.Start + end})
			count[label]++
		}
	}
	// the closing formula may date the block for every party ("Aldus
	// overeengekomen en ondertekend te Veghel op 20-01-2020")
	var cueDate, cuePlace *string
	cueStart, cueEnd := trimSpan(d.text, lines[cue].Start, lines[cue].End)
	if m := normalize.DatePattern.FindStringIndex(d.text[cueStart:cueEnd]); m != nil {
		if iso, err := normalize.Date(d.text[cueStart+m[0] : cueStart+m[1]]); err == nil {
			cueDate = &iso
			r.Signature.SignedDate = &iso
			r.Evidence["signature.signed_date"] = []Evidence{d.span(cueStart, cueEnd, 0.8)}
		}
		if pm := cuePlaceRe.FindStringSubmatch(d.text[cueStart : cueStart+m[0]]); pm != nil {
			cuePlace = &pm[1]
		}
	}
	parties := 0
	for _, n := range count {
		parties = max(parties, n)
	}
	for _, f := range fields {
		parties = max(parties, f.party+1)
	}
	if current >= 0 {
		parties = max(parties, len(roles))
	}
	if parties == 0 {
		if cueDate != nil {
			r.Signature.Reason = "the closing formula is dated, but names no signer"
		} else {
			r.Signature.Reason = "signature block without name or date fields"
		}
		return
	}
	out := make([]SignatureParty, parties)
	for i := range out {
		out[i].Role = fmt.Sprintf("partij %d", i+1)
		if i < len(roles) {
			out[i].Role = roles[i]
		}
	}
	for _, f := range fields {
		s, e := trimMarks(d.text, f.start, f.end)
		v := d.text[s:e]
		if signPlaceholderRe.MatchString(v) {
			continue
		}
		p := &out[f.party]
		path := fmt.Sprintf("signature.parties[%d].%s", f.party, f.label)
		switch f.label {
		case "name":
			p.Name = &v
		case "function":
			p.Function = &v
		case "place":
			p.Place = &v
		case "date", "place_date":
			m := normalize.DatePattern.FindStringIndex(v)
			if m == nil {
				continue
			}
			iso, err := normalize.Date(v[m[0]:m[1]])
			if err != nil {
				continue
			}
			p.Date = &iso
			if f.label == "place_date" {
				if place := strings.Trim(strings.TrimSpace(v[:m[0]]), ",;-– "); place != "" && !strings.EqualFold(place, "te") {
					place = strings.TrimSpace(strings.TrimPrefix(place, "te "))
					p.Place = &place
					d.cite(r, fmt.Sprintf("signature.parties[%d].place", f.party), s, e, 0.8)
				}
				path = fmt.Sprintf("signature.parties[%d].date", f.party)
			}
			if r.Signature.SignedDate == nil || iso > *r.Signature.SignedDate {
				r.Signature.SignedDate = &iso
				r.Evidence["signature.signed_date"] = []Evidence{d.span(s, e, 0.85)}
			}
		case "signature":
			continue // a signature line says nothing in text
		}
		d.cite(r, path, s, e, 0.85)
	}
	var missing []string
	for i := range out {
		if out[i].Date == nil && cueDate != nil {
			out[i].Date = cueDate
			d.cite(r, fmt.Sprintf("signature.parties[%d].date", i), cueStart, cueEnd, 0.75)
		}
		if out[i].Place == nil && cuePlace != nil {
			out[i].Place = cuePlace
		}
		out[i].Filled = out[i].Name != nil && out[i].Date != nil
		if !out[i].Filled {
			var what []string
			if out[i].Name == nil {
				what = append(what, "name")
			}
			if out[i].Date == nil {
				what = append(what, "date")
			}
			missing = append(missing, out[i].Role+": "+strings.Join(what, " and ")+" not filled in")
		}
	}
	r.Signature.Parties = out
	switch {
	case len(missing) == 0:
		yes := true
		r.Signature.Signed = &yes
		r.Signature.Reason = "every party's name and date filled in"
	case ocr:
		r.Signature.Reason = "scan: signature only an image; " + strings.Join(missing, "; ")
	default:
		no := false
		r.Signature.Signed = &no
		r.Signature.Reason = strings.Join(missing, "; ")
	}
}

// hasSignatureFields reports whether a name or date field follows within
// the reach of a signature block.
func hasSignatureFields(lines []Line) bool {
	seen := 0
	for _, l := range lines {
		t := strings.TrimSpace(l.Text)
		if t == "" {
			continue
		}
		if seen++; seen > 12 {
			return false
		}
		if m := signatureFieldRe.FindStringIndex(t); m != nil && onlyMarks(t[:m[0]]) || onBehalfMatch(t) != nil {
			return true
		}
	}
	return false
}

// signatureLabel maps a field label as written to the field it fills.
func signatureLabel(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch {
	case strings.HasPrefix(s, "plaats") && strings.Contains(s, "datum"):
		return "place_date"
	case strings.HasPrefix(s, "naam"), s == "name":
		return "name"
	case s == "functie", s == "function", s == "title":
		return "function"
	case s == "plaats", s == "place":
		return "place"
	case strings.HasPrefix(s, "datum"), s == "date":
		return "date"
	}
	return "signature"
}

// onlyMarks reports whether s holds nothing but space and the marks of a
// table or list ("| ", "**", "- ").
func onlyMarks(s string) bool { return strings.Trim(s, " \t|*-•") == "" }

// trimMarks trims white space and table pipes from both ends of text[start:end].
func trimMarks(text string, start, end int) (int, int) {
	start, end = trimSpan(text, start, end)
	for start < end && (text[start] == '|' || text[start] == '*') {
		start, end = trimSpan(text, start+1, end)
	}
	for end > start && (text[end-1] == '|' || text[end-1] == '*') {
		start, end = trimSpan(text, start, end-1)
	}
	return start, end
}

// trimSpan trims white space from both ends of text[start:end].
func trimSpan(text string, start, end int) (int, int) {
	for start < end && strings.ContainsRune(" \t\r\n\f", rune(text[start])) {
		start++
	}
	for end > start && strings.ContainsRune(" \t\r\n\f", rune(text[end-1])) {
		end--
	}
	return start, end
}
