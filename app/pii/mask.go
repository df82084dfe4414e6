package pii

import (
	"strings"
	"unicode"
)

// MaskExample masks v, a value of kind k, for a report: enough to
// recognise the kind, never the value (s***@gmail.com,
// NL** **** **** **** 27).
func MaskExample(k Kind, v string) string {
	switch k {
	case Email:
		return maskEmail(v)
	case IBAN:
		return maskIBAN(v, 2)
	case Phone:
		return maskDigits(v, 3, 2)
	case NationalID:
		return maskDigits(v, 0, 2)
	case Birthdate:
		return maskDigits(v, 0, 0)
	}
	return maskWords(v)
}

// Mask masks v, a value of kind k, for a compact export: what stays is
// useful for a report and no longer identifies a person (j***@example.nl,
// an IBAN's last four, a postcode's digits, a date of birth's year, a
// name's initials). Inside free text, every e-mail address, IBAN, phone
// number and national ID found is masked.
func Mask(k Kind, v string) string {
	if strings.TrimSpace(v) == "" {
		return v
	}
	switch k {
	case Email:
		return maskEmail(v)
	case IBAN:
		return maskIBAN(v, 4)
	case Phone:
		return maskDigits(v, 3, 2)
	case NationalID:
		return maskDigits(v, 0, 0)
	case Birthdate:
		if t, ok := parseDate(v); ok {
			return t.Format("2006")
		}
		if t, ok := excelDate(v); ok {
			return t.Format("2006")
		}
		return maskDigits(v, 0, 0)
	case Address:
		return maskAddress(v)
	case Name:
		return initials(v)
	case FreeText:
		return maskEmbedded(v)
	case Gender, CustomerID:
		return maskDigits(maskWords(v), 0, 2)
	}
	return maskWords(v)
}

// maskEmail keeps the first character and the domain.
func maskEmail(v string) string {
	at := strings.LastIndexByte(v, '@')
	if at <= 0 {
		return maskWords(v)
	}
	first := []rune(v[:at])[0]
	return string(first) + "***" + v[at:]
}

// maskIBAN keeps the country and the last keep characters, in groups of
// four.
func maskIBAN(v string, keep int) string {
	s := compactIBAN(v)
	if len(s) < 4+keep {
		return strings.Repeat("*", len(s))
	}
	m := s[:2] + strings.Repeat("*", len(s)-2-keep) + s[len(s)-keep:]
	var b strings.Builder
	for i := 0; i < len(m); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(m[i:min(i+4, len(m))])
	}
	return b.String()
}

// maskDigits replaces every digit of v with '*', except the first head
// and the last tail digits; a leading '+' stays.
func maskDigits(v string, head, tail int) string {
	total := 0
	for _, c := range v {
		if c >= '0' && c <= '9' {
			total++
		}
	}
	if head+tail >= total {
		head, tail = 0, 0
	}
	var b strings.Builder
	i := 0
	for _, c := range v {
		if c >= '0' && c <= '9' {
			if i >= head && i < total-tail {
				c = '*'
			}
			i++
		}
		b.WriteRune(c)
	}
	return b.String()
}

// maskWords keeps the first letter of each word and replaces the other
// letters and every digit with '*'.
func maskWords(v string) string {
	var b strings.Builder
	start := true
	for _, c := range v {
		switch {
		case unicode.IsLetter(c) && start:
			b.WriteRune(c)
			start = false
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			b.WriteByte('*')
			start = false
		default:
			b.WriteRune(c)
			start = unicode.IsSpace(c)
		}
	}
	return b.String()
}

// maskAddress keeps a postcode's digits (the first two of a German one),
// and masks a street or place like maskWords.
func maskAddress(v string) string {
	t := strings.TrimSpace(v)
	switch {
	case isNLPostcode(t):
		return t[:4]
	case isPLZ(t):
		return t[:2] + "***"
	}
	return maskWords(v)
}

// initials turns a name into its initials: "Jan de Vries" → "J. d. V.".
func initials(v string) string {
	var parts []string
	for _, w := range strings.Fields(v) {
		r := []rune(w)
		parts = append(parts, string(r[0])+".")
	}
	return strings.Join(parts, " ")
}

// maskEmbedded masks each piece of personal data that findEmbedded finds
// in v, and leaves the rest of the text.
func maskEmbedded(v string) string {
	for range 64 {
		k, s, ok := findEmbedded(v)
		if !ok {
			break
		}
		v = strings.Replace(v, s, Mask(k, s), 1)
	}
	return v
}
