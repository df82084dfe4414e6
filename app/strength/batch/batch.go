// Package batch scores a stream of passwords, one per line, on several
// cores at once, and hands the results back one at a time in input order.
//
// # The pipeline
//
// [Run] reads lines on one goroutine, scores them on [Options.Workers]
// goroutines and calls its emit function on the caller's goroutine, line
// after line, in the order of the input. It knows nothing of what a score
// is: the scoring function and its result type are the caller's, so the
// same pipeline runs Grendel's scorer and, for comparison, plain zxcvbn.
//
// With one worker there is no pipeline: each line is read, scored and
// emitted on the caller's goroutine before the next is read, so a prompt
// for the next password comes after the answer to the last one (what a
// terminal wants).
//
// # Bounded memory
//
// The reader runs ahead of a slow consumer by a fixed number of lines
// ([Options.Window]), and the lines read but not yet scored hold at most
// [Options.Budget] bytes (a line longer than that is scored alone). So
// besides the results waiting for the consumer, a run holds at most the
// budget, the scanner's buffer and the line being read: a few times
// [Options.MaxLine], whatever the length of the input and however slow the
// consumer.
//
// # Passwords
//
// Each line is copied once, into the string handed to the scoring
// function; the pipeline drops it as soon as that function returns, and
// neither its errors nor anything it keeps hold a password. Errors name
// line numbers only.
package batch

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
)

// DefaultMaxLine is the longest line [Run] reads unless told otherwise.
const DefaultMaxLine = 4 << 20

// DefaultBudget is how many bytes of unscored lines a run holds at most
// unless told otherwise.
const DefaultBudget = 16 << 20

// Options tune [Run]. The zero value uses every core.
type Options struct {
	// Workers is how many lines are scored at once: 0 is
	// runtime.GOMAXPROCS(0), 1 scores each line before reading the next.
	Workers int
	// MaxLine is the longest line read (without its line end); a longer
	// one ends the run with a [LineError] wrapping [bufio.ErrTooLong].
	// 0 is [DefaultMaxLine].
	MaxLine int
	// Window is how many lines may be read ahead of the one the consumer
	// is waiting for; 0 is 16 per worker.
	Window int
	// Budget bounds the bytes of the lines read but not yet scored; 0 is
	// [DefaultBudget].
	Budget int
}

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MaxLine <= 0 {
		o.MaxLine = DefaultMaxLine
	}
	if o.Window <= 0 {
		o.Window = 16 * o.Workers
	}
	if o.Budget <= 0 {
		o.Budget = DefaultBudget
	}
	return o
}

// LineError is a failure to read line Line (counted from 1): too long
// ([bufio.ErrTooLong]) or the reader's own error. Every line before it was
// scored and emitted.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// Unwrap returns the read error.
func (e *LineError) Unwrap() error { return e.Err }

// Run reads in line by line, scores each line with score and calls emit
// with its number (from 1) and result, in input order. Lines end at "\n";
// a "\r" before it is dropped, so CRLF input scores like LF input, and an
// empty line is a password like any other. score is called from several
// goroutines at once; emit only from the caller's, one call at a time.
//
// Run returns nil after the last line, a [*LineError] when a line cannot be
// read, the error of emit when it fails, or ctx's error when ctx ends
// first; in every case no line after the failing one is emitted, and emit
// is not called once ctx has ended. It waits for the scoring in progress,
// but with several workers not for a Read of in that blocks: the reading
// goroutine stops when that Read returns. (With one worker Run reads on
// the caller's goroutine and sees the end of ctx between lines.)
func Run[R any](ctx context.Context, in io.Reader, opt Options, score func(password string) R, emit func(line int, result R) error) error {
	opt = opt.withDefaults()
	if opt.Workers == 1 {
		return runOne(ctx, in, opt, score, emit)
	}
	ctx, cancel := context.WithCancel(ctx)
	budget := newBudget(ctx, opt.Budget)
	jobs := make(chan *job[R], opt.Workers)
	order := make(chan *job[R], opt.Window)
	var workers sync.WaitGroup
	defer func() {
		cancel()
		workers.Wait()
		budget.stop()
	}()
	for range opt.Workers {
		workers.Go(func() {
			for {
				select {
				case j, ok := <-jobs:
					if !ok {
						return
					}
					pw := j.password
					j.password = ""
					r := score(pw)
					budget.release(len(pw))
					j.done <- r
				case <-ctx.Done():
					return
				}
			}
		})
	}

	// The reader sets readErr before it closes order, so the emitting
	// loop below sees it once order is drained.
	var readErr error
	go func() {
		defer close(order)
		defer close(jobs)
		readErr = read(ctx, in, opt.MaxLine, func(n int, pw string) bool {
			if !budget.acquire(len(pw)) {
				return false
			}
			j := &job[R]{line: n, password: pw, done: make(chan R, 1)}
			select {
			case order <- j:
			case <-ctx.Done():
				return false
			}
			select {
			case jobs <- j:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()

	for {
		var j *job[R]
		select {
		case next, ok := <-order:
			if !ok {
				return readErr
			}
			j = next
		case <-ctx.Done():
			return ctx.Err()
		}
		select {
		case r := <-j.done:
			// A result that came with the end of ctx is not emitted.
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := emit(j.line, r); err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// runOne is [Run] with one worker: read, score, emit, then the next line.
func runOne[R any](ctx context.Context, in io.Reader, opt Options, score func(string) R, emit func(int, R) error) error {
	var emitErr error
	err := read(ctx, in, opt.MaxLine, func(n int, pw string) bool {
		r := score(pw)
		if ctx.Err() != nil {
			return false
		}
		emitErr = emit(n, r)
		return emitErr == nil
	})
	if emitErr != nil {
		return emitErr
	}
	return err
}

// read calls line for each line of in, with its number, until line
// returns false or ctx ends (ctx's error) or the input ends (nil) or fails
// (a *LineError).
func read(ctx context.Context, in io.Reader, maxLine int, line func(n int, password string) bool) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, min(64<<10, maxLine)), maxLine)
	n := 0
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		n++
		if !line(n, strings.TrimSuffix(sc.Text(), "\r")) {
			return ctx.Err()
		}
	}
	if err := sc.Err(); err != nil {
		return &LineError{Line: n + 1, Err: err}
	}
	return nil
}

// job is one line on its way through the pipeline.
type job[R any] struct {
	line     int
	password string // "" once scored
	done     chan R // receives the result; buffered, so a worker never waits
}

// budget is a counting semaphore of bytes: the reader takes a line's
// length before it hands the line on, a worker gives it back once the line
// is scored.
type budget struct {
	ctx   context.Context
	mu    sync.Mutex
	freed *sync.Cond
	size  int
	free  int
	stop  func() bool
}

func newBudget(ctx context.Context, size int) *budget {
	b := &budget{ctx: ctx, size: size, free: size}
	b.freed = sync.NewCond(&b.mu)
	b.stop = context.AfterFunc(ctx, func() {
		b.mu.Lock()
		b.freed.Broadcast()
		b.mu.Unlock()
	})
	return b
}

// acquire takes n bytes (all of them, for a line longer than the budget),
// waiting for them to be free; false when ctx ends first.
func (b *budget) acquire(n int) bool {
	n = min(n, b.size)
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.free < n && b.ctx.Err() == nil {
		b.freed.Wait()
	}
	if b.ctx.Err() != nil {
		return false
	}
	b.free -= n
	return true
}

// release gives back what acquire(n) took.
func (b *budget) release(n int) {
	n = min(n, b.size)
	b.mu.Lock()
	b.free += n
	b.freed.Broadcast()
	b.mu.Unlock()
}
