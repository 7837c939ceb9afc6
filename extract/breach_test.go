package extract

import (
	"strings"
	"testing"
)

func TestExtractBreach(t *testing.T) {
	tests := []struct {
		name, text string
		want       int // 0: null
		warning    string
	}{
		{"binnen 24 uur", "Verwerker informeert de Onderwijsinstelling over een Datalek binnen 24 uur na ontdekking.", 24, ""},
		{"in beginsel", "Wanneer zich een Datalek voordoet, wordt de school in beginsel binnen 24 uur geïnformeerd.", 24, ""},
		{"number word", "Bij een inbreuk informeert Verwerker de school binnen achtenveertig uur.", 48, ""},
		{"supplier 72 hours", "Verwerker meldt een beveiligingsincident uiterlijk binnen 72 uur aan de Onderwijsinstelling.", 72, ""},
		{"authority deadline skipped", "De Onderwijsinstelling meldt een Datalek binnen 72 uur aan de Autoriteit Persoonsgegevens.", 0, ""},
		{"supplier and authority in one sentence", "Verwerker meldt een Datalek binnen 36 uur aan de school, zodat de school binnen 72 uur kan melden aan de Autoriteit Persoonsgegevens.", 36, ""},
		{"onverwijld only", "Verwerker informeert de Onderwijsinstelling onverwijld over een Datalek.", 0, ""},
		{"working days", "Verwerker informeert de school binnen twee werkdagen over een Datalek.", 48, "stated in days"},
		{"days", "Een datalek wordt binnen 3 dagen gemeld aan de school.", 72, "stated in days"},
		{"hours win over days", "Een datalek wordt binnen 3 dagen gemeld. Verwerker informeert de school over een datalek binnen 24 uur.", 24, ""},
		{"availability is no deadline", "De helpdesk is 24 uur per dag bereikbaar bij een incident.", 0, ""},
		{"under a breach heading", "C. Afspraken over het informeren over Datalekken\nVerwerker informeert de Onderwijsinstelling binnen 24 uur per e-mail.\n", 24, ""},
		{"clock time under a breach heading", "C. Datalekken\nDe helpdesk is op werkdagen van 8.00 tot 17.00 uur bereikbaar.\n", 0, ""},
		{"2 x 24 uur", "Verwerker meldt een Datalek binnen 2 x 24 uur aan de school.", 48, ""},
		{"English", "The processor notifies the school of a personal data breach within 36 hours.", 36, ""},
		{"no breach sentence", "De helpdesk reageert binnen 4 uur op vragen.", 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := Extract(textDocument(tc.text))
			got := 0
			if rec.BreachHours != nil {
				got = *rec.BreachHours
				if len(rec.Evidence["breach_notification_hours"]) == 0 {
					t.Error("no evidence for breach_notification_hours")
				}
			}
			if got != tc.want {
				t.Errorf("breach hours = %d, want %d", got, tc.want)
			}
			warned := strings.Contains(strings.Join(rec.Warnings, "\n"), "stated in days")
			if warned != (tc.warning != "") {
				t.Errorf("warnings = %q, want a days warning: %v", rec.Warnings, tc.warning != "")
			}
		})
	}
}
