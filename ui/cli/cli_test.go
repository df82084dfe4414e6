package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"grendel/app/agent"
	"grendel/internal/testdir"
	"grendel/policy"
	"grendel/ui/exit"
)

// isolate points the CLI at empty policy directories, an empty
// configuration directory, a private runtime directory and a state
// directory of its own (the status file, the audit trail).
func isolate(t *testing.T) {
	t.Helper()
	base, err := os.MkdirTemp("", "gcli")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(base, "cfg"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(base, "state")) // the audit trail
	// Windows: os.UserConfigDir is %AppData%, and the managed and
	// recommended policy directories are under %ProgramData%.
	t.Setenv("AppData", filepath.Join(base, "cfg"))
	t.Setenv("ProgramData", filepath.Join(base, "programdata"))
	t.Setenv("LOCALAPPDATA", filepath.Join(base, "state")) // the audit trail on Windows
	if err := os.Mkdir(filepath.Join(base, "run"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_RUNTIME_DIR", filepath.Join(base, "run"))
}

func run(t *testing.T, modes processes, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := execute(args, "9.9.9", modes, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func TestRun(t *testing.T) {
	isolate(t)
	dir := testdir.New(t)
	good := filepath.Join(dir, "good.json")
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(good, []byte(`{"lock": {"idle_timeout": "3m"}}`), 0o644)
	os.WriteFile(bad, []byte("{\"lock\": {\"idle_timeout\": \"3 minutes\"}}"), 0o644)
	var agentRan, uiRan string
	modes := processes{
		Agent: func(o agent.Options) int { agentRan = strings.Join(o.Policy, ","); return 0 },
		UI:    func(w agent.Window, o agent.Options) int { uiRan = string(w); return 0 },
	}
	tests := []struct {
		args     []string
		code     int
		stdout   string // substring
		stderr   string // substring
		sideWant *string
		side     string
	}{
		{args: []string{"version"}, stdout: "Grendel 9.9.9 (go"},
		{args: []string{"--help"}, stdout: "Usage:"},
		{args: []string{"policy", "--help"}, stdout: "validate"},
		{args: []string{"nonsense"}, code: exit.Usage, stderr: `unknown command "nonsense"`},
		{args: []string{"help", "nonsense"}, code: exit.Usage, stderr: `unknown command "nonsense"`},
		{args: []string{"help", "share", "bogus"}, code: exit.Usage, stderr: `unknown command "share bogus"`},
		{args: []string{"share", "bogus"}, code: exit.Usage, stderr: `unknown command "grendel share bogus"`},
		{args: []string{"policy", "frob"}, code: exit.Usage, stderr: `unknown command "grendel policy frob"`},
		{args: []string{"share"}, code: exit.Usage},
		{args: []string{"gen", "--length", "abc"}, code: exit.Usage, stderr: `--length wants a whole number, not "abc"`},
		{args: []string{"gen", "--spell=maybe"}, code: exit.Usage, stderr: `--spell wants true or false, not "maybe"`},
		{args: []string{"gen", "--length"}, code: exit.Usage, stderr: "--length needs a value"},
		{args: []string{"gen", "-1"}, code: exit.Usage, stderr: "unknown flag: -1"},
		{args: []string{"share", "new"}, code: exit.Usage, stderr: "--label is required"},
		{args: []string{"--policy", "/nonexistent/grendel.json", "gen", "--count", "1"}, stderr: "/nonexistent/grendel.json:1:1: strict built-in defaults apply"},
		{args: []string{"--frobnicate"}, code: exit.Usage, stderr: "unknown flag: --frobnicate"},
		{args: []string{"version", "extra"}, code: exit.Usage, stderr: "takes no arguments"},
		{args: []string{"policy"}, code: exit.Usage, stdout: "Usage:"},
		{args: []string{"policy", "validate"}, code: exit.Usage, stderr: "name at least one policy file"},
		{args: []string{"policy", "validate", good}, stdout: "policy files checked: 1, all valid"},
		{args: []string{"policy", "validate", good, bad}, code: exit.Failure, stdout: bad + ":1:27: lock.idle_timeout: \"3 minutes\" is not a duration", stderr: "policy files checked: 2, invalid: 1"},
		{args: []string{"policy", "show"}, stdout: "lock.idle_timeout       5m          default"},
		{args: []string{"--policy", good, "policy", "show"}, stdout: "lock.idle_timeout       3m          --policy file " + good},
		{args: []string{"policy", "schema"}, stdout: `"$schema": "https://json-schema.org/draft/2020-12/schema"`},
		{args: []string{"status"}, code: exit.NoAgent, stderr: "the Grendel agent is not running"},
		{args: []string{"ui"}, code: exit.Usage, stderr: "name one window: status"},
		{args: []string{"ui", "lobby"}, code: exit.Usage, stderr: `unknown window "lobby"`},
		{args: []string{"ui", "status"}, sideWant: &uiRan, side: "status"},
		{args: []string{"--policy", good}, sideWant: &agentRan, side: good},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, errOut, code := run(t, modes, tc.args...)
			if code != tc.code || !strings.Contains(out, tc.stdout) || !strings.Contains(errOut, tc.stderr) {
				t.Errorf("grendel %v = %d\nstdout:\n%s\nstderr:\n%s\nwant %d, stdout with %q, stderr with %q",
					tc.args, code, out, errOut, tc.code, tc.stdout, tc.stderr)
			}
			if tc.sideWant != nil && *tc.sideWant != tc.side {
				t.Errorf("grendel %v ran with %q, want %q", tc.args, *tc.sideWant, tc.side)
			}
		})
	}
}

func TestPolicyShowJSON(t *testing.T) {
	isolate(t)
	out, _, code := run(t, processes{}, "policy", "show", "--json")
	var r policy.Report
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil || len(r.Keys) != len(policy.Keys()) {
		t.Errorf("policy show --json = %d\n%s", code, out)
	}
}

// TestStatusFromAgent runs a real agent core behind a real socket and asks
// it with `grendel status`.
func TestStatusFromAgent(t *testing.T) {
	isolate(t)
	a := agent.New(agent.Config{Version: "7.7.7", Display: ":5"})
	a.SetTray(false, os.ErrNotExist)
	serveAgent(t, a)

	out, errOut, code := run(t, processes{}, "status")
	for _, want := range []string{"Grendel 7.7.7: the agent runs (process", "Tray icon: not shown (file does not exist)", "Display: :5", "Policy: in force; files read: 0"} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s%s (exit %d)", want, out, errOut, code)
		}
	}
	out, _, _ = run(t, processes{}, "status", "--json")
	var st agent.Status
	if err := json.Unmarshal([]byte(out), &st); err != nil || st.Version != "7.7.7" || st.PID != os.Getpid() {
		t.Errorf("status --json = %v, %+v", err, st)
	}
}

// TestVersionFlag: --version and -v print what the version command prints.
func TestVersionFlag(t *testing.T) {
	isolate(t)
	want, _, _ := run(t, processes{}, "version")
	if !strings.HasPrefix(want, "Grendel 9.9.9 (go") {
		t.Fatalf("grendel version = %q", want)
	}
	for _, args := range [][]string{{"--version"}, {"-v"}, {"--policy", "/nonexistent.json", "--version"}} {
		out, errOut, code := run(t, processes{Agent: func(agent.Options) int { t.Error("the agent started"); return 0 }}, args...)
		if out != want || errOut != "" || code != exit.OK {
			t.Errorf("grendel %v = %d, %q, stderr %q; want 0, %q", args, code, out, errOut, want)
		}
	}
}

// TestUIHelpNamesUserWindows: `grendel ui`'s help and messages name the
// windows a user opens, not those Grendel opens itself, which it still
// accepts.
func TestUIHelpNamesUserWindows(t *testing.T) {
	isolate(t)
	const user = "status|settings|check|generate|shares|file|send"
	var shown agent.Window
	modes := processes{UI: func(w agent.Window, _ agent.Options) int { shown = w; return 0 }}
	for _, tc := range []struct {
		args         []string
		code         int
		stdout, errs string
	}{
		{[]string{"ui", "--help"}, exit.OK, "grendel ui " + user + " [flags]\n", ""},
		{[]string{"ui"}, exit.Usage, "", "name one window: " + strings.ReplaceAll(user, "|", ", ") + "\n"},
		{[]string{"ui", "lobby"}, exit.Usage, "", `unknown window "lobby"; use one of ` + strings.ReplaceAll(user, "|", ", ") + "\n"},
	} {
		out, errOut, code := run(t, modes, tc.args...)
		if code != tc.code || !strings.Contains(out, tc.stdout) || !strings.Contains(errOut, tc.errs) {
			t.Errorf("grendel %v = %d\nstdout:\n%s\nstderr:\n%s\nwant %d, stdout with %q, stderr with %q", tc.args, code, out, errOut, tc.code, tc.stdout, tc.errs)
		}
		for _, w := range internalWindows {
			if strings.Contains(out+errOut, string(w)) {
				t.Errorf("grendel %v names the internal window %s:\n%s%s", tc.args, w, out, errOut)
			}
		}
	}
	for _, w := range agent.Windows {
		if _, _, code := run(t, modes, "ui", string(w)); code != exit.OK || shown != w {
			t.Errorf("grendel ui %s = %d, showed %q", w, code, shown)
		}
	}
}

// TestNoMousetrap: a run switches off cobra's mousetrap, which on Windows
// makes a program that Explorer started (the Run key, a double-click)
// print "This is a command line tool" and exit 1 instead of starting the
// agent.
func TestNoMousetrap(t *testing.T) {
	isolate(t)
	cobra.MousetrapHelpText = "This is a command line tool."
	t.Cleanup(func() { cobra.MousetrapHelpText = "" })
	if _, _, code := run(t, processes{}, "version"); code != exit.OK {
		t.Fatalf("grendel version = %d", code)
	}
	if cobra.MousetrapHelpText != "" {
		t.Errorf("cobra.MousetrapHelpText = %q after a run, want \"\" (the mousetrap off)", cobra.MousetrapHelpText)
	}
}
