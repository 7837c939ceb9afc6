package normalize

import (
	"fmt"
	"strings"
)

// PostcodePattern matches a Dutch postcode as written: four digits (the
// first not 0), optional white space, two letters ("2516AB", "7461 AD",
// "(7461 AD)"). SA, SD and SS are never issued and do not match.
var PostcodePattern = Pattern(`\b([1-9]\d{3})[ \t\x{00A0}]?([A-Za-z]{2})\b`)

// Postcode normalises a Dutch postcode to "1234 AB". It returns an error
// naming the input when s holds no postcode.
func Postcode(s string) (string, error) {
	for _, m := range PostcodePattern.FindAllStringSubmatch(s, -1) {
		letters := strings.ToUpper(m[2])
		switch letters {
		case "SA", "SD", "SS":
			continue
		}
		return m[1] + " " + letters, nil
	}
	return "", fmt.Errorf("postcode %q: no Dutch postcode (1234 AB) found", s)
}
