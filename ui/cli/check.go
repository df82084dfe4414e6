package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"grendel/app/rules"
	"grendel/app/strength"
	"grendel/ui/exit"
	"grendel/ui/i18n"
)

// maxCheckLine is the longest line `grendel check` reads; the scorer looks
// at far less of it (strength.MaxRunes), but the line must be read whole to
// find the next one.
const maxCheckLine = 4 << 20

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

func newCheckCmd(opts *Options, stdin io.Reader, stdout io.Writer) *cobra.Command {
	asJSON := false
	cmd := &cobra.Command{
		Use:   "check",
		Short: lang.X("cli.check.short", "Score passwords read from standard input, one per line; exit 0 only if all pass the policy"),
		Long: lang.X("cli.check.long", "Reads passwords from standard input, one per line, and prints one line for each: "+
			"score (0–4), log10 of the guesses needed, the policy's verdict and the first warning, separated by tabs. "+
			"The passwords themselves are never printed."),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			hardenProcess(cmd.ErrOrStderr())
			pol, ctx := rules.Password(opts.Snapshot().Settings.Password)
			scorer := strength.Default()

			if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
				hidden, restore := hideTyping(f, cmd.ErrOrStderr())
				defer restore()
				stdin = hidden
			}
			sc := bufio.NewScanner(stdin)
			sc.Buffer(make([]byte, 0, 64<<10), maxCheckLine)
			enc := json.NewEncoder(stdout)
			allPass := true
			n := 0
			for sc.Scan() {
				n++
				pw := strings.TrimSuffix(sc.Text(), "\r")
				r := scorer.Score(pw, ctx)
				v := pol.Judge(r)
				allPass = allPass && v.Pass
				if asJSON {
					line := checkLine{Line: n, Score: r.Score, GuessesLog10: round2(r.GuessesLog10), CrackSeconds: r.CrackSeconds,
						Length: r.Length, Pass: v.Pass, TooWeak: v.TooWeak, TooShort: v.TooShort, BannedWord: v.Banned,
						Warnings: nonNil(r.Warnings), Suggestions: nonNil(r.Suggestions)}
					if err := enc.Encode(line); err != nil {
						return &exitError{code: exit.Failure, msg: err.Error()}
					}
					continue
				}
				warning := ""
				if w := r.Warning(); w != "" {
					warning = i18n.Reason(w)
				}
				fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\n", r.Score, strconv.FormatFloat(round2(r.GuessesLog10), 'f', 2, 64), i18n.Verdict(pol, v).Column, warning)
			}
			if err := sc.Err(); err != nil {
				if errors.Is(err, bufio.ErrTooLong) {
					return &exitError{code: exit.Failure, msg: lang.X("cli.check.too_long", "standard input, line {{.Line}}: longer than {{.Max}} bytes; nothing after it was checked",
						map[string]string{"Line": strconv.Itoa(n + 1), "Max": strconv.Itoa(maxCheckLine)})}
				}
				return &exitError{code: exit.Failure, msg: lang.X("cli.check.read", "reading standard input: {{.Error}}", map[string]string{"Error": err.Error()})}
			}
			if !allPass {
				return &exitError{code: exit.Failure}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, lang.X("cli.check.flag_json", "print one JSON object per password instead"))
	return cmd
}

func round2(f float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'f', 2, 64), 64)
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
	restore, echoesNewline, err := hideInput(int(f.Fd()))
	if err != nil {
		r.text = lang.X("cli.check.prompt_visible", "Password (shown as you type; an empty line ends): ")
		return r, func() {}
	}
	r.text = lang.X("cli.check.prompt", "Password (not shown; an empty line ends): ")
	r.newline = !echoesNewline
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
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
