package liblog

import (
	"errors"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"

	"grendel/ui/internal/uitest"
)

// said collects what a Writer says.
type said struct {
	mu    sync.Mutex
	lines []string
}

func (s *said) say(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lines = append(s.lines, line)
}

// Write implements io.Writer, for a said that records raw log output.
func (s *said) Write(p []byte) (int, error) {
	s.say(string(p))
	return len(p), nil
}

// text returns all that was said, joined.
func (s *said) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.lines, "")
}

func (s *said) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.lines
	s.lines = nil
	return out
}

// errBus is the error D-Bus gives for a service nobody provides.
var errBus = errors.New("org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.Notifications was not provided by any .service files")

// TestLibraryLines logs as systray and Fyne do — through the standard
// logger and Fyne's own fyne.LogError, whose last line names a file of
// the module cache — and checks what reaches the user: at most one
// translated line per report, each once, and no path of the build.
func TestLibraryLines(t *testing.T) {
	var s said
	restore := Install(s.say)
	defer restore()
	for _, tc := range []struct {
		name string
		log  func()
		want []string
	}{
		{"systray cannot register", func() {
			log.Printf("systray error: failed to register: %v\n", errBus)
		}, nil},
		{"a notification the bus did not pass on", func() {
			fyne.LogError("Failed to send message to bus", errBus)
		}, []string{"the desktop did not show a notification: no notification service answered on the session bus"}},
		{"the same again", func() {
			fyne.LogError("Failed to send message to bus", errBus)
		}, nil},
		{"another systray error", func() {
			log.Printf("systray error: failed to emit new tooltip signal: %s\n", errBus)
		}, []string{"the tray icon may not show or update as it should: the desktop's panel did not take a change"}},
		{"another Fyne error", func() {
			fyne.LogError("Failed to load user preferences", errors.New("open /home/anna/.config/fyne/prefs.json: permission denied"))
		}, []string{"the window toolkit reported a problem: Failed to load user preferences"}},
		{"a line of another library", func() {
			log.Print("keyring: /home/b/go/pkg/mod/github.com/x/keyring@v1.2.0/secret.go:42: no reply")
		}, []string{"a component reported: keyring: secret.go: no reply"}},
		{"in two writes", func() {
			w := log.Writer()
			w.Write([]byte("half a "))
			w.Write([]byte("line\n"))
		}, []string{"a component reported: half a line"}},
	} {
		tc.log()
		got := s.take()
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s: said %q, want %q", tc.name, got, tc.want)
		}
		for _, line := range got {
			if strings.Contains(line, "/") || strings.Contains(line, "go/pkg/mod") {
				t.Errorf("%s: %q shows a path", tc.name, line)
			}
		}
	}
	restore()
	if _, ok := log.Writer().(*Writer); ok {
		t.Error("restore left the standard logger on the Writer")
	}
}

// TestLibrariesStillLogSo reads the sources of the libraries in go.mod:
// the lines this package recognises are still the ones they log, so that
// an upgrade that changes them fails here rather than bringing the noise
// back.
func TestLibrariesStillLogSo(t *testing.T) {
	for _, tc := range []struct {
		module, file string
		want         []string
	}{
		{"fyne.io/systray", "systray_unix.go", []string{`log.Printf("systray error: failed to register: %v\n"`}},
		{"fyne.io/fyne/v2", "log.go", []string{`log.Println("Fyne error: ", reason)`, `log.Println("  Cause:", err)`, `log.Printf("  At: %s:%d", file, line)`}},
		{"fyne.io/fyne/v2", "app/app_xdg.go", []string{`fyne.LogError("Failed to send message to bus", call.Err)`, `fyne.LogError("Unable to connect to session D-Bus", err)`}},
	} {
		if _, err := exec.LookPath("go"); err != nil {
			t.Skip("no go command to locate the libraries' source (the Windows build under Wine has none)")
		}
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", tc.module).Output()
		if err != nil {
			t.Fatalf("locate %s: %v", tc.module, err)
		}
		src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), tc.file))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(src), w) {
				t.Errorf("%s/%s no longer holds %s", tc.module, tc.file, w)
			}
		}
	}
}

func TestStripPaths(t *testing.T) {
	for in, want := range map[string]string{
		"At: /root/go/pkg/mod/fyne.io/fyne/v2@v2.7.1/app/app_xdg.go:83": "At: app_xdg.go",
		`C:\Users\b\go\pkg\mod\x@v1\y.go:7 failed`:                      "y.go failed",
		"no path here: 3 items":                                         "no path here: 3 items",
	} {
		if got := StripPaths(in); got != want {
			t.Errorf("StripPaths(%q) = %q, want %q", in, got, want)
		}
	}
}

// envLang makes TestLanguages the child that checks one language.
const envLang = "GRENDEL_LIBLOG_TEST_LANG"

// TestLanguages: the line for a notification the bus did not pass on is
// in English, Dutch and German, each checked in a child process.
func TestLanguages(t *testing.T) {
	want := map[string]string{
		"en": "the desktop did not show a notification: no notification service answered on the session bus",
		"nl": "het bureaublad toonde geen melding: er reageerde geen meldingendienst op de sessiebus",
		"de": "der Desktop hat keine Benachrichtigung angezeigt: auf dem Sitzungsbus hat kein Benachrichtigungsdienst geantwortet",
	}
	l := uitest.Languages(t, "TestLanguages", envLang)
	if l == "" {
		return
	}
	var s said
	defer Install(s.say)()
	fyne.LogError("Failed to send message to bus", errBus)
	if got := s.take(); len(got) != 1 || got[0] != want[l] {
		t.Errorf("said %q, want %q", got, want[l])
	}
}
