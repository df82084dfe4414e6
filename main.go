// Command grendel is Grendel: with no arguments the resident agent (tray,
// policy, idle watch), with `ui WINDOW` a window, and otherwise a command
// for scripts and IT; package cli picks which. See README.md.
package main

import (
	"fmt"
	"io"
	"log"
	"os"

	"github.com/jezek/xgb"

	"grendel/internal/procargs"

	"grendel/ui/cli"
	"grendel/ui/i18n"
	"grendel/ui/liblog"
	"grendel/ui/startgc"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	// First: copies of the arguments, so that the command line others see
	// (ps, the journal's _CMDLINE) may leave out what the user typed
	// (package cli shows the command's words alone).
	args := procargs.Take()
	// xgb reports every X connection made without an Xauthority entry (as
	// under Xvfb, or with xhost access) on stderr; that is no problem of
	// the user's. X errors that matter come back as errors.
	xgb.Logger = log.New(io.Discard, "", 0)
	if err := i18n.Load(); err != nil {
		fmt.Fprintf(os.Stderr, "grendel: translations: %v\n", err)
	}
	// systray and Fyne log on their own through the standard logger, in
	// English and with paths of the build; each of their reports becomes
	// one translated line of Grendel's, or none (ui/liblog).
	liblog.Install(func(s string) { fmt.Fprintf(os.Stderr, "grendel: %s\n", s) })
	// The start is over: soon (startgc.Settle) the collector runs at the
	// process's GOGC again.
	startgc.Done()
	os.Exit(cli.Run(args, version, os.Stdin, os.Stdout, os.Stderr))
}
