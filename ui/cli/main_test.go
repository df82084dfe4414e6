package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"grendel/ui/i18n"
	"grendel/ui/i18n/clocale"
	"grendel/ui/resident"
	"grendel/ui/uiproc"
)

// envArgs makes the test binary the grendel command: its value holds the
// arguments, separated by "\x1f".
const envArgs = "GRENDEL_CLI_TEST_ARGS"

// envStdoutTerminal, set to 1, makes that command take its standard output
// for a terminal.
const envStdoutTerminal = "GRENDEL_CLI_TEST_STDOUT_TERMINAL"

// envStatus, set to 1, makes the test binary write the status of
// [sampleStatus] instead, as `grendel status` would.
const envStatus = "GRENDEL_CLI_TEST_STATUS"

// TestMain runs, when envArgs is set, the command line as main does: the
// translations are loaded after every package's init (clocale's before
// lang's among them), in a process whose environment picks the language.
func TestMain(m *testing.M) {
	if os.Getenv(envStatus) == "1" {
		if err := i18n.Load(); err != nil {
			os.Stderr.WriteString("grendel: translations: " + err.Error() + "\n")
		}
		writeStatus(os.Stdout, sampleStatus())
		os.Exit(0)
	}
	if args, ok := os.LookupEnv(envArgs); ok {
		if err := i18n.Load(); err != nil {
			os.Stderr.WriteString("grendel: translations: " + err.Error() + "\n")
		}
		var argv []string
		if args != "" {
			argv = strings.Split(args, "\x1f")
		}
		modes := processes{Agent: resident.Run, UI: uiproc.Run}
		if os.Getenv(envStdoutTerminal) == "1" {
			modes.Terminal = func(f any) bool { return f == os.Stdout }
		}
		os.Exit(execute(argv, "9.9.9", modes, os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// runIn runs grendel with args in a child process whose locale
// environment is only env (such as "LANG=nl_NL.UTF-8"), with stdin as its
// standard input, and returns its standard output, standard error and exit
// code.
func runIn(t *testing.T, env []string, stdin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	for _, kv := range os.Environ() {
		switch k, _, _ := strings.Cut(kv, "="); k {
		case "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", envArgs, envStdoutTerminal, envStatus:
		default:
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(append(cmd.Env, env...), envArgs+"="+strings.Join(args, "\x1f"))
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatalf("grendel %v: %v", args, err)
	}
	return out.String(), errOut.String(), cmd.ProcessState.ExitCode()
}

// locales are the environments of the three languages.
var locales = map[string][]string{
	"en": {"LANG=en_GB.UTF-8"},
	"nl": {"LANG=nl_NL.UTF-8"},
	"de": {"LANG=de_DE.UTF-8"},
}

func TestLanguagesAgree(t *testing.T) {
	if !slices.Equal(clocale.Languages, i18n.Languages) {
		t.Errorf("clocale.Languages = %v, i18n.Languages = %v: they must be the same", clocale.Languages, i18n.Languages)
	}
}

// TestLanguageFromEnvironment: LANGUAGE is a priority list, the first
// language Grendel translates wins, and locales with a modifier work, all
// without the locale library's complaints on standard error.
func TestLanguageFromEnvironment(t *testing.T) {
	const (
		en = "Prints one new password per line."
		nl = "Drukt één nieuw wachtwoord per regel af."
		de = "Gibt ein neues Passwort pro Zeile aus."
	)
	for _, tc := range []struct {
		env  []string
		want string
	}{
		{[]string{"LANGUAGE=fr:de", "LANG=fr_FR.UTF-8"}, de},
		{[]string{"LANGUAGE=fr_FR:nl_BE", "LANG=fr_FR.UTF-8"}, nl},
		{[]string{"LANGUAGE=de:nl", "LANG=nl_NL.UTF-8"}, de},
		{[]string{"LANGUAGE=fr", "LANG=de_DE.UTF-8"}, en},
		{[]string{"LANG=nl_NL@euro"}, nl},
		{[]string{"LANG=de_DE.UTF-8@euro"}, de},
		{[]string{"LC_ALL=de_AT@euro", "LANG=en_GB.UTF-8"}, de},
		{[]string{"LANGUAGE=nl_NL.UTF-8@euro:de"}, nl},
		{[]string{"LANG=C.UTF-8"}, en},
		{[]string{"LC_ALL=C.UTF-8", "LANGUAGE=de"}, en},
		{[]string{"LANG=en_GB.UTF-8"}, en},
		{nil, en},
	} {
		t.Run(strings.Join(tc.env, " "), func(t *testing.T) {
			out, errOut, code := runIn(t, tc.env, "", "gen", "--help")
			if code != 0 || !strings.HasPrefix(out, tc.want) || errOut != "" {
				t.Errorf("grendel gen --help under %v = %d\nstdout:\n%s\nstderr:\n%s\nwant it to start with %q, nothing on stderr", tc.env, code, out, errOut, tc.want)
			}
		})
	}
}
