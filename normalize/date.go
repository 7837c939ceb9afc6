// Package normalize turns values as Dutch agreements write them (dates,
// postcodes, legal forms, Chamber of Commerce numbers) into canonical
// forms. It is pure: no I/O, and it imports nothing of dpa.
package normalize

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// months maps Dutch (and English) month names and their usual
// abbreviations to month numbers.
var months = map[string]int{
	"januari": 1, "jan": 1, "january": 1,
	"februari": 2, "feb": 2, "febr": 2, "february": 2,
	"maart": 3, "mrt": 3, "mar": 3, "march": 3,
	"april": 4, "apr": 4,
	"mei": 5, "may": 5,
	"juni": 6, "jun": 6, "june": 6,
	"juli": 7, "jul": 7, "july": 7,
	"augustus": 8, "aug": 8, "august": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "okt": 10, "oct": 10, "october": 10,
	"november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

// monthPattern is an alternation of the month names, longest first so
// that "januari" wins over "jan".
var monthPattern = func() string {
	names := make([]string, 0, len(months))
	for n := range months {
		names = append(names, n)
	}
	// longest first; ties alphabetically for a stable pattern
	for i := 1; i < len(names); i++ {
		for j := i; j > 0 && (len(names[j]) > len(names[j-1]) || len(names[j]) == len(names[j-1]) && names[j] < names[j-1]); j-- {
			names[j], names[j-1] = names[j-1], names[j]
		}
	}
	return strings.Join(names, "|")
}()

// DatePattern matches a date as Dutch documents write it: "8 januari
// 2018", "1 jul. 2023", "1-5-2022", "09-06-2022", "24/05/2018",
// "2018-05-24". Use it to find candidates; Date parses a match.
var DatePattern = Pattern(`(?i)\b(?:(\d{1,2})\s*(` + monthPattern + `)\.?\s+(\d{4})|(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})|(\d{4})-(\d{1,2})-(\d{1,2}))\b`)

// Date converts a Dutch date to ISO 8601 (YYYY-MM-DD). Numeric dates are
// read day first. It returns an error naming the input when s holds no
// valid date.
func Date(s string) (string, error) {
	m := DatePattern.FindStringSubmatch(s)
	if m == nil {
		return "", fmt.Errorf("date %q: no day, month and year found", s)
	}
	var day, month, year int
	switch {
	case m[1] != "":
		day, _ = strconv.Atoi(m[1])
		month = months[strings.ToLower(m[2])]
		year, _ = strconv.Atoi(m[3])
	case m[4] != "":
		day, _ = strconv.Atoi(m[4])
		month, _ = strconv.Atoi(m[5])
		year, _ = strconv.Atoi(m[6])
	default:
		year, _ = strconv.Atoi(m[7])
		month, _ = strconv.Atoi(m[8])
		day, _ = strconv.Atoi(m[9])
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if month < 1 || month > 12 || t.Day() != day || year < 1900 || year > 2200 {
		return "", fmt.Errorf("date %q: %04d-%02d-%02d is not a calendar date", s, year, month, day)
	}
	return t.Format("2006-01-02"), nil
}
