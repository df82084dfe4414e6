package resident

import "fyne.io/fyne/v2/lang"

// noTrayMessage says that the agent runs on without a tray icon (why
// tells the reason). Windows has no signal to stop it with, and the tray's
// Quit is the one way to end it that its supervisor respects, so it names
// none.
func noTrayMessage(why string) string {
	return lang.X("agent.no_tray_windows", "no tray icon ({{.Error}}); Grendel keeps running without one: \"grendel status\" shows what it does", map[string]string{"Error": why})
}
