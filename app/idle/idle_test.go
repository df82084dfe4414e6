package idle

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// fakeSource answers with idle or err and counts its calls.
type fakeSource struct {
	name   string
	idle   time.Duration
	err    error
	block  bool // wait for ctx to end
	calls  int
	closed int
}

func (f *fakeSource) Name() string { return f.name }

func (f *fakeSource) Idle(ctx context.Context) (time.Duration, error) {
	f.calls++
	if f.block {
		<-ctx.Done()
		return 0, ctx.Err()
	}
	return f.idle, f.err
}

func (f *fakeSource) Close() error { f.closed++; return nil }

var _ Source = (*fakeSource)(nil)

func TestDetect(t *testing.T) {
	errGone := fmt.Errorf("gone: %w", ErrUnsupported)
	errBroken := errors.New("broken")
	tests := []struct {
		name    string
		sources []*fakeSource
		want    string   // the chosen source, "" for none
		tried   []string // names of the attempts, in order
		closed  []string // sources closed
		untried []string // sources never asked
	}{
		{
			name:    "the first that answers wins",
			sources: []*fakeSource{{name: "a", idle: time.Second}, {name: "b"}},
			want:    "a",
			tried:   []string{"a"},
			untried: []string{"b"},
		},
		{
			name:    "failures are recorded and closed, in order",
			sources: []*fakeSource{{name: "a", err: errGone}, {name: "b", err: errBroken}, {name: "c"}, {name: "d"}},
			want:    "c",
			tried:   []string{"a", "b", "c"},
			closed:  []string{"a", "b"},
			untried: []string{"d"},
		},
		{
			name:    "none answers",
			sources: []*fakeSource{{name: "a", err: errGone}, {name: "b", err: errBroken}},
			tried:   []string{"a", "b"},
			closed:  []string{"a", "b"},
		},
		{
			name: "no candidates",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			candidates := make([]Source, len(tt.sources))
			byName := map[string]*fakeSource{}
			for i, s := range tt.sources {
				candidates[i] = s
				byName[s.name] = s
			}
			got, attempts := Detect(context.Background(), candidates)
			gotName := ""
			if got != nil {
				gotName = got.Name()
			}
			if gotName != tt.want {
				t.Errorf("Detect() chose %q, want %q", gotName, tt.want)
			}
			var tried []string
			for i, a := range attempts {
				tried = append(tried, a.Name)
				s := byName[a.Name]
				if a.Err != s.err {
					t.Errorf("attempts[%d].Err = %v, want %v", i, a.Err, s.err)
				}
			}
			if strings.Join(tried, ",") != strings.Join(tt.tried, ",") {
				t.Errorf("Detect() tried %q, want %q", tried, tt.tried)
			}
			for _, s := range tt.sources {
				wantClosed := 0
				for _, n := range tt.closed {
					if n == s.name {
						wantClosed = 1
					}
				}
				if s.closed != wantClosed {
					t.Errorf("source %s closed %d times, want %d", s.name, s.closed, wantClosed)
				}
				for _, n := range tt.untried {
					if n == s.name && s.calls != 0 {
						t.Errorf("source %s asked %d times, want never", s.name, s.calls)
					}
				}
			}
		})
	}
}

func TestDetectBoundsEachCandidate(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for DetectTimeout")
	}
	hung := &fakeSource{name: "hung", block: true}
	ok := &fakeSource{name: "ok"}
	start := time.Now()
	got, attempts := Detect(context.Background(), []Source{hung, ok})
	if got != ok {
		t.Fatalf("Detect() chose %v, want the source after the hung one", got)
	}
	if !errors.Is(attempts[0].Err, context.DeadlineExceeded) {
		t.Errorf("attempts[0].Err = %v, want a deadline", attempts[0].Err)
	}
	if took := time.Since(start); took > DetectTimeout+time.Second {
		t.Errorf("Detect() took %v, want about DetectTimeout (%v)", took, DetectTimeout)
	}
}

func TestUnsupportedNamesTheOS(t *testing.T) {
	_, err := unsupported{}.Idle(context.Background())
	if !errors.Is(err, ErrUnsupported) {
		t.Errorf("Idle() = %v, want ErrUnsupported", err)
	}
}

func TestDo(t *testing.T) {
	t.Run("runs the work", func(t *testing.T) {
		s := newSerial()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		for _, c := range []context.Context{context.Background(), ctx} {
			got, err := do(c, s, "test", func() (int, error) { return 7, nil })
			if got != 7 || err != nil {
				t.Errorf("do() = %d, %v, want 7, nil", got, err)
			}
		}
	})
	t.Run("gives up when ctx ends, and the work keeps the turn", func(t *testing.T) {
		s := newSerial()
		release := make(chan struct{})
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, err := do(ctx, s, "hung", func() (int, error) { <-release; return 1, nil })
		if !errors.Is(err, context.DeadlineExceeded) || !strings.HasPrefix(err.Error(), "hung: ") {
			t.Fatalf("do() = %v, want a deadline named hung", err)
		}
		// The hung work still holds the turn: the next caller waits for its
		// own ctx, and the work does not run twice.
		ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel2()
		ran := false
		_, err = do(ctx2, s, "next", func() (int, error) { ran = true; return 2, nil })
		if !errors.Is(err, context.DeadlineExceeded) || ran {
			t.Fatalf("do() while the turn is taken = %v (ran %v), want a deadline without running", err, ran)
		}
		close(release)
		got, err := do(context.Background(), s, "after", func() (int, error) { return 3, nil })
		if got != 3 || err != nil {
			t.Errorf("do() after the work ended = %d, %v, want 3, nil", got, err)
		}
	})
	t.Run("a done ctx runs nothing", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		ran := false
		_, err := do(ctx, newSerial(), "x", func() (int, error) { ran = true; return 0, nil })
		if !errors.Is(err, context.Canceled) || ran {
			t.Errorf("do(canceled) = %v (ran %v), want Canceled without running", err, ran)
		}
	})
}

func TestTickIdle(t *testing.T) {
	tests := []struct {
		name      string
		now, last uint32
		want      time.Duration
	}{
		{"just now", 1000, 1000, 0},
		{"a second", 2000, 1000, time.Second},
		{"across the wraparound", 500, math.MaxUint32 - 499, time.Second},
		{"last at the top", 0, math.MaxUint32, time.Millisecond},
		{"input between the readings", 1000, 1010, 0},
		{"just under 2³¹ ms", 1<<31 - 1, 0, (1<<31 - 1) * time.Millisecond},
		{"2³¹ ms is taken as negative", 1 << 31, 0, 0},
	}
	for _, tt := range tests {
		if got := tickIdle(tt.now, tt.last); got != tt.want {
			t.Errorf("%s: tickIdle(%d, %d) = %v, want %v", tt.name, tt.now, tt.last, got, tt.want)
		}
	}
}

// ioregOutput is what ioreg prints on macOS 14 for
// ioreg -c IOHIDSystem -d 4 -r -k HIDIdleTime.
const ioregOutput = `+-o IOHIDSystem  <class IOHIDSystem, id 0x1000002c5, registered, matched, active, busy 0 (0 ms), retain 27>
    {
      "HIDIdleTime" = 86645375
    }

`

// hidIdleTests feeds TestParseHIDIdleTime and the seeds of
// FuzzParseHIDIdleTime.
var hidIdleTests = []struct {
	name    string
	in      string
	want    time.Duration
	wantErr string // a part of the error; "" for none
}{
	{"ioreg's output", ioregOutput, 86645375 * time.Nanosecond, ""},
	{"zero", `"HIDIdleTime" = 0`, 0, ""},
	{"the largest Duration", `"HIDIdleTime" = 9223372036854775807`, math.MaxInt64, ""},
	{"CRLF and spaces", "  \"HIDIdleTime\" = 1500000000 \r\n", 1500 * time.Millisecond, ""},
	{"the first entry counts", "\"HIDIdleTime\" = 1\n\"HIDIdleTime\" = 2\n", 1, ""},
	{"other keys first", "\"IOClass\" = \"IOHIDSystem\"\n\"HIDIdleTime\" = 42\n", 42, ""},
	{"empty", "", 0, "no HIDIdleTime"},
	{"no entry", "+-o Root  <class IORegistryEntry>\n", 0, "no HIDIdleTime"},
	{"another key's name", `"HIDIdleTimeX" = 5`, 0, "no HIDIdleTime"},
	{"too large", `"HIDIdleTime" = 9223372036854775808`, 0, "want a count of nanoseconds"},
	{"beyond uint64", `"HIDIdleTime" = 99999999999999999999`, 0, "want a count of nanoseconds"},
	{"negative", `"HIDIdleTime" = -1`, 0, "want a count of nanoseconds"},
	{"hexadecimal", `"HIDIdleTime" = 0x10`, 0, "want a count of nanoseconds"},
	{"data", `"HIDIdleTime" = <0000000000000010>`, 0, "want a count of nanoseconds"},
	{"nothing after the key", `"HIDIdleTime" = `, 0, "want a count of nanoseconds"},
	// Cases found by fuzzing.
	{"invalid UTF-8 quoted at length", "\"HIDIdleTime\" = \xbf\x11\xa0\xb8\x12\xbd\x9b\xeb\xa2\xc2\xf7\xd2\xf3\xc3\x03\xe6\x02", 0, "want a count of nanoseconds"},
}

func TestParseHIDIdleTime(t *testing.T) {
	for _, tt := range hidIdleTests {
		got, err := parseHIDIdleTime([]byte(tt.in))
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%s: parseHIDIdleTime(%q) = %v, want %v", tt.name, tt.in, err, tt.want)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%s: parseHIDIdleTime(%q) = %v, %v, want an error with %q", tt.name, tt.in, got, err, tt.wantErr)
		case err == nil && got != tt.want:
			t.Errorf("%s: parseHIDIdleTime(%q) = %v, want %v", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestParseHIDIdleTimeQuotesLongValues(t *testing.T) {
	_, err := parseHIDIdleTime([]byte(`"HIDIdleTime" = ` + strings.Repeat("x", 1000)))
	if err == nil || len(err.Error()) > 120 {
		t.Errorf("parseHIDIdleTime(long junk) = %v, want a short error", err)
	}
}

func FuzzParseHIDIdleTime(f *testing.F) {
	for _, tt := range hidIdleTests {
		f.Add([]byte(tt.in))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := parseHIDIdleTime(in)
		if err != nil {
			if got != 0 {
				t.Errorf("parseHIDIdleTime(%q) = %v with error %v, want 0", in, got, err)
			}
			if len(err.Error()) > 120 {
				t.Errorf("parseHIDIdleTime(%q) error is %d bytes long", in, len(err.Error()))
			}
			return
		}
		if got < 0 {
			t.Errorf("parseHIDIdleTime(%q) = %v, want ≥ 0", in, got)
		}
		if !strings.Contains(string(in), hidIdleKey) {
			t.Errorf("parseHIDIdleTime(%q) = %v without the key", in, got)
		}
	})
}
