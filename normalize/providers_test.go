package normalize

import (
	"strings"
	"testing"
)

// TestProviderTable keeps the gazetteer table clean: every line parses,
// no name or domain belongs to two providers, countries are ISO codes and
// every provider names its source.
func TestProviderTable(t *testing.T) {
	if providers().err != nil {
		t.Fatal(providers().err)
	}
	for _, c := range providers().conflicts {
		t.Errorf("claimed twice: %s", c)
	}
	list := Providers()
	if len(list) < 200 {
		t.Errorf("%d providers, want a few hundred", len(list))
	}
	categories := map[string]bool{}
	for _, c := range strings.Fields("cloud hosting datacenter cdn email sms messaging payments accounting analytics survey consent support crm productivity signing monitoring ai identity video communication storage development education network platform security maps logistics telecom") {
		categories[c] = true
	}
	seen := map[string]bool{}
	for _, p := range list {
		if seen[p.Name] {
			t.Errorf("%s: listed twice", p.Name)
		}
		seen[p.Name] = true
		if code, ok := Country(p.Headquarters); !ok || code != p.Headquarters {
			t.Errorf("%s: headquarters %q is not an ISO 3166-1 alpha-2 code", p.Name, p.Headquarters)
		}
		if (p.Parent == "") != (p.ParentCountry == "") {
			t.Errorf("%s: parent %q without its country %q or the other way round", p.Name, p.Parent, p.ParentCountry)
		}
		if p.ParentCountry != "" {
			if code, ok := Country(p.ParentCountry); !ok || code != p.ParentCountry {
				t.Errorf("%s: parent country %q is not an ISO code", p.Name, p.ParentCountry)
			}
		}
		if !categories[p.Category] {
			t.Errorf("%s: unknown category %q", p.Name, p.Category)
		}
		if p.Source == "" {
			t.Errorf("%s: no source", p.Name)
		}
		for _, d := range p.Domains {
			if m := domainRe.FindString(d); m != d {
				t.Errorf("%s: %q is not a domain", p.Name, d)
			}
		}
		if got, ok := LookupProvider(p.Name); !ok || got.Name != p.Name {
			t.Errorf("LookupProvider(%q) = %q, %v; want itself", p.Name, got.Name, ok)
		}
		if p.LegalName != "" {
			if got, ok := LookupProvider(p.LegalName); !ok || got.Name != p.Name {
				t.Errorf("LookupProvider(%q) = %q, %v; want %s", p.LegalName, got.Name, ok, p.Name)
			}
		}
	}
}

func TestParseProvidersErrors(t *testing.T) {
	tests := []struct{ name, tsv, want string }{
		{"columns", "Acme\tAcme B.V.\n", "line 1: 2 columns, want 9"},
		{"required", "# c\nAcme\t\t\t\t\t\t\tcloud\t\n", "line 2: name, country and source are required"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := parseProviders(tc.tsv, nil)
			if g.err == nil || !strings.Contains(g.err.Error(), tc.want) {
				t.Errorf("err = %v, want it to say %q", g.err, tc.want)
			}
		})
	}
	g := parseProviders("A One\t\tAone\ta.example\tNL\t\t\tcloud\ts\nA Two\t\tAone\ta.example\tNL\t\t\tcloud\ts\n", nil)
	if len(g.conflicts) != 2 {
		t.Errorf("conflicts = %q, want the alias and the domain", g.conflicts)
	}
}

func TestLookupProvider(t *testing.T) {
	tests := []struct {
		in, want string // want "" for no provider
		hq       string
	}{
		{"Amazon Web Services EMEA SARL", "Amazon Web Services", "US"},
		{"Amazon Web Services EMEA S.à r.l.", "Amazon Web Services", "US"},
		{"AWS", "Amazon Web Services", "US"},
		{"amazon.com", "Amazon Web Services", "US"},
		{"https://aws.amazon.com/compliance/", "Amazon Web Services", "US"},
		{"Amazon Web Services, Inc.", "Amazon Web Services", "US"},
		{"Amazon Web Services (AWS)", "Amazon Web Services", "US"},
		{"amazon web services emea sarl, Luxemburg", "Amazon Web Services", "US"},
		{"Amazon SES", "Amazon SES", "US"},
		{"Google Cloud EMEA Limited", "Google Cloud", "US"},
		{"Google Ireland Ltd.", "Google", "US"},
		{"fonts.googleapis.com", "Google Fonts", "US"},
		{"storage.googleapis.com", "Google", "US"},
		{"Microsoft Ireland Operations Limited", "Microsoft", "US"},
		{"Microsoft Nederland B.V.", "Microsoft", "US"},
		{"Microsoft Azure", "Microsoft Azure", "US"},
		{"Azure Active Directory", "Microsoft Entra", "US"},
		{"Zendesk International Ltd.", "Zendesk", "US"},
		{"MOLLIE B.V.", "Mollie", "NL"},
		{"privacy@mollie.com", "Mollie", "NL"},
		{"Hetzner Online GmbH", "Hetzner", "DE"},
		{"OVH SAS", "OVHcloud", "FR"},
		{"Stichting Kennisnet", "Kennisnet", "NL"},
		{"Coöperatie SURF U.A.", "SURF", "NL"},
		{"Cooperatie SURF", "SURF", "NL"},
		{"Sendinblue", "Brevo", "FR"},
		{"Piwik PRO sp. z o.o.", "Piwik PRO", "PL"},
		{"Piwik", "Matomo", "NZ"},
		{"PayPal (Europe) S.à r.l. et Cie, S.C.A.", "PayPal", "US"},
		{"Interxion", "Interxion", "NL"},
		{"True B.V.", "True", "NL"},
		{"True", "True", "NL"},
		{"Box", "Box", "US"},
		{"Twilio Ireland Limited", "Twilio", "US"},
		{"CM.com", "CM.com", "NL"},
		{"Kahoot!", "Kahoot!", "NO"},
		// not a provider, or not written as one
		{"true", "", ""},
		{"aws", "", ""},
		{"Box Hosting B.V.", "", ""},
		{"Wolkwerk Hosting B.V.", "", ""},
		{"Google Classroomhulp B.V.", "", ""},
		{"Amazonia Leermiddelen", "", ""},
		{"mollie-leermiddelen.nl", "", ""},
		{"B.V.", "", ""},
		{"", "", ""},
		{"Nederland", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			p, ok := LookupProvider(tc.in)
			if tc.want == "" {
				if ok {
					t.Errorf("LookupProvider(%q) = %q, want no provider", tc.in, p.Name)
				}
				return
			}
			if !ok || p.Name != tc.want || p.Headquarters != tc.hq {
				t.Errorf("LookupProvider(%q) = %q (%s), %v; want %q (%s)", tc.in, p.Name, p.Headquarters, ok, tc.want, tc.hq)
			}
		})
	}
}

func TestLookupProviderParent(t *testing.T) {
	p, ok := LookupProvider("Interxion Nederland B.V.")
	if !ok || p.Parent != "Digital Realty Trust, Inc." || p.ParentCountry != "US" {
		t.Errorf("Interxion: parent %q (%s), %v; want Digital Realty Trust, Inc. (US)", p.Parent, p.ParentCountry, ok)
	}
	p.Aliases = append(p.Aliases[:0], "changed")
	if q, _ := LookupProvider("Interxion"); len(q.Aliases) > 0 && q.Aliases[0] == "changed" {
		t.Error("a caller's change to the returned provider changed the gazetteer")
	}
}

func TestFindProviders(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "Provider=quote"
	}{
		{"legal name with form",
			"Wij maken gebruik van Amazon Web Services EMEA SARL (Luxemburg) voor hosting.",
			[]string{"Amazon Web Services=Amazon Web Services EMEA SARL"}},
		{"alias and domain",
			"Hosting bij AWS; e-mail via SendGrid (sendgrid.com) en betalingen via mollie.com.",
			[]string{"Amazon Web Services=AWS", "SendGrid=SendGrid", "SendGrid=sendgrid.com", "Mollie=mollie.com"}},
		{"region before legal form",
			"Zendesk International Ltd. verwerkt supportvragen.",
			[]string{"Zendesk=Zendesk International Ltd."}},
		{"comma before legal form",
			"Stripe, Inc. en Mollie B.V.",
			[]string{"Stripe=Stripe, Inc.", "Mollie=Mollie B.V."}},
		{"short alias inside words",
			"De KAWS-methode en lawsuits zijn geen AWS-diensten.",
			[]string{"Amazon Web Services=AWS"}},
		{"short alias case",
			"aws en ibm in kleine letters, IBM in hoofdletters.",
			[]string{"IBM Cloud=IBM"}},
		{"weak word in prose",
			"Dit is true. De Box met materialen en de Teams van de school.",
			nil},
		{"weak word before legal form",
			"Hosting door True B.V. te Amsterdam en opslag bij Box, Inc.",
			[]string{"True=True B.V.", "Box=Box, Inc."}},
		{"weak word as whole text",
			"  Bird  ",
			[]string{"MessageBird=Bird"}},
		{"no name across a cell border",
			"| Google | Cloud |",
			[]string{"Google=Google"}},
		{"longest name wins",
			"Google Cloud Platform en Google Analytics 4 en Piwik PRO.",
			[]string{"Google Cloud=Google Cloud Platform", "Google Analytics=Google Analytics 4", "Piwik PRO=Piwik PRO"}},
		{"accents and case",
			"COÖPERATIE SURF U.A. en Cooperatie SURF",
			[]string{"SURF=SURF U.A.", "SURF=SURF"}},
		{"invented names",
			"Wolkwerk Hosting B.V., Postduif Mail Inc. en Klantlijn Support Ltd",
			nil},
		{"domain not inside another",
			"zie www.mollie-leermiddelen.nl en info@eu.mollie.com",
			[]string{"Mollie=eu.mollie.com"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range FindProviders(tc.text) {
				got = append(got, m.Provider.Name+"="+tc.text[m.Start:m.End])
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("FindProviders(%q)\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func BenchmarkFindProviders(b *testing.B) {
	text := strings.Repeat("De verwerker maakt gebruik van Amazon Web Services EMEA SARL in Ierland, Mollie B.V. en www.sendgrid.com voor e-mail. ", 200)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		FindProviders(text)
	}
}
