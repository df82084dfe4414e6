package i18n

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
)

// Duration writes d in words, to the second: "1 hour 30 minutes",
// "45 seconds", "5 minuten", "30 Sekunden".
func Duration(d time.Duration) string {
	h, m, s := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	var parts []string
	if h > 0 {
		parts = append(parts, count(h, lang.X("settings.unit.hour", "1 hour"), lang.X("settings.unit.hours", "{{.N}} hours", map[string]string{"N": strconv.Itoa(h)})))
	}
	if m > 0 {
		parts = append(parts, count(m, lang.X("settings.unit.minute", "1 minute"), lang.X("settings.unit.minutes", "{{.N}} minutes", map[string]string{"N": strconv.Itoa(m)})))
	}
	if s > 0 || len(parts) == 0 {
		parts = append(parts, count(s, lang.X("settings.unit.second", "1 second"), lang.X("settings.unit.seconds", "{{.N}} seconds", map[string]string{"N": strconv.Itoa(s)})))
	}
	return strings.Join(parts, " ")
}

func count(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
