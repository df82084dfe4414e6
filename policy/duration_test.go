package policy

import (
	"regexp"
	"testing"
	"time"
)

var durationCases = []struct {
	in   string
	want time.Duration
	ok   bool
}{
	{"0", 0, true},
	{"90s", 90 * time.Second, true},
	{"5m", 5 * time.Minute, true},
	{"1h30m", 90 * time.Minute, true},
	{"7d", 7 * 24 * time.Hour, true},
	{"1d12h", 36 * time.Hour, true},
	{"2h3m4s", 2*time.Hour + 3*time.Minute + 4*time.Second, true},
	{"", 0, false},
	{"5", 0, false},
	{"m", 0, false},
	{"5 m", 0, false},
	{"-5m", 0, false},
	{"1.5h", 0, false},
	{"30m1h", 0, false},
	{"1h1h", 0, false},
	{"5ms", 0, false},
	{"5w", 0, false},
	{"99999999999d", 0, false},
	{"9999999d", 0, false},
}

func TestParseDuration(t *testing.T) {
	for _, tc := range durationCases {
		got, err := ParseDuration(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v, ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	for _, tc := range []struct {
		in   time.Duration
		want string
	}{
		{0, "0"}, {90 * time.Second, "1m30s"}, {7 * 24 * time.Hour, "7d"}, {time.Hour + time.Second, "1h1s"}, {1500 * time.Millisecond, "1s"},
	} {
		if got := FormatDuration(tc.in); got != tc.want {
			t.Errorf("FormatDuration(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzParseDuration checks that ParseDuration agrees with the pattern the
// JSON Schema gives editors, and that formatting round-trips.
func FuzzParseDuration(f *testing.F) {
	for _, tc := range durationCases {
		f.Add(tc.in)
	}
	pattern := regexp.MustCompile(durationPattern)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			if pattern.MatchString(s) && len(s) < 6 {
				t.Fatalf("ParseDuration(%q) failed but the schema pattern accepts it", s)
			}
			return
		}
		if !pattern.MatchString(s) {
			t.Fatalf("ParseDuration(%q) = %v but the schema pattern rejects it", s, d)
		}
		back, err := ParseDuration(FormatDuration(d))
		if err != nil || back != d {
			t.Fatalf("round trip of %q: %q → %v, %v", s, FormatDuration(d), back, err)
		}
	})
}

// TestReportDuration reads a duration back from a report, as it travels
// to the status window and `grendel status`.
func TestReportDuration(t *testing.T) {
	s := Load(Paths{})
	s.Settings.Lock.IdleTimeout = 90 * time.Second
	r := s.Report()
	if d, ok := r.Duration(LockIdleTimeout); !ok || d != 90*time.Second {
		t.Errorf("Duration(%s) = %v, %v; want 1m30s", LockIdleTimeout, d, ok)
	}
	if _, ok := r.Duration(AppAllowQuit); ok {
		t.Errorf("Duration(%s) of a boolean = ok", AppAllowQuit)
	}
	if _, ok := (Report{}).Duration(LockIdleTimeout); ok {
		t.Error("Duration of an empty report = ok")
	}
}
