// Package statuswin is the status window: what the resident agent is doing,
// the effective policy with where each value comes from, and any problem
// with the policy files. It only shows what the core reports.
package statuswin

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"grendel/app/agent"
	"grendel/assets"
	"grendel/policy"
	"grendel/ui/i18n"
)

// State is what the window shows: the agent's status, and whether the
// agent answered at all (if not, Status holds only the local policy).
type State struct {
	Status  agent.Status
	Running bool
}

// View is the window's content. Update it from the UI goroutine only.
type View struct {
	// summary says first what happens when this workstation is left
	// idle: locked (with what), perhaps locked, or only covered.
	summary  *widget.Label
	note     *widget.Label // the policy in force is not up to date
	facts    *widget.Form
	agentRow *widget.Label
	version  *widget.Label
	trayRow  *widget.Label
	display  *widget.Label
	fixed    int // the rows of facts that showLock leaves alone
	banner   *fyne.Container
	problems *fyne.Container
	policy   *widget.Form
	content  fyne.CanvasObject
}

// New builds the view; refresh is called by the Refresh button, close by
// Close.
func New(refresh, close func()) *View {
	v := &View{
		summary:  widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		note:     widget.NewLabel(""),
		agentRow: widget.NewLabel(""),
		version:  widget.NewLabel(""),
		trayRow:  widget.NewLabel(""),
		display:  widget.NewLabel(""),
		problems: container.NewVBox(),
	}
	v.summary.Wrapping = fyne.TextWrapWord
	v.note.Wrapping = fyne.TextWrapWord
	v.trayRow.Wrapping = fyne.TextWrapWord
	icon := canvas.NewImageFromResource(fyne.NewStaticResource("grendel.png", assets.Icon("grendel.png")))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(56, 56))
	title := widget.NewLabelWithStyle("Grendel", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	header := container.NewHBox(icon, container.NewCenter(title))

	v.facts = widget.NewForm(
		widget.NewFormItem(lang.X("status.agent", "Agent"), v.agentRow),
		widget.NewFormItem(lang.X("status.version", "Version"), v.version),
		widget.NewFormItem(lang.X("status.tray", "Tray icon"), v.trayRow),
		widget.NewFormItem(lang.X("status.display", "Display"), v.display),
	)
	v.fixed = len(v.facts.Items) // the idle watch and lock chain follow, in one column

	v.policy = widget.NewForm()
	v.banner = container.NewVBox()
	buttons := container.NewHBox(
		widget.NewButtonWithIcon(lang.X("status.refresh", "Refresh"), theme.ViewRefreshIcon(), refresh),
		widget.NewButtonWithIcon(lang.X("status.close", "Close"), theme.CancelIcon(), close),
	)
	// Wrapped labels need a width to wrap to: everything that wraps lives in
	// the scrolled middle, which the window sizes.
	body := container.NewVBox(v.summary, v.note, widget.NewSeparator(), v.facts, v.banner, v.problems,
		widget.NewLabelWithStyle(lang.X("status.policy", "Effective policy"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		v.policy)
	v.content = container.NewBorder(header, container.NewBorder(nil, nil, nil, buttons), nil, nil, container.NewVScroll(body))
	return v
}

// Content returns the window's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// Update shows s.
func (v *View) Update(s State) {
	st := s.Status
	v.note.Hide()
	if s.Running {
		idle, _ := st.Policy.Duration(policy.LockIdleTimeout)
		v.summary.SetText(i18n.Protection(st.Lock, idle))
		v.summary.Importance = protectionImportance(st.Lock)
		v.agentRow.SetText(running(st))
	} else {
		v.summary.SetText(lang.X("status.summary.not_running", "The Grendel agent is not running: this workstation is not locked automatically. Start Grendel to protect it."))
		v.summary.Importance = widget.DangerImportance
		v.agentRow.SetText(lang.X("status.agent.not_running", "not running"))
	}
	v.summary.Refresh()
	if s.Running && st.PolicyStale != nil {
		v.note.SetText(lang.X("status.summary.policy_stale", "The policy files changed at {{.Since}}, but reading them has not finished: Grendel still works with the policy from before, shown below.",
			map[string]string{"Since": st.PolicyStale.Local().Format("15:04:05")}))
		v.note.Show()
	}
	v.version.SetText(st.Version)
	switch {
	case !s.Running:
		v.trayRow.SetText("—")
	case st.Tray:
		v.trayRow.SetText(lang.X("status.tray.shown", "shown"))
	default:
		v.trayRow.SetText(lang.X("status.tray.not_shown", "not shown ({{.Reason}})", map[string]string{"Reason": st.TrayProblem}))
	}
	switch {
	case !s.Running:
		v.display.SetText("—")
	case st.Display == "":
		v.display.SetText(lang.X("status.display.none", "none"))
	default:
		v.display.SetText(st.Display)
	}

	v.showLock(st)

	v.banner.RemoveAll()
	if st.Policy.FailedClosed {
		b := widget.NewLabelWithStyle(lang.X("status.failed_closed", "A managed policy file is invalid: its keys run on strict built-in defaults until IT fixes it."),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		b.Importance = widget.DangerImportance
		b.Wrapping = fyne.TextWrapWord
		v.banner.Add(b)
	}
	v.problems.RemoveAll()
	if n := len(st.Policy.Problems); n > 0 {
		v.problems.Add(widget.NewLabelWithStyle(lang.X("status.problems", "Problems with policy files"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, p := range st.Policy.Problems {
			l := widget.NewLabel(i18n.Problem(p))
			l.Wrapping = fyne.TextWrapWord
			l.Importance = widget.WarningImportance
			v.problems.Add(l)
		}
	}
	v.showPolicy(st.Policy.Keys)
}

// showPolicy lists each key with its value and, below it, where it comes from.
func (v *View) showPolicy(keys []policy.KeyReport) {
	v.policy.Items = v.policy.Items[:0]
	// A Form renders appended items after the objects it already has:
	// refresh it first, or the first new rows show the old widgets.
	v.policy.Refresh()
	for _, k := range keys {
		value := widget.NewLabelWithStyle(k.Display, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
		value.Wrapping = fyne.TextWrapBreak
		source := widget.NewLabel(i18n.Source(k))
		source.Wrapping = fyne.TextWrapWord
		source.TextStyle = fyne.TextStyle{Italic: true}
		if k.Source == "strict-default" {
			source.Importance = widget.DangerImportance
		}
		v.policy.Append(string(k.Key), container.NewVBox(value, source))
	}
	v.policy.Refresh()
}

func running(st agent.Status) string {
	return lang.X("status.agent.running", "running since {{.Since}} (process {{.PID}})",
		map[string]string{"Since": st.Started.Local().Format("2006-01-02 15:04"), "PID": fmt.Sprint(st.PID)})
}

// protectionImportance colours the summary: plain when a locker is
// ready, a warning when the lock may or may not work, danger when the
// screen will only be covered.
func protectionImportance(l *agent.LockStatus) widget.Importance {
	switch {
	case l == nil || l.Readiness == nil:
		return widget.MediumImportance
	case l.Readiness.Verdict == agent.VerdictNone:
		return widget.DangerImportance
	case l.Readiness.Verdict == agent.VerdictMaybe || l.IdleSource == "":
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// showLock lists the idle watch and the lock chain, when the agent runs them.
func (v *View) showLock(st agent.Status) {
	v.facts.Items = v.facts.Items[:v.fixed]
	v.facts.Refresh() // as in showPolicy
	defer v.facts.Refresh()
	l := st.Lock
	if l == nil {
		return
	}
	row := func(label, text string) {
		w := widget.NewLabel(text)
		w.Wrapping = fyne.TextWrapWord
		v.facts.Append(label, w)
	}
	row(lang.X("status.state", "State"), i18n.State(l.State))
	switch {
	case l.IdleSource == "":
		row(lang.X("status.idle", "Idle watch"), lang.X("status.idle.none", "none works here: Grendel cannot lock on idle"))
	case l.IdleError != "":
		row(lang.X("status.idle", "Idle watch"), l.IdleSource+": "+l.IdleError)
	default:
		row(lang.X("status.idle", "Idle watch"), lang.X("status.idle.value", "{{.Source}}, idle for {{.Idle}}",
			map[string]string{"Source": l.IdleSource, "Idle": i18n.Idle(l.Idle)}))
	}
	chain := strings.Join(l.Methods, ", ")
	if lines := i18n.ReadinessLines(l.Readiness, ""); lines != "" {
		chain = lines // each method, and what the last look found
	}
	row(lang.X("status.methods", "Lock chain"), chain)
	if r := l.LastLock; r != nil {
		at := r.At.Local().Format("2006-01-02 15:04:05")
		text := lang.X("status.last_lock.failed", "{{.At}}: no method could be verified", map[string]string{"At": at})
		if r.Privacy {
			text = lang.X("status.last_lock.covered", "{{.At}}: screen covered, not locked (no lock method could be verified)", map[string]string{"At": at})
		}
		if r.Verified {
			text = lang.X("status.last_lock.ok", "{{.At}}: {{.Method}}, verified by {{.VerifiedBy}}",
				map[string]string{"At": at, "Method": r.Method, "VerifiedBy": r.VerifiedBy})
		}
		row(lang.X("status.last_lock", "Last lock"), text)
	}
}
