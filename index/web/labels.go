package web

import "net/http"

// labels are the words of the page: Dutch first, English with ?lang=en.
// A key missing from a language falls back to Dutch.
var labels = map[string]map[string]string{
	"nl": {
		"review": "Toets", "review_board": "« alle toetsen", "review_against": "getoetst aan Model Verwerkersovereenkomst",
		"review_present": "aanwezig", "review_missing": "ontbreekt", "review_deviating": "wijkt af", "review_motivated": "gemotiveerd",
		"review_unmotivated": "niet gemotiveerd", "review_looked": "gezocht in", "review_deviations": "Afwijkingen (bijlage)",
		"review_board_title": "Toets aan het model: alle overeenkomsten", "review_agreements": "overeenkomsten getoetst",
		"review_failing": "Verplichtingen die het vaakst ontbreken of afwijken", "review_obligation": "Verplichting",
		"review_article": "Artikel", "review_count": "Overeenkomsten", "review_by_supplier": "Per leverancier",
		"st_present": "aanwezig", "st_deviating": "wijkt af", "st_missing": "ontbreekt", "st_not_applicable": "n.v.t.",
		"title": "Verwerkersovereenkomsten", "search": "Zoeken", "placeholder": "zoek, bijv. outside_eea:true of country:US of \"buiten de EER\"",
		"help":    "Vrije tekst, \"zinnen\", velden (supplier:, subprocessor:, country:US, headquarters:US, outside_eea:true, biv.c>=3, retention>P1Y), AND/OR/NOT.",
		"filters": "Filters", "outside_eea": "Buiten de EER", "any": "alle", "yes": "ja", "no": "nee", "unknown": "onbekend",
		"country": "Land", "supplier": "Leverancier", "model": "Modelversie", "kind": "Soort", "biv": "BIV vertrouwelijkheid ≥",
		"apply": "Toepassen", "clear": "Wis filters", "results": "documenten gevonden", "none": "Geen documenten gevonden.",
		"try":    "Probeer: minder woorden; een woord met * (Heut*); de filters wissen; een veld als supplier:naam of country:US; missing:biv voor wat ontbreekt; \"buiten de EER\" tussen aanhalingstekens.",
		"facets": "Verfijnen", "more": "meer", "ocr": "OCR", "subprocessor": "Subverwerker",
		"scan":     "De passage op de scan van de pagina",
		"products": "Producten", "subprocessors": "Subverwerkers (landen)", "retention": "Bewaartermijn", "bivcol": "BIV",
		"file": "Bestand", "open": "bekijk", "prev": "« vorige", "next": "volgende »", "export": "Exporteren",
		"register": "Register (CSV)", "registerxlsx": "Register (XLSX)", "sort": "Sorteren", "sort_score": "relevantie",
		"sort_supplier": "leverancier", "sort_path": "bestand",
		"back": "« terug naar zoeken", "fields": "Velden en bewijs", "field": "Veld", "value": "Waarde", "evidence": "Bron",
		"page": "pagina", "of": "van", "original": "Origineel bestand", "text": "Tekst", "click": "Klik op een bronverwijzing om de passage te zien.",
		"warnings": "Waarschuwingen", "error": "Let op: het bestand is nu onleesbaar; dit is de laatste goede versie", "lang": "English", "langcode": "en",
		"processor.kvk": "KvK-nummer", "processor.postcode": "Postcode", "processor.city": "Plaats", "legal_basis": "Rechtsgrond",
		"controller_filled": "Ingevuld door school", "storage_locations": "Opslaglocaties", "outside_eea_countries": "Landen buiten de EER",
		"rosa.assessment": "ROSA-toetsing", "rosa.controls": "ROSA-maatregelen", "subject_groups": "Betrokkenen",
		"data_categories": "Persoonsgegevens", "breach_notification_hours": "Datalek melden binnen (uur)", "version_date": "Versiedatum",
		"biv.availability": "Beschikbaarheid", "biv.integrity": "Integriteit", "biv.confidentiality": "Vertrouwelijkheid",
		"matches": "Gevonden", "extractor": "Extractorversie",
		"headquarters": "Hoofdkantoor subverwerker", "hq_note": "hoofdkantoor", "hq_parent": "moederbedrijf",
		"hq_help": "Waar het bedrijf van een bekende subverwerker zijn hoofdkantoor heeft, volgens de lijst van dienstverleners (niet wat de overeenkomst zegt)",
	},
	"en": {
		"review": "Review", "review_board": "« all reviews", "review_against": "reviewed against Model Verwerkersovereenkomst",
		"review_present": "present", "review_missing": "missing", "review_deviating": "deviating", "review_motivated": "motivated",
		"review_unmotivated": "not motivated", "review_looked": "looked in", "review_deviations": "Deviations (annex)",
		"review_board_title": "Review against the model: all agreements", "review_agreements": "agreements reviewed",
		"review_failing": "Obligations missing or weakened most often", "review_obligation": "Obligation",
		"review_article": "Article", "review_count": "Agreements", "review_by_supplier": "By supplier",
		"st_present": "present", "st_deviating": "deviating", "st_missing": "missing", "st_not_applicable": "n/a",
		"title": "Data-processing agreements", "search": "Search", "placeholder": "search, e.g. outside_eea:true or country:US or \"buiten de EER\"",
		"help":    "Free text, \"phrases\", fields (supplier:, subprocessor:, country:US, headquarters:US, outside_eea:true, biv.c>=3, retention>P1Y), AND/OR/NOT.",
		"filters": "Filters", "outside_eea": "Outside the EEA", "any": "any", "yes": "yes", "no": "no", "unknown": "unknown",
		"country": "Country", "supplier": "Supplier", "model": "Model version", "kind": "Kind", "biv": "BIV confidentiality ≥",
		"apply": "Apply", "clear": "Clear filters", "results": "documents found", "none": "No documents found.",
		"try":    "Try: fewer words; a word with * (Heut*); clearing the filters; a field such as supplier:name or country:US; missing:biv for what is absent; \"buiten de EER\" in quotes.",
		"facets": "Refine", "more": "more", "ocr": "OCR", "subprocessor": "Sub-processor",
		"scan":     "The passage on the scan of the page",
		"products": "Products", "subprocessors": "Sub-processors (countries)", "retention": "Retention", "bivcol": "BIV",
		"file": "File", "open": "view", "prev": "« previous", "next": "next »", "export": "Export",
		"register": "Register (CSV)", "registerxlsx": "Register (XLSX)", "sort": "Sort", "sort_score": "relevance",
		"sort_supplier": "supplier", "sort_path": "file",
		"back": "« back to search", "fields": "Fields and evidence", "field": "Field", "value": "Value", "evidence": "Source",
		"page": "page", "of": "of", "original": "Original file", "text": "Text", "click": "Click a source reference to see the passage.",
		"warnings": "Warnings", "error": "Note: the file cannot be read now; this is its last good version", "lang": "Nederlands", "langcode": "nl",
		"processor.kvk": "Chamber of Commerce no.", "processor.postcode": "Postcode", "processor.city": "City", "legal_basis": "Legal basis",
		"controller_filled": "Filled in by the school", "storage_locations": "Storage locations", "outside_eea_countries": "Countries outside the EEA",
		"rosa.assessment": "ROSA assessment", "rosa.controls": "ROSA controls", "subject_groups": "Data subjects",
		"data_categories": "Personal data", "breach_notification_hours": "Breach notice within (hours)", "version_date": "Version date",
		"biv.availability": "Availability", "biv.integrity": "Integrity", "biv.confidentiality": "Confidentiality",
		"matches": "Matched", "extractor": "Extractor version",
		"headquarters": "Sub-processor head office", "hq_note": "head office", "hq_parent": "parent",
		"hq_help": "Where a known sub-processor's company has its head office, from the provider gazetteer (not what the agreement says)",
	},
}

// lang returns the language of r: "en" with ?lang=en, else "nl".
func lang(r *http.Request) string {
	if r.URL.Query().Get("lang") == "en" {
		return "en"
	}
	return "nl"
}

// label returns the word for key in language l.
func label(l, key string) string {
	if s, ok := labels[l][key]; ok {
		return s
	}
	if s, ok := labels["nl"][key]; ok {
		return s
	}
	return key
}
