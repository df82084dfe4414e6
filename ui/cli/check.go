package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"grendel/app/rules"
	"grendel/app/strength"
	"grendel/app/strength/batch"
	"grendel/ui/exit"
	"grendel/ui/i18n"
)

// maxCheckLine is the longest line `grendel check` reads; the scorer looks
// at far less of it (strength.MaxRunes), but the line must be read whole to
// find the next one.
const maxCheckLine = batch.DefaultMaxLine

// checkLine is one line of `grendel check --json`. It never holds the
// password.
type checkLine struct {
	Line         int                   `json:"line"`
	Score        int                   `json:"score"`
	GuessesLog10 float64               `json:"guesses_log10"`
	CrackSeconds float64               `json:"crack_seconds"`
	Length       int                   `json:"length"`
	Pass         bool                  `json:"pass"`
	TooWeak      bool                  `json:"too_weak"`
	TooShort     bool                  `json:"too_short"`
	BannedWord   bool                  `json:"banned_word"`
	Warnings     []strength.Reason     `json:"warnings"`
	Suggestions  []strength.Suggestion `json:"suggestions"`
}

// newCheckCmd is `grendel check`; terminal tells whether stdin, stdout or
// stderr is a terminal.
func newCheckCmd(opts *Options, stdin io.Reader, stdout io.Writer, terminal func(any) bool) *cobra.Command {
	var c checkRun
	cmd := &cobra.Command{
		Use:   "check",
		Short: helpText("cli.check.short", "Score passwords read from standard input, one per line; exit 0 only if all pass the policy"),
		Long: helpText("cli.check.long", "Reads passwords from standard input, one per line, and prints one line for each: "+
			"score (0–4), log10 of the guesses needed, the policy's verdict and the first warning, separated by tabs. "+
			"At a terminal, the line is written for people instead: the line number, the score in words, the verdict and the first warning. "+
			"The passwords themselves are never printed."),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if c.jobs < 0 {
				return usageErr(lang.X("cli.check.bad_jobs", "--jobs must be 0 (all cores) or more"))
			}
			stderr := cmd.ErrOrStderr()
			hardenProcess(stderr)
			c.policy, c.context = rules.Password(opts.Snapshot().Settings.Password)
			in := stdin
			c.readable = !c.json && terminal(stdout)
			if f, ok := stdin.(*os.File); ok && terminal(f) {
				hidden, restore := hideTyping(f, stderr)
				defer restore()
				in = hidden
				c.jobs = 1 // each answer before the next prompt
			} else if terminal(stderr) && !terminal(stdout) {
				// Where the results go to the terminal, they show
				// the progress themselves, and a progress line
				// would run into them.
				c.progress = &progress{w: stderr, now: time.Now}
			}
			return c.run(in, stdout)
		},
	}
	cmd.Flags().BoolVar(&c.json, "json", false, helpText("cli.check.flag_json", "print one JSON object per password instead"))
	cmd.Flags().IntVar(&c.jobs, "jobs", 0, helpText("cli.check.flag_jobs", "score `N` passwords at once, each on its own core; 0 (the default) uses all cores"))
	return cmd
}

// isTerminal reports whether w is a terminal.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// checkRun is one `grendel check` over a stream of passwords.
type checkRun struct {
	json     bool
	readable bool // a sentence per password, for a person at a terminal, instead of tab-separated fields
	jobs     int  // passwords scored at once; 0: one per core
	policy   strength.Policy
	context  strength.Context
	progress *progress // nil: no progress line
}

// run scores the passwords of in, one per line, on c.jobs cores, and
// writes one line for each to stdout, in input order.
func (c *checkRun) run(in io.Reader, stdout io.Writer) error {
	scorer := strength.Default()
	enc := json.NewEncoder(stdout)
	failed := 0
	defer c.progress.clear()
	err := batch.Run(context.Background(), in, batch.Options{Workers: c.jobs, MaxLine: maxCheckLine},
		func(pw string) strength.Result { return scorer.Score(pw, c.context) },
		func(n int, r strength.Result) error {
			v := c.policy.Judge(r)
			if !v.Pass {
				failed++
			}
			c.progress.update(n, failed)
			if c.json {
				line := checkLine{Line: n, Score: r.Score, GuessesLog10: round(r.GuessesLog10, 2), CrackSeconds: roundSignificant(r.CrackSeconds, 3),
					Length: r.Length, Pass: v.Pass, TooWeak: v.TooWeak, TooShort: v.TooShort, BannedWord: v.Banned,
					Warnings: nonNil(r.Warnings), Suggestions: nonNil(r.Suggestions)}
				if err := enc.Encode(line); err != nil {
					return &exitError{code: exit.Failure, msg: err.Error()}
				}
				return nil
			}
			warning := ""
			if w := r.Warning(); w != "" {
				warning = i18n.Reason(w)
			}
			verdict := i18n.Verdict(c.policy, v).Column
			if c.readable {
				fmt.Fprintln(stdout, readableCheck(n, r.Score, verdict, warning))
				return nil
			}
			fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\n", r.Score, strconv.FormatFloat(round(r.GuessesLog10, 2), 'f', 2, 64), verdict, warning)
			return nil
		})
	var le *batch.LineError
	switch {
	case errors.As(err, &le) && errors.Is(err, bufio.ErrTooLong):
		return &exitError{code: exit.Failure, msg: lang.X("cli.check.too_long", "standard input, line {{.Line}}: longer than {{.Max}} bytes; nothing after it was checked",
			map[string]string{"Line": i18n.Number(int64(le.Line)), "Max": i18n.Number(maxCheckLine)})}
	case errors.As(err, &le):
		return &exitError{code: exit.Failure, msg: lang.X("cli.check.read", "reading standard input: {{.Error}}", map[string]string{"Error": le.Err.Error()})}
	case err != nil:
		return err // an *exitError from writing
	case failed > 0:
		return &exitError{code: exit.Failure}
	}
	return nil
}

// readableCheck is the line about the password on input line n for a
// person: "1: very weak — fail: too weak and too short — This is one of
// the most common passwords."
func readableCheck(n, score int, verdict, warning string) string {
	data := map[string]string{"Line": i18n.Number(int64(n)), "Score": i18n.Score(score), "Verdict": verdict, "Warning": warning}
	if warning == "" {
		return lang.X("cli.check.line", "{{.Line}}: {{.Score}} — {{.Verdict}}", data)
	}
	return lang.X("cli.check.line_warning", "{{.Line}}: {{.Score}} — {{.Verdict}} — {{.Warning}}", data)
}

// progress is the line that says, on a terminal's standard error, how far
// a long batch has come. It appears once the batch has run for
// progressAfter or reached progressLines lines, is redrawn in place at most
// every progressEvery, and is wiped at the end.
type progress struct {
	w     io.Writer
	now   func() time.Time
	start time.Time // of the batch: the first update
	drawn time.Time // when the line was last drawn
	width int       // the characters on screen; 0 before the first drawing
}

const (
	progressAfter = time.Second
	progressLines = 1000
	progressEvery = 250 * time.Millisecond
)

// update says that done lines are checked, failed of them fail the
// policy. A nil progress does nothing.
func (p *progress) update(done, failed int) {
	if p == nil {
		return
	}
	t := p.now()
	if p.start.IsZero() {
		p.start = t
	}
	if p.width == 0 && done < progressLines && t.Sub(p.start) < progressAfter ||
		p.width > 0 && t.Sub(p.drawn) < progressEvery {
		return
	}
	p.drawn = t
	text := lang.X("cli.check.progress", "passwords checked: {{.Count}}, failing the policy: {{.Failed}}",
		map[string]string{"Count": i18n.Number(int64(done)), "Failed": i18n.Number(int64(failed))})
	w := utf8.RuneCountInString(text)
	fmt.Fprint(p.w, "\r"+text+strings.Repeat(" ", max(p.width-w, 0)))
	p.width = max(p.width, w) // the spaces cover what a longer one left
}

// clear wipes the line, if it was drawn, and leaves the cursor at its
// start. A nil progress does nothing.
func (p *progress) clear() {
	if p == nil || p.width == 0 {
		return
	}
	fmt.Fprint(p.w, "\r"+strings.Repeat(" ", p.width)+"\r")
	p.width = 0
}

// round rounds f to digits decimals, for JSON.
func round(f float64, digits int) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', digits, 64), 64)
	return v
}

// roundSignificant rounds f to digits significant digits, for JSON: an
// estimate such as a time to crack means no more (0.000123, 4.56e+21).
func roundSignificant(f float64, digits int) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', digits, 64), 64)
	return v
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// hideTyping turns off the echo of the terminal f for the whole check, so
// that no password shows, not even one typed ahead while the last one was
// scored, and returns a reader that asks for each password on prompt and
// ends at an empty line, with the function that restores the terminal. An
// interrupt restores it too before the program ends. Where the echo cannot
// be turned off, the reader still asks, and says that typing shows.
func hideTyping(f *os.File, prompt io.Writer) (io.Reader, func()) {
	r := &promptedLines{r: f, prompt: prompt}
	// The handler is in place before the echo goes off: an interrupt in
	// between would otherwise end the program with the echo off.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	restore, echoesNewline, err := hideInput(int(f.Fd()))
	if err != nil {
		signal.Stop(sig)
		select {
		case <-sig: // an interrupt came while we tried
			os.Exit(exit.Failure)
		default:
		}
		r.text = lang.X("cli.check.prompt_visible", "Password (shown as you type; an empty line ends): ")
		return r, func() {}
	}
	r.text = lang.X("cli.check.prompt", "Password (not shown; an empty line ends): ")
	r.newline = !echoesNewline
	stop := make(chan struct{})
	go func() {
		select {
		case <-sig:
			restore()
			fmt.Fprintln(prompt)
			os.Exit(exit.Failure)
		case <-stop:
		}
	}()
	return r, func() {
		signal.Stop(sig)
		close(stop)
		restore()
	}
}

// promptedLines reads a terminal line by line, writing text to prompt
// before each line; an empty line is the end.
type promptedLines struct {
	r       io.Reader
	prompt  io.Writer
	text    string
	newline bool // write the newline that the terminal does not show
	buf     []byte
	done    bool
}

func (p *promptedLines) Read(b []byte) (int, error) {
	for len(p.buf) == 0 {
		if p.done {
			return 0, io.EOF
		}
		fmt.Fprint(p.prompt, p.text)
		line := make([]byte, 0, 256)
		var one [1]byte
		for {
			n, err := p.r.Read(one[:])
			if n == 1 {
				line = append(line, one[0])
				if one[0] == '\n' {
					break
				}
			}
			if err != nil {
				p.done = true
				if !errors.Is(err, io.EOF) {
					return 0, err
				}
				break
			}
			if len(line) > maxCheckLine {
				break // the scanner reports the line as too long
			}
		}
		if p.newline {
			fmt.Fprintln(p.prompt)
		}
		if strings.TrimRight(string(line), "\r\n") == "" {
			p.done = true
			continue
		}
		p.buf = line
	}
	n := copy(b, p.buf)
	p.buf = p.buf[n:]
	return n, nil
}
