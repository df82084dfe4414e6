// Package statuswin is the status window: what happens when this
// workstation is left idle, in plain words; what the resident agent is
// doing; the settings that matter most, each with who set it; buttons to
// the other windows (on a desktop without a tray this window is the only
// way in) and to start the agent when it is not running; and, behind
// Details, the effective policy key by key with where each value comes
// from. It only shows what the core reports.
package statuswin

import (
	"fmt"
	"strings"
	"time"

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

// Actions are what the window's buttons do. Each is called on the UI
// goroutine; nil leaves its button out.
type Actions struct {
	// Refresh asks the agent again.
	Refresh func()
	// Close closes the window.
	Close func()
	// Open opens another of Grendel's windows.
	Open func(agent.Window)
	// Start starts the agent, as `grendel` with no arguments does, and
	// returns once it has started it (not once it answers).
	Start func() error
}

// startWait is how long Start stays disabled after starting the agent,
// while the window waits for it to answer.
const startWait = 10 * time.Second

// View is the window's content. Update it from the UI goroutine only.
type View struct {
	actions Actions
	now     func() time.Time

	// summary says first what happens when this workstation is left
	// idle: locked (with what), perhaps locked, or only covered.
	summary  *widget.Label
	start    *widget.Button // Start Grendel, while the agent is not running
	starting time.Time      // when Start started the agent; zero if it did not
	note     *widget.Label  // the policy in force is not up to date, or the agent is starting
	failure  *widget.Label  // starting the agent or opening a window failed
	// facts holds, in one column, the main settings in words (rules),
	// the agent (head), what the idle lock does, and the rest (tail).
	facts    *widget.Form
	rules    []*widget.FormItem
	head     []*widget.FormItem
	tail     []*widget.FormItem
	agentRow *widget.Label
	version  *widget.Label
	trayRow  *widget.Label
	display  *widget.Label
	// started, autostart and osLock say how the agent was started,
	// whether Grendel starts at login, and the system's own lock.
	started   *widget.Label
	autostart *widget.Label
	osLock    *widget.Label
	banner    *fyne.Container
	problems  *fyne.Container
	policy    *widget.Form
	content   fyne.CanvasObject
}

// wrapping returns a label that wraps at word boundaries.
func wrapping() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	return l
}

// New builds the view; its buttons do what a says.
func New(a Actions) *View {
	v := &View{
		actions:   a,
		now:       time.Now,
		summary:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		note:      wrapping(),
		failure:   wrapping(),
		agentRow:  widget.NewLabel(""),
		version:   widget.NewLabel(""),
		trayRow:   wrapping(),
		display:   widget.NewLabel(""),
		problems:  container.NewVBox(),
		started:   wrapping(),
		autostart: wrapping(),
		osLock:    wrapping(),
	}
	v.summary.Wrapping = fyne.TextWrapWord
	v.failure.Importance = widget.DangerImportance
	icon := canvas.NewImageFromResource(fyne.NewStaticResource("grendel.png", assets.Icon("grendel.png")))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(56, 56))
	title := widget.NewLabelWithStyle("Grendel", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	header := container.NewHBox(icon, container.NewCenter(title))

	v.start = widget.NewButtonWithIcon(lang.X("status.start", "Start Grendel"), theme.MediaPlayIcon(), v.startAgent)
	v.start.Importance = widget.HighImportance
	v.start.Hide()
	if a.Start == nil {
		v.start = nil
	}

	for _, r := range rules {
		v.rules = append(v.rules, widget.NewFormItem(r.label(), wrapping()))
	}
	v.head = []*widget.FormItem{widget.NewFormItem(lang.X("status.agent", "Agent"), v.agentRow)}
	v.tail = []*widget.FormItem{
		widget.NewFormItem(i18n.OSLockLabel(), v.osLock),
		widget.NewFormItem(i18n.StartedByLabel(), v.started),
		widget.NewFormItem(i18n.AutostartLabel(), v.autostart),
		widget.NewFormItem(lang.X("status.tray", "Tray icon"), v.trayRow),
		widget.NewFormItem(lang.X("status.display", "Display"), v.display),
		widget.NewFormItem(lang.X("status.version", "Version"), v.version),
	}
	v.facts = widget.NewForm()

	v.policy = widget.NewForm()
	v.banner = container.NewVBox()
	details := widget.NewAccordion(widget.NewAccordionItem(lang.X("status.details", "Details"),
		container.NewVBox(
			widget.NewLabelWithStyle(lang.X("status.policy", "Effective policy"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			v.policy)))

	top := container.NewVBox(v.summary)
	if v.start != nil {
		top.Add(container.NewHBox(v.start))
	}
	top.Add(v.note)
	if windows := v.windowButtons(); windows != nil {
		top.Add(windows)
	}
	top.Add(v.failure)
	v.note.Hide()
	v.failure.Hide()

	var buttons []fyne.CanvasObject
	if a.Refresh != nil {
		buttons = append(buttons, widget.NewButtonWithIcon(lang.X("status.refresh", "Refresh"), theme.ViewRefreshIcon(), a.Refresh))
	}
	if a.Close != nil {
		buttons = append(buttons, widget.NewButtonWithIcon(lang.X("status.close", "Close"), theme.WindowCloseIcon(), a.Close))
	}
	// Wrapped labels need a width to wrap to: everything that wraps lives in
	// the scrolled middle, which the window sizes.
	body := container.NewVBox(top, widget.NewSeparator(), v.facts, v.banner, v.problems, details)
	v.content = container.NewBorder(header, container.NewBorder(nil, nil, nil, container.NewHBox(buttons...)), nil, nil, container.NewVScroll(body))
	return v
}

// windowButtons returns the buttons that open Grendel's other windows,
// nil when the view has no Open action.
func (v *View) windowButtons() fyne.CanvasObject {
	if v.actions.Open == nil {
		return nil
	}
	open := func(w agent.Window) func() { return func() { v.actions.Open(w) } }
	return container.NewHBox(
		widget.NewButtonWithIcon(lang.X("status.open.check", "Check a password"), theme.SearchIcon(), open(agent.WindowCheck)),
		widget.NewButtonWithIcon(lang.X("status.open.generate", "Generate a password"), theme.ViewRefreshIcon(), open(agent.WindowGenerate)),
		widget.NewButtonWithIcon(lang.X("status.open.shares", "Share passwords"), theme.AccountIcon(), open(agent.WindowShares)),
		widget.NewButtonWithIcon(lang.X("status.open.settings", "Settings"), theme.SettingsIcon(), open(agent.WindowSettings)),
	)
}

// startAgent starts the agent and waits for it to answer; the next update
// that finds it running hides the button.
func (v *View) startAgent() {
	if err := v.actions.Start(); err != nil {
		v.Fail(lang.X("status.start.failed", "Grendel could not be started: {{.Error}}", map[string]string{"Error": err.Error()}))
		return
	}
	v.failure.Hide()
	v.starting = v.now()
	v.start.Disable()
	v.note.SetText(lang.X("status.starting", "Starting Grendel…"))
	v.note.Show()
	if v.actions.Refresh != nil {
		v.actions.Refresh()
	}
}

// Fail shows text, a problem with a button's action, until the next one
// succeeds.
func (v *View) Fail(text string) {
	v.failure.SetText(text)
	v.failure.Show()
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
	v.showStart(s.Running)
	if s.Running && st.PolicyStale != nil {
		v.note.SetText(lang.X("status.summary.policy_stale", "The policy files changed at {{.Since}}, but reading them has not finished: Grendel still works with the policy from before, shown below.",
			map[string]string{"Since": i18n.ClockSeconds(st.PolicyStale.Local())}))
		v.note.Show()
	}
	v.showRules(st.Policy.Keys)
	v.version.SetText(st.Version)
	switch {
	case !s.Running:
		v.trayRow.SetText("—")
	case st.Tray:
		v.trayRow.SetText(lang.X("status.tray.shown", "shown"))
	case st.TrayProblem == "":
		v.trayRow.SetText(lang.X("status.tray.not_shown_plain", "not shown"))
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
	v.showStartup(s)

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

// showStartup shows how the agent was started, whether Grendel starts at
// login, and the system's own lock; "—" for what the agent did not say.
func (v *View) showStartup(s State) {
	st := s.Status
	started, auto, osLock := "—", "—", "—"
	if s.Running && st.StartedBy != "" {
		started = i18n.StartedBy(st.StartedBy)
	}
	if s.Running && st.Autostart != nil {
		auto = i18n.Autostart(st.Autostart)
	}
	if s.Running && st.OSLock != nil {
		osLock = i18n.OSLock(st.OSLock)
	}
	v.started.SetText(started)
	v.autostart.SetText(auto)
	v.osLock.SetText(osLock)
}

// showStart shows Start Grendel while the agent is not running; for a
// while after it started the agent, disabled, with a note.
func (v *View) showStart(running bool) {
	if v.start == nil {
		return
	}
	waiting := !v.starting.IsZero() && v.now().Sub(v.starting) < startWait
	switch {
	case running:
		v.start.Hide()
		v.starting = time.Time{}
	case waiting:
		v.start.Show()
		v.start.Disable()
		v.note.SetText(lang.X("status.starting", "Starting Grendel…"))
		v.note.Show()
	default:
		v.start.Show()
		v.start.Enable()
		v.starting = time.Time{}
	}
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
		map[string]string{"Since": i18n.DateTime(st.Started.Local()), "PID": fmt.Sprint(st.PID)})
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

// showLock lists the idle watch and the lock chain, when the agent runs
// them, among the other facts.
func (v *View) showLock(st agent.Status) {
	var lock []*widget.FormItem
	defer func() {
		v.facts.Items = v.facts.Items[:0]
		v.facts.Refresh() // as in showPolicy
		for _, items := range [][]*widget.FormItem{v.rules, v.head, lock, v.tail} {
			for _, it := range items {
				v.facts.AppendItem(it)
			}
		}
		v.facts.Refresh()
	}()
	l := st.Lock
	if l == nil {
		return
	}
	row := func(label, text string) {
		w := widget.NewLabel(text)
		w.Wrapping = fyne.TextWrapWord
		lock = append(lock, widget.NewFormItem(label, w))
	}
	row(lang.X("status.state", "State"), i18n.State(l.State))
	switch {
	case l.IdleSource == "":
		row(lang.X("status.idle", "Idle watch"), lang.X("status.idle.none", "none works here: Grendel cannot lock on idle"))
	case l.IdleError != "":
		row(lang.X("status.idle", "Idle watch"), l.IdleSource+": "+l.IdleError)
	default:
		row(lang.X("status.idle", "Idle watch"), idleText(l.IdleSource, l.Idle))
	}
	chain := strings.Join(l.Methods, ", ")
	if lines := i18n.ReadinessLines(l.Readiness, ""); lines != "" {
		chain = lines // each method, and what the last look found
	}
	row(lang.X("status.methods", "Lock chain"), chain)
	if r := l.LastLock; r != nil {
		at := i18n.DateTimeSeconds(r.At.Local())
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
