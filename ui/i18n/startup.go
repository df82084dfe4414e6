package i18n

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"grendel/app/agent"
	"grendel/app/autostart"
	"grendel/app/oslock"
)

// StartedByLabel names [StartedBy]. It and [AutostartLabel] and
// [OSLockLabel] label the three facts for `grendel status` and the status
// window alike.
func StartedByLabel() string { return lang.X("startup.started.label", "Started") }

// AutostartLabel names [Autostart].
func AutostartLabel() string { return lang.X("startup.autostart.label", "Starts at login") }

// OSLockLabel names [OSLock].
func OSLockLabel() string { return lang.X("startup.oslock.label", "The system's own screen lock") }

// StartedBy says how the agent was started, and whether something starts
// it again when it stops.
func StartedBy(s agent.Starter) string {
	switch s {
	case agent.StartedBySystemd:
		return lang.X("startup.started.systemd", "by its systemd user service, which starts it again if it stops")
	case agent.StartedBySupervisor:
		return lang.X("startup.started.supervisor", "by Grendel's own supervisor (from the autostart entry), which starts it again if it stops")
	case agent.StartedByHand:
		return lang.X("startup.started.manual", "by hand or by a script: nothing starts it again if it stops")
	}
	return lang.X("startup.unknown", "unknown")
}

// Autostart says whether Grendel starts at this user's login, and if not,
// why.
func Autostart(s *autostart.Status) string {
	switch {
	case s == nil:
		return lang.X("startup.unknown", "unknown")
	case s.InPlace:
		var on []string
		for _, m := range s.Methods {
			if m.State == autostart.On {
				on = append(on, autostartKind(m.Kind))
			}
		}
		return lang.X("startup.autostart.on", "yes ({{.Methods}})", map[string]string{"Methods": strings.Join(on, ", ")})
	case s.OffByUser():
		return lang.X("startup.autostart.off_by_user", "no: you switched it off (\"grendel autostart on\" switches it on again)")
	case len(s.Methods) == 0:
		return lang.X("startup.autostart.none", "no: Grendel was not installed with an autostart")
	}
	var why []string
	for _, m := range s.Methods {
		why = append(why, autostartKind(m.Kind)+": "+autostartState(m.State))
	}
	return lang.X("startup.autostart.off", "no ({{.Details}})", map[string]string{"Details": strings.Join(why, "; ")})
}

func autostartKind(k autostart.Kind) string {
	switch k {
	case autostart.KindSystemd:
		return lang.X("startup.kind.systemd", "systemd user service")
	case autostart.KindXDG:
		return lang.X("startup.kind.xdg", "autostart entry")
	case autostart.KindRunKey:
		return lang.X("startup.kind.run_key", "Run key")
	case autostart.KindTask:
		return lang.X("startup.kind.task", "scheduled task")
	case autostart.KindLaunchAgent:
		return lang.X("startup.kind.launch_agent", "LaunchAgent")
	}
	return string(k)
}

func autostartState(s autostart.State) string {
	switch s {
	case autostart.On:
		return lang.X("startup.state.on", "on")
	case autostart.OffByUser:
		return lang.X("startup.state.off_by_user", "switched off by you")
	case autostart.Off:
		return lang.X("startup.state.off", "switched off")
	case autostart.OtherDesktop:
		return lang.X("startup.state.other_desktop", "not for this desktop")
	case autostart.NoProgram:
		return lang.X("startup.state.no_program", "its program is missing")
	case autostart.SkippedUnderSystemd:
		return lang.X("startup.state.skipped", "left to the systemd user service")
	}
	return string(s)
}

// OSLock says whether the desktop's own lock is on, and whether it locks
// soon enough to stand in for Grendel when Grendel is not running.
func OSLock(s *oslock.Status) string {
	if s == nil {
		return lang.X("startup.unknown", "unknown")
	}
	desktop := s.Desktop
	if desktop == "KDE" {
		desktop = "KDE Plasma"
	}
	data := map[string]string{"Desktop": desktop, "After": Duration(s.After), "Idle": Duration(s.Limit - oslock.Margin),
		"Margin": Duration(oslock.Margin), "Limit": Duration(s.Limit)}
	switch s.Verdict {
	case oslock.Backstop:
		return lang.X("startup.oslock.ok", "on: {{.Desktop}} locks after {{.After}} without input, no later than Grendel's {{.Idle}} plus {{.Margin}}", data)
	case oslock.TooLate:
		return lang.X("startup.oslock.too_late", "too late: {{.Desktop}} locks only after {{.After}} without input; for when Grendel is not running, IT should set it to {{.Limit}} or less", data)
	case oslock.NoBackstop:
		return lang.X("startup.oslock.off", "off: {{.Desktop}} does not lock by itself, so nothing locks this workstation while Grendel is not running", data)
	}
	if s.Desktop == "GNOME" || s.Desktop == "KDE" || s.Desktop == "Windows" {
		return lang.X("startup.oslock.unreadable", "unknown: the settings of {{.Desktop}} could not be read", data)
	}
	return lang.X("startup.oslock.unknown", "unknown: Grendel cannot read the lock settings of this desktop")
}
