package idle

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"
)

// hidIdleKey is how ioreg prints the key of the idle time.
const hidIdleKey = `"HIDIdleTime" = `

// parseHIDIdleTime reads the output of
// `ioreg -c IOHIDSystem -d 4 -r -k HIDIdleTime`, in which the IOHIDSystem
// entry has a line
//
//	"HIDIdleTime" = 1234567890
//
// the nanoseconds since the last input, in decimal. The first such line
// counts. No such line, or a value that is not a decimal count that fits a
// Duration, is an error.
func parseHIDIdleTime(out []byte) (time.Duration, error) {
	for line := range bytes.Lines(out) {
		_, v, ok := bytes.Cut(line, []byte(hidIdleKey))
		if !ok {
			continue
		}
		v = bytes.TrimSpace(v)
		ns, err := strconv.ParseUint(string(v), 10, 64)
		if err != nil || ns > math.MaxInt64 {
			return 0, fmt.Errorf("macos: HIDIdleTime is %s, want a count of nanoseconds", quote(v))
		}
		return time.Duration(ns), nil
	}
	return 0, errors.New("macos: no HIDIdleTime in the output of ioreg")
}

// quote quotes b for an error message, cut so that the quoted text stays
// within 40 bytes (invalid UTF-8 takes four bytes a byte once quoted).
func quote(b []byte) string {
	const maxQuoted = 40
	q := strconv.Quote(string(b))
	if len(q) <= maxQuoted {
		return q
	}
	n := min(len(b), maxQuoted)
	for ; n > 0 && len(strconv.Quote(string(b[:n]))) > maxQuoted; n-- {
	}
	return strconv.Quote(string(b[:n])) + "…"
}
