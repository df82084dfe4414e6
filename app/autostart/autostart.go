// Package autostart tells whether Grendel starts at this user's login, and
// switches that off and on again for the user.
//
// # What counts
//
// On Linux two mechanisms start Grendel, both installed by its packages
// (scripts/package):
//
//   - the systemd user unit grendel.service, enabled for every user by the
//     link graphical-session.target.wants/grendel.service beside it in
//     /usr/lib/systemd/user; read from the unit search path
//     ([UnitState]), not with `systemctl --user is-enabled`, which calls
//     a unit enabled by such a vendor link "disabled" (systemd 252);
//   - the XDG autostart entry grendel.desktop in /etc/xdg/autostart, for
//     desktops without systemd user sessions, evaluated as the XDG
//     Autostart specification says ([EntryState]): the file in the most
//     important directory wins, Hidden=true disables it, OnlyShowIn and
//     NotShowIn against $XDG_CURRENT_DESKTOP, TryExec must name an
//     installed program.
//
// On Windows the Run value in HKLM or HKCU (and Explorer's StartupApproved
// switch for it) or a scheduled task; on macOS a LaunchAgent property list.
//
// # Switching off
//
// [Linux.Off] writes ~/.config/autostart/grendel.desktop with Hidden=true,
// which hides the system entry for this user, and masks the unit for the
// user (`systemctl --user mask grendel.service`: a link to /dev/null in
// ~/.config/systemd/user). `systemctl --user disable` would not do: it
// removes only the links in the user's own directory, and the package's
// link in /usr/lib/systemd/user stays and starts the unit at the next
// login. [Linux.On] removes both again. Whether the user may do this at
// all (app.allow_quit) is the caller's decision.
package autostart

// Kind names a mechanism that starts programs at login.
type Kind string

// The kinds of [Method].
const (
	// KindSystemd: the systemd user unit grendel.service.
	KindSystemd Kind = "systemd"
	// KindXDG: the XDG autostart entry grendel.desktop.
	KindXDG Kind = "xdg"
	// KindRunKey: a value under Windows' Run key (HKLM or HKCU).
	KindRunKey Kind = "run-key"
	// KindTask: a Windows scheduled task started at logon.
	KindTask Kind = "task"
	// KindLaunchAgent: a macOS LaunchAgent property list.
	KindLaunchAgent Kind = "launch-agent"
)

// State is what a mechanism does for Grendel at this user's next login.
type State string

// The states of a [Method].
const (
	// On: it starts Grendel.
	On State = "on"
	// OffByUser: the user switched it off (a Hidden=true copy in the
	// user's autostart directory, a mask in the user's unit directory,
	// Explorer's startup switch).
	OffByUser State = "off-by-user"
	// Off: installed but not switched on for anyone (a unit nothing
	// wants, a system entry with Hidden=true, a mask by the administrator).
	Off State = "off"
	// OtherDesktop: the entry's OnlyShowIn or NotShowIn leaves out the
	// current desktop.
	OtherDesktop State = "other-desktop"
	// NoProgram: the entry's TryExec names a program that is not installed.
	NoProgram State = "no-program"
	// SkippedUnderSystemd: the entry says X-systemd-skip and the session
	// is systemd's, which starts the unit instead (here not on).
	SkippedUnderSystemd State = "skipped-under-systemd"
)

// Method is one mechanism that knows Grendel, with its state.
type Method struct {
	Kind  Kind  `json:"kind"`
	State State `json:"state"`
	// Path is the file, registry value or task that decides.
	Path string `json:"path,omitempty"`
}

// Status is whether Grendel starts at this user's login.
type Status struct {
	// InPlace is true when at least one method starts Grendel.
	InPlace bool `json:"in_place"`
	// Methods are the mechanisms installed for Grendel; none when no
	// package put any in place (a build run by hand).
	Methods []Method `json:"methods,omitempty"`
	// Error says why the state could not be read in full (English, for
	// support); the methods are what could be read.
	Error string `json:"error,omitempty"`
}

// status makes a Status of methods.
func status(methods []Method) Status {
	st := Status{Methods: methods}
	for _, m := range methods {
		if m.State == On {
			st.InPlace = true
		}
	}
	return st
}

// OffByUser reports whether the user switched some method off.
func (s Status) OffByUser() bool {
	for _, m := range s.Methods {
		if m.State == OffByUser {
			return true
		}
	}
	return false
}
