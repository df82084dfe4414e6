package policy

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

var errBadDuration = errors.New("not a duration")

// ParseDuration parses a policy duration: a sequence of whole numbers each
// followed by a unit d, h, m or s, largest unit first, such as "90s", "5m",
// "1h30m" or "7d". A lone "0" is zero. Fractions, signs and spaces are not
// accepted, so that every file means exactly one thing.
func ParseDuration(s string) (time.Duration, error) {
	if s == "0" {
		return 0, nil
	}
	if s == "" {
		return 0, errBadDuration
	}
	units := []struct {
		suffix byte
		size   time.Duration
	}{{'d', 24 * time.Hour}, {'h', time.Hour}, {'m', time.Minute}, {'s', time.Second}}
	var total time.Duration
	next := 0 // index into units: each unit may appear once, in order
	rest := s
	for rest != "" {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i == len(rest) || i > 9 {
			return 0, errBadDuration
		}
		n, err := strconv.ParseInt(rest[:i], 10, 64)
		if err != nil {
			return 0, errBadDuration
		}
		u := strings.IndexByte("dhms", rest[i])
		if u < next {
			return 0, errBadDuration
		}
		part := time.Duration(n) * units[u].size
		if part/units[u].size != time.Duration(n) || total+part < total {
			return 0, errBadDuration
		}
		total += part
		next = u + 1
		rest = rest[i+1:]
	}
	return total, nil
}

// FormatDuration writes d the way ParseDuration reads it, dropping zero
// units: 90*time.Second is "1m30s", 7*24*time.Hour is "7d", 0 is "0".
// Parts of a second are dropped.
func FormatDuration(d time.Duration) string {
	if d <= 0 {
		return "0"
	}
	var b strings.Builder
	for _, u := range []struct {
		suffix string
		size   time.Duration
	}{{"d", 24 * time.Hour}, {"h", time.Hour}, {"m", time.Minute}, {"s", time.Second}} {
		if n := d / u.size; n > 0 {
			b.WriteString(strconv.FormatInt(int64(n), 10))
			b.WriteString(u.suffix)
			d -= n * u.size
		}
	}
	if b.Len() == 0 {
		return "0"
	}
	return b.String()
}
