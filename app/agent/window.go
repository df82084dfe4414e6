package agent

import (
	"slices"

	"grendel/app/ipc"
)

// Window names a window a UI process can show (`grendel ui WINDOW`); the
// agent, the window process, the tray and the CLI all name windows by
// these constants.
type Window string

// The windows.
const (
	WindowStatus    Window = "status"
	WindowWarning   Window = "warning"
	WindowPrivacy   Window = "privacy"
	WindowSettings  Window = "settings"
	WindowCheck     Window = "check"
	WindowGenerate  Window = "generate"
	WindowShares    Window = "shares"
	WindowFile      Window = "file"      // "Check a file": personal data in a CSV or XLSX file
	WindowSend      Window = "send"      // "Send a file safely": encrypt, verify, texts for e-mail and SMS
	WindowClipboard Window = "clipboard" // the clipboard helper of `grendel share show --copy`: no window
	WindowQuit      Window = "quit"      // "Quit Grendel?": confirms, and says that automatic locking stops
)

// Windows lists every window; a show request naming another is refused.
var Windows = []Window{WindowStatus, WindowWarning, WindowPrivacy, WindowSettings, WindowCheck, WindowGenerate, WindowShares, WindowFile, WindowSend, WindowClipboard, WindowQuit}

// ParseWindow returns the window named name, and whether there is one.
func ParseWindow(name string) (Window, bool) {
	w := Window(name)
	return w, slices.Contains(Windows, w)
}

// WindowNames returns the names of [Windows], for messages and help.
func WindowNames() []string {
	names := make([]string, len(Windows))
	for i, w := range Windows {
		names[i] = string(w)
	}
	return names
}

// ShowRequest is the request that asks the agent to show w.
func ShowRequest(w Window) ipc.Request {
	return ipc.Request{Op: ipc.OpShow, Window: string(w)}
}
