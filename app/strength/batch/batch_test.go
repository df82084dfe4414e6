package batch

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// workerCounts are the worker counts every table runs with: the lockstep
// path (1) and pipelines narrower and much wider than the machine.
var workerCounts = []int{1, 2, 3, 8, 64}

// got is one emitted line.
type got struct {
	line int
	pw   string
}

// collect runs Run with a scorer that returns the password itself and
// returns what was emitted.
func collect(t *testing.T, in io.Reader, opt Options) ([]got, error) {
	t.Helper()
	var out []got
	err := Run(context.Background(), in, opt, func(pw string) string { return pw },
		func(n int, pw string) error {
			out = append(out, got{n, pw})
			return nil
		})
	return out, err
}

// sameLines compares what was emitted with want, naming line numbers
// only.
func sameLines(t *testing.T, name string, out []got, want []string) {
	t.Helper()
	if len(out) != len(want) {
		t.Errorf("%s: %d lines emitted, want %d", name, len(out), len(want))
	}
	for i := range min(len(out), len(want)) {
		if out[i].line != i+1 {
			t.Errorf("%s: emit %d has line number %d, want %d", name, i+1, out[i].line, i+1)
			return
		}
		if out[i].pw != want[i] {
			t.Errorf("%s: line %d scored something else than the input's line %d (%d bytes, want %d)", name, i+1, i+1, len(out[i].pw), len(want[i]))
			return
		}
	}
}

var lineCases = []struct {
	name string
	in   string
	want []string
}{
	{"no input", "", nil},
	{"one empty line", "\n", []string{""}},
	{"empty lines are passwords", "a\n\nb\n\n", []string{"a", "", "b", ""}},
	{"no final newline", "a\nbc", []string{"a", "bc"}},
	{"CRLF", "Welkom123\r\nZomer2024!\r\n\r\n", []string{"Welkom123", "Zomer2024!", ""}},
	{"CR inside a line stays", "a\rb\r\n", []string{"a\rb"}},
	{"final CR without newline", "a\r", []string{"a"}},
	{"spaces and tabs stay", " a \t\n", []string{" a \t"}},
	{"invalid UTF-8 and NUL", "\xff\xfe\x00\n", []string{"\xff\xfe\x00"}},
}

func TestRunLines(t *testing.T) {
	for _, c := range lineCases {
		for _, w := range workerCounts {
			name := fmt.Sprintf("%s/workers=%d", c.name, w)
			out, err := collect(t, strings.NewReader(c.in), Options{Workers: w})
			if err != nil {
				t.Errorf("%s: Run = %v, want nil", name, err)
			}
			sameLines(t, name, out, c.want)
		}
	}
}

// uneven makes scoring cost differ from line to line, so that workers
// finish out of order.
func uneven(pw string) string {
	h := fnv.New32a()
	h.Write([]byte(pw))
	for range h.Sum32() % 64 {
		runtime.Gosched()
	}
	return pw
}

func TestRunKeepsOrder(t *testing.T) {
	const n = 5000
	want := make([]string, n)
	for i := range want {
		want[i] = fmt.Sprintf("pw-%d-%x", i, i*7919)
	}
	in := strings.Join(want, "\n") + "\n"
	for _, w := range append(workerCounts, 200) {
		for _, window := range []int{0, 1, 3} {
			name := fmt.Sprintf("workers=%d/window=%d", w, window)
			var out []got
			err := Run(context.Background(), strings.NewReader(in), Options{Workers: w, Window: window}, uneven,
				func(n int, pw string) error {
					out = append(out, got{n, pw})
					return nil
				})
			if err != nil {
				t.Errorf("%s: Run = %v", name, err)
			}
			sameLines(t, name, out, want)
		}
	}
}

// The longest line that is read whole, and the first that is too long.
func TestRunLongLines(t *testing.T) {
	long := strings.Repeat("Welkom", DefaultMaxLine/6+1)[:DefaultMaxLine-1] // with its "\n": DefaultMaxLine
	for _, w := range []int{1, 4} {
		out, err := collect(t, strings.NewReader("short\n"+long+"\nlast"), Options{Workers: w})
		if err != nil {
			t.Errorf("workers=%d: a line of %d bytes: Run = %v, want nil", w, len(long), err)
		}
		sameLines(t, fmt.Sprintf("workers=%d", w), out, []string{"short", long, "last"})

		tooLong := strings.Repeat("a", DefaultMaxLine+10)
		out, err = collect(t, strings.NewReader("first\nsecond\n"+tooLong+"\nnever"), Options{Workers: w})
		var le *LineError
		if !errors.As(err, &le) || le.Line != 3 || !errors.Is(err, bufio.ErrTooLong) {
			t.Errorf("workers=%d: a line over the limit: Run = %v, want a LineError on line 3 wrapping bufio.ErrTooLong", w, err)
		}
		sameLines(t, fmt.Sprintf("workers=%d, too long", w), out, []string{"first", "second"})
	}
	out, err := collect(t, strings.NewReader("abc\nabcdefgh\n"), Options{Workers: 2, MaxLine: 8})
	if !errors.Is(err, bufio.ErrTooLong) || len(out) != 1 {
		t.Errorf("MaxLine 8: Run = %v after %d lines, want ErrTooLong after 1", err, len(out))
	}
}

// failingReader gives its text, then err.
type failingReader struct {
	r   io.Reader
	err error
}

func (f *failingReader) Read(b []byte) (int, error) {
	n, err := f.r.Read(b)
	if err == io.EOF {
		return n, f.err
	}
	return n, err
}

func TestRunReadError(t *testing.T) {
	broken := errors.New("disk on fire")
	for _, w := range workerCounts {
		out, err := collect(t, &failingReader{strings.NewReader("a\nb\nc\n"), broken}, Options{Workers: w})
		var le *LineError
		if !errors.As(err, &le) || le.Line != 4 || !errors.Is(err, broken) {
			t.Errorf("workers=%d: Run = %v, want the read error on line 4", w, err)
		}
		sameLines(t, fmt.Sprintf("workers=%d", w), out, []string{"a", "b", "c"})
	}
}

// endless gives line after line, forever; reads counts how many it began.
type endless struct {
	mu    sync.Mutex
	reads int
	rest  []byte
}

func (e *endless) Read(b []byte) (int, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.rest) == 0 {
		e.reads++
		e.rest = fmt.Appendf(nil, "Zomer%d!\n", e.reads)
	}
	n := copy(b, e.rest)
	e.rest = e.rest[n:]
	return n, nil
}

func TestRunStopsOnEmitErrorAndCancel(t *testing.T) {
	stop := errors.New("stdout closed")
	for _, w := range workerCounts {
		last := 0
		err := Run(context.Background(), &endless{}, Options{Workers: w}, uneven, func(n int, _ string) error {
			last = n
			if n == 100 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || last != 100 {
			t.Errorf("workers=%d: emit fails on line 100: Run = %v after line %d, want its error after line 100", w, err, last)
		}

		ctx, cancel := context.WithCancel(context.Background())
		last = 0
		err = Run(ctx, &endless{}, Options{Workers: w}, uneven, func(n int, _ string) error {
			last = n
			if n == 100 {
				cancel()
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) || last != 100 {
			t.Errorf("workers=%d: cancelled on line 100: Run = %v after line %d, want context.Canceled after line 100", w, err, last)
		}
	}
}

// A Read that never returns does not keep Run from returning on cancel
// (with one worker, Run reads on the caller's goroutine and must wait).
func TestRunCancelWhileReadBlocks(t *testing.T) {
	for _, w := range workerCounts[1:] {
		pr, pw := io.Pipe()
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			pw.Write([]byte("one\ntwo\n")) // then no more, and no EOF
		}()
		var lines []int
		err := Run(ctx, pr, Options{Workers: w}, func(s string) int { return len(s) }, func(n int, _ int) error {
			lines = append(lines, n)
			if n == 2 {
				cancel()
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) || len(lines) != 2 {
			t.Errorf("workers=%d: Run = %v after %d lines, want context.Canceled after 2", w, err, len(lines))
		}
		pw.CloseWithError(errors.New("test over")) // lets the reading goroutine end
	}
	// Cancelled before the first line arrives, with workers idle.
	pr, pw := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Run(ctx, pr, Options{Workers: 4}, func(s string) int { return len(s) }, func(int, int) error {
		t.Error("emit called after cancel")
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled before any input: Run = %v, want context.Canceled", err)
	}
	pw.Close()
}

// counted gives total lines of size bytes (the last byte "\n"), at most
// one line per Read, and calls check before it begins each line with the
// number of lines and bytes begun so far.
type counted struct {
	mu           sync.Mutex
	size, total  int
	lines, bytes int
	rest         []byte
	check        func(lines, bytes int)
}

func (c *counted) Read(b []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.rest) == 0 {
		if c.lines == c.total {
			return 0, io.EOF
		}
		c.lines++
		c.bytes += c.size
		c.check(c.lines, c.bytes)
		c.rest = []byte(fmt.Sprintf("%0*d\n", c.size-1, c.lines))
	}
	n := copy(b, c.rest)
	c.rest = c.rest[n:]
	return n, nil
}

// A consumer that stops does not make the reader run ahead more than the
// window: at most Window lines wait, one is being emitted, one being read.
func TestRunSlowConsumerBoundsLines(t *testing.T) {
	for _, w := range []int{2, 8} {
		const window = 8
		var mu sync.Mutex
		emitted := 0 // lines whose emit began
		full := make(chan struct{})
		in := &counted{size: 10, total: 2000}
		in.check = func(lines, _ int) {
			mu.Lock()
			defer mu.Unlock()
			if ahead := lines - emitted; ahead > window+2 && !t.Failed() {
				t.Errorf("workers=%d: line %d is read while %d are emitted: %d ahead, want at most %d", w, lines, emitted, ahead, window+2)
			}
			if lines == window+1 {
				close(full)
			}
		}
		err := Run(context.Background(), in, Options{Workers: w, Window: window}, func(s string) int { return len(s) },
			func(n int, _ int) error {
				mu.Lock()
				emitted = n
				mu.Unlock()
				if n == 1 {
					<-full // the consumer stalls until the window has filled
				}
				for range 20 {
					runtime.Gosched() // and is slow after that
				}
				return nil
			})
		if err != nil || emitted != 2000 {
			t.Errorf("workers=%d: Run = %v after %d lines, want nil after 2000", w, err, emitted)
		}
	}
}

// Scoring that stalls does not make unscored lines pile up beyond the
// budget: at most Budget bytes wait or are being scored, one more line is
// read and waits for room, one is being read.
func TestRunSlowScoringBoundsBytes(t *testing.T) {
	const size, budget, workers = 8 << 10, 32 << 10, 8 // jobs queue alone would take 8+8 lines
	var mu sync.Mutex
	scored := 0 // bytes whose scoring ended
	filled := make(chan struct{})
	var fillOnce sync.Once
	in := &counted{size: size, total: 300}
	in.check = func(_, bytes int) {
		mu.Lock()
		defer mu.Unlock()
		if ahead := bytes - scored; ahead > budget+2*size && !t.Failed() {
			t.Errorf("%d bytes read while %d are scored: %d ahead, want at most %d", bytes, scored, ahead, budget+2*size)
		}
		if bytes >= budget+size {
			fillOnce.Do(func() { close(filled) })
		}
	}
	lines := 0
	err := Run(context.Background(), in, Options{Workers: workers, Window: 1000, Budget: budget, MaxLine: 2 * size},
		func(s string) int {
			<-filled // every worker stalls until the budget is taken
			for range 20 {
				runtime.Gosched()
			}
			mu.Lock()
			scored += len(s) + 1
			mu.Unlock()
			return len(s)
		},
		func(int, int) error {
			lines++
			return nil
		})
	if err != nil || lines != 300 {
		t.Errorf("Run = %v after %d lines, want nil after 300", err, lines)
	}
}

// A line longer than the whole budget is scored alone, not refused.
func TestRunLineOverBudget(t *testing.T) {
	want := []string{"a", strings.Repeat("b", 100), "c", strings.Repeat("d", 1000)}
	for _, w := range workerCounts {
		out, err := collect(t, strings.NewReader(strings.Join(want, "\n")), Options{Workers: w, Budget: 10})
		if err != nil {
			t.Errorf("workers=%d: Run = %v", w, err)
		}
		sameLines(t, fmt.Sprintf("workers=%d", w), out, want)
	}
}

func TestLineErrorSaysOnlyTheLine(t *testing.T) {
	err := &LineError{Line: 7, Err: bufio.ErrTooLong}
	if got, want := err.Error(), "line 7: bufio.Scanner: token too long"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func ExampleRun() {
	in := strings.NewReader("Welkom123\r\n\nZomer2024!\n")
	_ = Run(context.Background(), in, Options{}, func(pw string) int { return len(pw) },
		func(line, length int) error {
			fmt.Println(line, length)
			return nil
		})
	// Output:
	// 1 9
	// 2 0
	// 3 10
}
