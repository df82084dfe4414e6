package i18n

import (
	"testing"
	"time"
)

func TestFormatsFollowCLDR(t *testing.T) {
	at := time.Date(2026, 12, 11, 15, 4, 5, 0, time.UTC)
	for _, c := range []struct {
		lang, date, number, decimal string
	}{
		{"nl", "11-12-2026", "20.000", "1.234,5"},
		{"de", "11.12.2026", "20.000", "1.234,5"},
		{"en", "11/12/2026", "20,000", "1,234.5"},
	} {
		if got := DateIn(c.lang, at); got != c.date && !(c.lang == "en" && region() == "US") {
			t.Errorf("DateIn(%s) = %q, want %q", c.lang, got, c.date)
		}
		if got := NumberIn(c.lang, 20000); got != c.number {
			t.Errorf("NumberIn(%s) = %q, want %q", c.lang, got, c.number)
		}
		if got := DecimalIn(c.lang, 1234.46, 1); got != c.decimal {
			t.Errorf("DecimalIn(%s) = %q, want %q", c.lang, got, c.decimal)
		}
	}
}
