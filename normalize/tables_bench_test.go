package normalize

import "testing"

// BenchmarkTables is what a fresh process pays to build each table of
// places and countries on its first use.
func BenchmarkTables(b *testing.B) {
	b.Run("countries", func(b *testing.B) {
		for b.Loop() {
			buildCountryTables()
		}
	})
	b.Run("gazetteer", func(b *testing.B) {
		for b.Loop() {
			buildGazetteer()
		}
	})
	g := gazetteer()
	b.Run("firstWords", func(b *testing.B) {
		for b.Loop() {
			buildFirstWords(g)
		}
	})
	b.Run("providers", func(b *testing.B) {
		for b.Loop() {
			parseProviders(providersTSV, providerForms)
		}
	})
}
