package i18n

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/go-playground/locales"
	"github.com/go-playground/locales/de"
	"github.com/go-playground/locales/en"
	"github.com/go-playground/locales/en_GB"
	"github.com/go-playground/locales/nl"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// The formats below come from the Unicode CLDR: dates and times through
// go-playground/locales (generated from CLDR), numbers through
// golang.org/x/text. None is written by hand per language.

// region is the user's region in upper case ("US", "NL"), "" if unknown.
func region() string {
	l := lang.SystemLocale().LanguageString()
	if i := strings.IndexAny(l, "-_"); i >= 0 {
		return strings.ToUpper(l[i+1:])
	}
	return ""
}

// cldr returns the CLDR calendar data for a language among [Languages]:
// English is British unless the user's region is the United States (the
// texts themselves are British English).
func cldr(language string) locales.Translator {
	switch language {
	case "nl":
		return nl.New()
	case "de":
		return de.New()
	}
	if region() == "US" {
		return en.New()
	}
	return en_GB.New()
}

// DateIn writes t's calendar date as people write it in language:
// 11-12-2026, 11.12.2026, 11/12/2026.
func DateIn(language string, t time.Time) string {
	c := cldr(language)
	if language == "de" {
		return c.FmtDateMedium(t) // CLDR's short German date has a two-digit year
	}
	return c.FmtDateShort(t)
}

// Date writes t's date in the user's language: 11-12-2026, 11.12.2026.
func Date(t time.Time) string { return DateIn(Language(), t) }

// Clock writes t's time of day to the minute in the user's language: 15:04
// (3:04 pm in the United States).
func Clock(t time.Time) string { return cldr(Language()).FmtTimeShort(t) }

// ClockSeconds writes t's time of day to the second: 15:04:05.
func ClockSeconds(t time.Time) string { return cldr(Language()).FmtTimeMedium(t) }

// DateTime writes t's date and time to the minute: 11-12-2026 15:04.
func DateTime(t time.Time) string { return Date(t) + " " + Clock(t) }

// DateTimeSeconds writes t's date and time to the second: 11.12.2026 15:04:05.
func DateTimeSeconds(t time.Time) string { return Date(t) + " " + ClockSeconds(t) }

// NumberIn writes a whole number with language's digit grouping: 20,000,
// 20.000.
func NumberIn(lang string, n int64) string {
	return message.NewPrinter(language.Make(lang)).Sprint(number.Decimal(n))
}

// Number writes a whole number with the user's digit grouping.
func Number(n int64) string { return NumberIn(Language(), n) }

// DecimalIn writes f with exactly digits decimals and language's decimal
// mark and grouping: 1.5, 1,5, 12.345,6.
func DecimalIn(lang string, f float64, digits int) string {
	return message.NewPrinter(language.Make(lang)).Sprint(
		number.Decimal(f, number.MinFractionDigits(digits), number.MaxFractionDigits(digits)))
}

// Decimal writes f with exactly digits decimals in the user's language.
func Decimal(f float64, digits int) string { return DecimalIn(Language(), f, digits) }
