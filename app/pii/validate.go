package pii

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/nyaruka/phonenumbers"

	"grendel/assets"
)

// lazyRegexp compiles expr on its first use. Every process of the binary
// runs this package's init, the resident agent and every command, and only
// a file scan matches these; the tests use each of them, so a bad
// expression still fails there.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

var emailRE = lazyRegexp(`^[A-Za-z0-9._%+\-']+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}$`)

// isEmail reports whether s is an e-mail address.
func isEmail(s string) bool { return len(s) <= 254 && emailRE().MatchString(s) }

// ibanLengths are the lengths of the IBANs of the countries Grendel's users
// meet most, and of the rest of SEPA.
var ibanLengths = map[string]int{
	"AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
	"EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28,
	"IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31,
	"NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
}

// compactIBAN is s without spaces, upper case.
func compactIBAN(s string) string {
	return strings.ToUpper(strings.ReplaceAll(s, " ", ""))
}

// isIBAN reports whether s is an IBAN: the country's length and mod-97.
func isIBAN(s string) bool {
	s = compactIBAN(s)
	if len(s) < 15 || ibanLengths[s[:min(2, len(s))]] != len(s) {
		return false
	}
	rem := 0
	for _, c := range s[4:] + s[:4] {
		switch {
		case c >= '0' && c <= '9':
			rem = (rem*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			rem = (rem*100 + int(c-'A'+10)) % 97
		default:
			return false
		}
	}
	return rem == 1
}

// digitsOnly returns s's digits when s holds only digits, spaces, dots and
// dashes, else "".
func digitsOnly(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(c)
		case c == ' ' || c == '.' || c == '-':
		default:
			return ""
		}
	}
	return b.String()
}

// isBSN reports whether s is a Dutch burgerservicenummer: 9 digits (8 with
// the leading zero left off) that pass the 11-proef.
func isBSN(s string) bool {
	d := digitsOnly(s)
	if len(d) == 8 {
		d = "0" + d
	}
	if len(d) != 9 || d == "000000000" {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += (9 - i) * int(d[i]-'0')
	}
	sum -= int(d[8] - '0')
	return sum%11 == 0
}

// isSteuerID reports whether s is a German Steuer-ID: 11 digits, the first
// not 0; among the first ten exactly one digit appears two or three times
// (three never all side by side) and the others once; the last is the
// ISO 7064 MOD 11,10 check digit.
func isSteuerID(s string) bool {
	d := digitsOnly(s)
	if len(d) != 11 || d[0] == '0' {
		return false
	}
	var count [10]int
	for i := 0; i < 10; i++ {
		count[d[i]-'0']++
	}
	multi := 0
	for _, c := range count {
		switch {
		case c == 2 || c == 3:
			multi++
		case c > 3:
			return false
		}
	}
	if multi != 1 {
		return false
	}
	for i := 0; i+2 < 10; i++ {
		if d[i] == d[i+1] && d[i] == d[i+2] {
			return false
		}
	}
	product := 10
	for i := 0; i < 10; i++ {
		sum := (int(d[i]-'0') + product) % 10
		if sum == 0 {
			sum = 10
		}
		product = sum * 2 % 11
	}
	check := 11 - product
	if check == 10 {
		check = 0
	}
	return check == int(d[10]-'0')
}

// phoneShape reports whether s looks like a phone number written by a
// person: only digits, spaces and + - ( ) / ., starting with +, 00 or 0,
// with 9 to 15 digits. A bare number without a leading 0 or + (an order
// number) is no phone number.
func phoneShape(s string) bool {
	s = strings.TrimSpace(s)
	t := strings.TrimLeft(s, "(")
	if !strings.HasPrefix(t, "+") && !strings.HasPrefix(t, "0") {
		return false
	}
	n := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			n++
		case strings.ContainsRune("+ -()/.", c):
		default:
			return false
		}
	}
	return n >= 9 && n <= 15
}

// isPhone reports whether s is a valid Dutch, German or international
// phone number. It calls phonenumbers, which is slow: only on samples.
func isPhone(s string) bool {
	if !phoneShape(s) {
		return false
	}
	for _, region := range []string{"NL", "DE"} {
		if n, err := phonenumbers.Parse(s, region); err == nil && phonenumbers.IsValidNumber(n) {
			return true
		}
	}
	return false
}

var nlPostcodeRE = lazyRegexp(`^[1-9][0-9]{3} ?[A-Za-z]{2}$`)

// isNLPostcode reports whether s is a Dutch postcode ("1234 AB").
func isNLPostcode(s string) bool {
	if !nlPostcodeRE().MatchString(s) {
		return false
	}
	l := strings.ToUpper(s[len(s)-2:])
	return l != "SA" && l != "SD" && l != "SS"
}

// isPLZ reports whether s is five digits, as a German postcode is (and any
// amount or product code may be: only with a header).
func isPLZ(s string) bool {
	if len(s) != 5 {
		return false
	}
	_, err := strconv.Atoi(s)
	return err == nil && s[0] >= '0'
}

var (
	streetRE      = lazyRegexp(`^\pL[\pL\pM.'’\- ]{2,}\s+(\d{1,5})\s*[A-Za-z]?(\s*[-/]\s*\d{1,4}\s*[A-Za-z]?)?$`)
	streetFirstRE = lazyRegexp(`^(\d{1,5})[A-Za-z]?\s+\pL[\pL.'’\- ]{2,}$`)
	streetWords   = []string{"straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "hof", "pad", "steeg",
		"markt", "dreef", "park", "baan", "straße", "strasse", "str.", "allee", "gasse", "platz", "ring", "damm", "ufer",
		"chaussee", "street", "road", "avenue", "lane", "drive", "way", "close", "square"}
)

// isStreet reports whether s is a street with a house number ("Kerkstraat
// 12a", "Hauptstr. 5", "12 High Street"). Without a street word the number
// must not look like a year ("Zomer sale 2024").
func isStreet(s string) bool {
	var num string
	if m := streetRE().FindStringSubmatch(s); m != nil {
		num = m[1]
	} else if m := streetFirstRE().FindStringSubmatch(s); m != nil {
		num = m[1]
	} else {
		return false
	}
	lower := strings.ToLower(s)
	for _, w := range streetWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	n, _ := strconv.Atoi(num)
	return len(num) < 4 || n < 1900 || n > 2099
}

// isStreetName reports whether s is a street's name alone, a word of
// letters that ends in a street word ("Kerkstraat", "Lindenallee").
func isStreetName(s string) bool {
	if !nameShape(s) {
		return false
	}
	lower := strings.ToLower(s)
	for _, w := range streetWords {
		if len(lower) > len(w)+1 && strings.HasSuffix(lower, w) {
			return true
		}
	}
	return false
}

// fold is s lower case, with only its letters: for looking up names and
// places in the word lists.
func fold(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		switch {
		case c == 'ß':
			b.WriteString("ss")
		case unicode.IsLetter(c):
			b.WriteRune(c)
		}
	}
	return b.String()
}

// wordSets are the first and last names and the places of the strength
// dictionaries.
var wordSets = sync.OnceValues(func() (names, places map[string]bool) {
	names, places = map[string]bool{}, map[string]bool{}
	for _, n := range assets.DictionaryNames() {
		if strings.HasPrefix(n, "firstnames_") || strings.HasPrefix(n, "lastnames_") {
			for _, w := range assets.Dictionary(n) {
				names[fold(w)] = true
			}
		}
	}
	for _, w := range assets.Dictionary("places") {
		places[fold(w)] = true
	}
	return names, places
})

// nameParticles are the words between first and last names.
var nameParticles = map[string]bool{"van": true, "de": true, "der": true, "den": true, "het": true, "ter": true,
	"ten": true, "te": true, "von": true, "zu": true, "vom": true, "la": true, "le": true, "du": true, "da": true, "di": true, "in": true, "t": true}

// isName reports whether s is written like a person's name (one to five
// words of letters) with at least one word a known first or last name.
func isName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	names, _ := wordSets()
	known := false
	for _, w := range words {
		for _, c := range w {
			if !unicode.IsLetter(c) && c != '-' && c != '\'' && c != '’' && c != '.' {
				return false
			}
		}
		f := fold(w)
		if nameParticles[f] {
			continue
		}
		if names[f] {
			known = true
		}
	}
	return known
}

// nameShape reports whether s is written as a name may be: letters only.
func nameShape(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	for _, c := range s {
		if !unicode.IsLetter(c) && !strings.ContainsRune(" -'’.,", c) {
			return false
		}
	}
	return true
}

// isPlace reports whether s is a known place.
func isPlace(s string) bool {
	_, places := wordSets()
	f := fold(s)
	return len(f) > 2 && places[f]
}

// genderWords are the salutations and genders as exports write them.
var genderWords = map[string]bool{
	"dhr": true, "mevr": true, "mw": true, "mevrouw": true, "deheer": true, "heer": true, "mr": true, "mrs": true, "ms": true, "miss": true,
	"herr": true, "frau": true, "man": true, "vrouw": true, "male": true, "female": true, "männlich": true, "weiblich": true,
	"divers": true, "anders": true, "other": true, "mx": true, "familie": true, "fam": true,
}

// isGender reports whether s is a salutation or gender; single letters (m,
// v, f, w, x) only when short allows them (under a gender header).
func isGender(s string, short bool) bool {
	f := fold(s)
	if len([]rune(f)) == 1 {
		return short && strings.Contains("mvfwxd", f)
	}
	return genderWords[f]
}

// dateLayouts are the ways exports write a date.
var dateLayouts = []string{"2006-01-02", "02-01-2006", "2-1-2006", "02.01.2006", "2.1.2006", "02/01/2006", "2/1/2006", "20060102"}

// parseDate reads s as a date (with any time after it ignored).
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i]
	}
	if len(s) < 8 || len(s) > 10 {
		return time.Time{}, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// excelDate reads s as an Excel date serial number (a workbook's raw
// value), within 1900–2099.
func excelDate(s string) (time.Time, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 1 || f > 73050 {
		return time.Time{}, false
	}
	return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(f)), true
}
