//go:build !windows

package resident

import "fyne.io/fyne/v2/lang"

// noTrayMessage says that the agent runs on without a tray icon (why
// tells the reason) and how to stop it: with SIGTERM.
func noTrayMessage(why string) string {
	return lang.X("agent.no_tray", "no tray icon ({{.Error}}); Grendel keeps running without one: use \"grendel status\", and stop it with SIGTERM", map[string]string{"Error": why})
}
