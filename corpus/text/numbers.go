package text

import (
	"strconv"
	"strings"
)

// Letters writes n ≥ 1 as list letters: a … z, aa, ab, …; other numbers
// as digits.
func Letters(n int, upper bool) string {
	if n < 1 {
		return strconv.Itoa(n)
	}
	base := byte('a')
	if upper {
		base = 'A'
	}
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{base + byte(n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// Roman writes 1 ≤ n < 4000 in upper-case Roman numerals; other numbers as
// digits.
func Roman(n int) string {
	if n < 1 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
