// Package liblog keeps what Grendel's libraries print on their own out of
// the user's way. fyne.io/systray and Fyne write to Go's standard logger:
// systray's "systray error: failed to register: …", and Fyne's
// [fyne.LogError], three lines of which the last names a file of the build
// machine's module cache ("  At: /home/…/go/pkg/mod/fyne.io/…:83"). They
// would land, untranslated, in the agent's standard error, beside
// Grendel's own translated lines.
//
// [Install] takes over the standard logger for the life of a process: each
// library report becomes at most one line of Grendel's own, translated
// ("grendel: the desktop did not show a notification …"), said once, and
// no line carries a path of the build.
//
// # What becomes of each report
//
//   - systray's "failed to register": nothing. It means that no panel
//     took the icon, which the agent already says in the user's language
//     (it watches for a panel: tray.WatchHost).
//   - any other systray error: one line saying that the tray icon may not
//     show or update.
//   - Fyne's "Failed to send message to bus" (a notification that the
//     session bus did not pass on) and "Unable to connect to session
//     D-Bus": one line saying that the desktop showed no notification.
//   - any other Fyne error: one line naming Fyne's reason; its "Cause" and
//     "At" lines are dropped.
//   - anything else: one line with the library's words, paths of Go
//     source files cut to their base name.
package liblog

import (
	"bytes"
	"io"
	"log"
	"regexp"
	"strings"
	"sync"

	"fyne.io/fyne/v2/lang"
)

// Install makes the standard logger write through a [Writer] that says
// its lines with say, and returns a function that puts back the logger's
// output and flags as they were.
func Install(say func(string)) (restore func()) {
	out, flags, prefix := log.Writer(), log.Flags(), log.Prefix()
	log.SetOutput(NewWriter(say))
	log.SetFlags(0)
	log.SetPrefix("")
	return func() {
		log.SetOutput(out)
		log.SetFlags(flags)
		log.SetPrefix(prefix)
	}
}

// Writer turns the lines libraries log into Grendel's own (see the package
// documentation). It is safe for concurrent use.
type Writer struct {
	say func(string)

	mu      sync.Mutex
	partial []byte          // the start of a line not yet ended
	inFyne  bool            // the lines that follow belong to a Fyne error
	said    map[string]bool // what was said already: each once
}

var _ io.Writer = (*Writer)(nil)

// NewWriter returns a Writer that says its lines with say.
func NewWriter(say func(string)) *Writer {
	return &Writer{say: say, said: map[string]bool{}}
}

// Write implements [io.Writer]: it takes whole lines, keeping a line's
// start until its end comes.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.partial = append(w.partial, p...)
	for {
		i := bytes.IndexByte(w.partial, '\n')
		if i < 0 {
			break
		}
		line := string(w.partial[:i])
		w.partial = w.partial[i+1:]
		w.line(line)
	}
	return len(p), nil
}

// line handles one line a library logged.
func (w *Writer) line(line string) {
	trimmed := strings.TrimSpace(line)
	switch {
	case trimmed == "":
		return
	case w.inFyne && (strings.HasPrefix(trimmed, "Cause:") || strings.HasPrefix(trimmed, "At:")):
		return
	}
	w.inFyne = false
	if reason, ok := strings.CutPrefix(trimmed, "Fyne error:"); ok {
		w.inFyne = true
		w.fyne(strings.TrimSpace(reason))
		return
	}
	if what, ok := strings.CutPrefix(trimmed, "systray error:"); ok {
		if strings.HasPrefix(strings.TrimSpace(what), "failed to register:") {
			return // the agent says in its own words that no panel shows the icon
		}
		w.once(lang.X("agent.library.tray", "the tray icon may not show or update as it should: the desktop's panel did not take a change"))
		return
	}
	w.once(lang.X("agent.library.other", "a component reported: {{.Text}}", map[string]string{"Text": StripPaths(trimmed)}))
}

// fyne handles the first line of a Fyne error.
func (w *Writer) fyne(reason string) {
	switch reason {
	case "Failed to send message to bus", "Unable to connect to session D-Bus":
		w.once(lang.X("agent.library.notification", "the desktop did not show a notification: no notification service answered on the session bus"))
	default:
		w.once(lang.X("agent.library.fyne", "the window toolkit reported a problem: {{.Reason}}", map[string]string{"Reason": StripPaths(reason)}))
	}
}

// once says text unless it was said before.
func (w *Writer) once(text string) {
	if w.said[text] {
		return
	}
	w.said[text] = true
	w.say(text)
}

// sourcePath matches a path to a Go source file, with its line number. It
// is compiled on first use: every process of the binary runs this
// package's init, and most never log a library's line.
var sourcePath = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:[A-Za-z]:)?[^\s:"']*[/\\]([^/\\\s:"']+\.go)(?::\d+)?`)
})

// StripPaths cuts every path of a Go source file in s to the file's base
// name ("/home/b/go/pkg/mod/fyne.io/fyne/v2@v2.7.1/app/app_xdg.go:83" →
// "app_xdg.go"), so that no path of the build machine is shown.
func StripPaths(s string) string {
	return sourcePath().ReplaceAllString(s, "$1")
}
