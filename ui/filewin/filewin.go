// Package filewin is the "Check a file" window: the user picks a CSV or
// XLSX file (or drops it on the window), Grendel tells, column by column,
// what personal data it holds, with a masked example each (app/pii), and
// "Make a compact export" writes a copy without the columns the user
// leaves ticked. Reading and writing run off the UI goroutine, with a
// progress bar; the window never shows a full value from the file.
package filewin

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"grendel/app/pii"
	"grendel/app/tabular"
	"grendel/ui/i18n"
	"grendel/ui/internal/confirm"
	"grendel/ui/internal/escape"
)

// Config is what the window needs from its surroundings; the zero value
// of each field means the real thing.
type Config struct {
	// Scan reads a file; nil means [pii.Scan].
	Scan func(ctx context.Context, path string, opts pii.Options) (*pii.Report, error)
	// Compact writes an export; nil means [pii.Compact].
	Compact func(ctx context.Context, rep *pii.Report, opts pii.CompactOptions) (*pii.Result, error)
	// Async runs f off the UI goroutine; nil means a new goroutine.
	Async func(f func())
	// Do runs f on the UI goroutine; nil means fyne.Do.
	Do func(f func())
}

// View is the window's content. Use it from the UI goroutine only, except
// where a method says otherwise.
type View struct {
	cfg    Config
	win    fyne.Window
	ctx    context.Context
	cancel context.CancelFunc

	intro    *widget.Label
	choose   *widget.Button
	fileInfo *widget.Label
	progress *widget.ProgressBar
	working  *widget.ProgressBarInfinite
	verdict  *widget.Label
	columns  *fyne.Container
	body     *fyne.Container
	export   *widget.Button
	result   *widget.Label
	content  fyne.CanvasObject

	rep   *pii.Report
	drops map[pii.Ref]*widget.Check
	// close stops the work and closes the window, as the Close button.
	close func()
	busy  bool
}

// New builds the view for win; close runs when the user presses Close.
// Files dropped on win are checked.
func New(cfg Config, win fyne.Window, close func()) *View {
	if cfg.Scan == nil {
		cfg.Scan = pii.Scan
	}
	if cfg.Compact == nil {
		cfg.Compact = pii.Compact
	}
	if cfg.Async == nil {
		cfg.Async = func(f func()) { go f() }
	}
	if cfg.Do == nil {
		cfg.Do = fyne.Do
	}
	v := &View{cfg: cfg, win: win}
	v.ctx, v.cancel = context.WithCancel(context.Background())

	v.intro = widget.NewLabel(lang.X("filewin.intro", "Check which personal data a CSV or Excel file holds before it leaves, and make a compact export without it. Drop a file on this window, or choose one. The file is read here, on this computer, and never changed."))
	v.intro.Wrapping = fyne.TextWrapWord
	v.choose = widget.NewButtonWithIcon(lang.X("filewin.choose", "Choose a file…"), theme.FolderOpenIcon(), v.pick)
	v.fileInfo = widget.NewLabel("")
	v.fileInfo.Wrapping = fyne.TextWrapWord
	v.progress = widget.NewProgressBar()
	v.progress.Hide()
	v.working = widget.NewProgressBarInfinite()
	v.working.Stop()
	v.working.Hide()
	v.verdict = widget.NewLabel("")
	v.verdict.Wrapping = fyne.TextWrapWord
	v.verdict.TextStyle = fyne.TextStyle{Bold: true}
	v.columns = container.NewVBox()
	v.export = widget.NewButtonWithIcon(lang.X("filewin.export", "Make a compact export"), theme.DocumentSaveIcon(), v.Export)
	v.export.Importance = widget.HighImportance
	v.export.Disable()
	v.result = widget.NewLabel("")
	v.result.Wrapping = fyne.TextWrapWord

	v.close = func() {
		v.cancel()
		close()
	}
	closeBtn := widget.NewButtonWithIcon(lang.X("filewin.close", "Close"), theme.WindowCloseIcon(), v.close)
	// Everything that wraps lives in the scrolled column, which gives it
	// the window's width; only the buttons stay put below.
	v.body = container.NewVBox(v.intro, container.NewHBox(v.choose), v.fileInfo, v.progress, v.working, v.verdict, v.columns, v.result)
	v.content = container.NewBorder(nil, container.NewHBox(v.export, closeBtn), nil, nil, container.NewVScroll(v.body))
	if win != nil {
		win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
			for _, u := range uris {
				if u.Scheme() == "file" {
					v.Open(u.Path())
					return
				}
			}
		})
	}
	return v
}

// Content returns the window's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// Close stops any work under way.
func (v *View) Close() { v.cancel() }

// pick shows Fyne's file dialog for CSV and XLSX files.
func (v *View) pick() {
	if v.win == nil {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		v.Open(path)
	}, v.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt", ".xlsx", ".xlsm"}))
	d.Show()
}

// setBusy shows that work runs, and keeps the user from starting more.
func (v *View) setBusy(b bool) {
	v.busy = b
	if b {
		v.choose.Disable()
		v.export.Disable()
		return
	}
	v.choose.Enable()
	v.progress.Hide()
	v.working.Stop()
	v.working.Hide()
	if v.rep != nil && v.rep.Personal() {
		v.export.Enable()
	}
	v.relayout()
}

// relayout lays the column out again after texts changed: a wrapped
// label's height depends on its text, and the column must follow.
func (v *View) relayout() {
	v.body.Refresh()
}

// progressFunc returns a pii progress callback that shows on the window.
// It is called from the working goroutine.
func (v *View) progressFunc() func(pii.Progress) {
	return func(p pii.Progress) {
		v.cfg.Do(func() {
			if p.Total > 0 {
				v.working.Stop()
				v.working.Hide()
				v.progress.Show()
				v.progress.SetValue(float64(p.Done) / float64(p.Total))
			}
		})
	}
}

// Open checks the file at path, off the UI goroutine.
func (v *View) Open(path string) {
	if v.busy {
		return
	}
	v.setBusy(true)
	v.rep = nil
	v.columns.RemoveAll()
	v.result.SetText("")
	v.verdict.SetText("")
	v.fileInfo.SetText(lang.X("filewin.reading", "Reading {{.File}}…", map[string]string{"File": filepath.Base(path)}))
	v.working.Show()
	v.working.Start()
	opts := pii.Options{Progress: v.progressFunc()}
	v.cfg.Async(func() {
		rep, err := v.cfg.Scan(v.ctx, path, opts)
		v.cfg.Do(func() {
			if errors.Is(err, context.Canceled) {
				return
			}
			v.setBusy(false)
			if err != nil {
				v.fileInfo.SetText(filepath.Base(path))
				v.verdict.SetText(lang.X("filewin.error", "This file cannot be checked: {{.Error}}", map[string]string{"Error": i18n.FileError(err)}))
				v.verdict.Importance = widget.DangerImportance
				v.verdict.Refresh()
				v.relayout()
				return
			}
			v.show(rep)
		})
	})
}

// show puts a report on the window.
func (v *View) show(rep *pii.Report) {
	v.rep = rep
	v.drops = map[pii.Ref]*widget.Check{}
	v.fileInfo.SetText(describeFile(rep))
	personal := countPersonal(rep)
	kinds := personalKinds(rep)
	if personal == 0 {
		v.verdict.SetText(lang.X("filewin.clean", "No personal data found in this file."))
		v.verdict.Importance = widget.SuccessImportance
	} else {
		v.verdict.SetText(lang.X("filewin.personal", "This file holds personal data in {{.Count}} of its {{.Total}} columns: {{.Kinds}}. Send only what the recipient needs: leave the ticked columns out with a compact export.",
			map[string]string{"Count": strconv.Itoa(personal), "Total": strconv.Itoa(countColumns(rep)), "Kinds": strings.Join(kinds, ", ")}))
		v.verdict.Importance = widget.WarningImportance
	}
	v.verdict.Refresh()
	v.columns.RemoveAll()
	for si, s := range rep.Sheets {
		if len(rep.Sheets) > 1 {
			v.columns.Add(widget.NewLabelWithStyle(lang.X("filewin.sheet", "Sheet {{.Name}} ({{.Rows}} rows)",
				map[string]string{"Name": s.Name, "Rows": strconv.FormatInt(s.Rows, 10)}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		}
		grid := container.NewGridWithColumns(4,
			bold(lang.X("filewin.col.column", "Column")), bold(lang.X("filewin.col.kind", "Personal data")),
			bold(lang.X("filewin.col.share", "Cells that match")), bold(lang.X("filewin.col.example", "Example (masked)")))
		for _, c := range s.Columns {
			var name fyne.CanvasObject
			if c.Kind.Personal() {
				// A clicked check box keeps the focus, and with it Escape.
				check := escape.NewCheck(i18n.ColumnName(c), nil)
				check.OnEscape = v.close
				check.SetChecked(true)
				v.drops[pii.Ref{Sheet: si, Index: c.Index}] = &check.Check
				name = check
			} else {
				name = widget.NewLabel(i18n.ColumnName(c))
			}
			share := "—"
			if c.Checked > 0 {
				share = lang.X("filewin.share", "{{.Matches}} of {{.Checked}}", map[string]string{"Matches": strconv.Itoa(c.Matches), "Checked": strconv.Itoa(c.Checked)})
			}
			kind := widget.NewLabel(i18n.Kind(c.Kind))
			if c.Kind.Personal() {
				kind.Importance = widget.WarningImportance
			}
			grid.Add(name)
			grid.Add(kind)
			grid.Add(widget.NewLabel(share))
			grid.Add(widget.NewLabel(c.Example))
		}
		v.columns.Add(grid)
	}
	if personal > 0 {
		v.columns.Add(widget.NewLabel(lang.X("filewin.tick", "Ticked columns are left out of the compact export; untick a column to keep it as it is.")))
		v.export.Enable()
	} else {
		v.export.Disable()
	}
	v.relayout()
}

// Export writes the compact export beside the file: without the ticked
// columns, keeping the rest. An existing export is replaced only after
// the user agrees.
func (v *View) Export() {
	if v.rep == nil || v.busy {
		return
	}
	out := i18n.CompactName(v.rep.File)
	v.exportTo(out, false)
}

func (v *View) exportTo(out string, force bool) {
	actions := map[pii.Ref]pii.Action{}
	for ref, check := range v.drops {
		if !check.Checked {
			actions[ref] = pii.Keep
		}
	}
	rep := v.rep
	v.setBusy(true)
	v.result.SetText(lang.X("filewin.writing", "Writing the compact export…"))
	v.working.Show()
	v.working.Start()
	opts := pii.CompactOptions{Options: pii.Options{Progress: v.progressFunc()}, Output: out, Force: force, Actions: actions}
	v.cfg.Async(func() {
		res, err := v.cfg.Compact(v.ctx, rep, opts)
		v.cfg.Do(func() {
			if errors.Is(err, context.Canceled) {
				return
			}
			v.setBusy(false)
			switch {
			case errors.Is(err, tabular.ErrExists) && !force && v.win != nil:
				v.result.SetText("")
				confirm.Show(v.win, lang.X("filewin.replace.title", "Replace the export?"),
					lang.X("filewin.replace", "{{.File}} exists already. Replace it with a new compact export?", map[string]string{"File": filepath.Base(out)}),
					lang.X("filewin.replace.do", "Replace"), true, func() { v.exportTo(out, true) })
			case err != nil:
				v.result.SetText(lang.X("filewin.export_failed", "The compact export was not written: {{.Error}}", map[string]string{"Error": i18n.FileError(err)}))
				v.result.Importance = widget.DangerImportance
				v.result.Refresh()
				v.relayout()
			default:
				v.result.SetText(describeResult(res))
				v.result.Importance = widget.SuccessImportance
				v.result.Refresh()
				v.relayout()
			}
		})
	})
}

// describeFile says what the file is: name, format, encoding, separator,
// rows.
func describeFile(rep *pii.Report) string {
	data := map[string]string{"File": filepath.Base(rep.File), "Rows": strconv.FormatInt(rep.Rows(), 10),
		"Encoding": i18n.FileEncoding(rep.Info), "Separator": separator(rep.Info), "Sheets": strconv.Itoa(len(rep.Sheets))}
	if rep.Info.Format == tabular.XLSX {
		return lang.X("filewin.about_xlsx", "{{.File}}: Excel workbook, {{.Sheets}} sheets, {{.Rows}} rows", data)
	}
	return lang.X("filewin.about_csv", "{{.File}}: CSV, {{.Encoding}}, separated by {{.Separator}}, {{.Rows}} rows", data)
}

// describeResult says what the export holds and where it is.
func describeResult(res *pii.Result) string {
	var dropped, kept []string
	for _, d := range res.Decisions {
		switch d.Action {
		case pii.Drop:
			dropped = append(dropped, i18n.ColumnName(d.Column))
		case pii.Keep:
			if d.Column.Kind.Personal() {
				kept = append(kept, i18n.ColumnName(d.Column))
			}
		}
	}
	text := lang.X("filewin.written", "Compact export written: {{.Output}} ({{.Rows}} rows). Left out: {{.Dropped}}.",
		map[string]string{"Output": res.Output, "Rows": strconv.FormatInt(res.Rows, 10), "Dropped": strings.Join(dropped, ", ")})
	if len(kept) > 0 {
		text += " " + lang.X("filewin.kept_personal", "Kept at your request, and still personal data: {{.Kept}}.", map[string]string{"Kept": strings.Join(kept, ", ")})
	}
	return text
}

// countPersonal counts the columns of rep that hold personal data.
func countPersonal(rep *pii.Report) int {
	n := 0
	for _, s := range rep.Sheets {
		for _, c := range s.Columns {
			if c.Kind.Personal() {
				n++
			}
		}
	}
	return n
}

// personalKinds lists the kinds of personal data rep holds, each once, in
// the order of the columns.
func personalKinds(rep *pii.Report) []string {
	var kinds []string
	seen := map[pii.Kind]bool{}
	for _, s := range rep.Sheets {
		for _, c := range s.Columns {
			if c.Kind.Personal() && !seen[c.Kind] {
				seen[c.Kind] = true
				kinds = append(kinds, i18n.Kind(c.Kind))
			}
		}
	}
	return kinds
}

func countColumns(rep *pii.Report) int {
	n := 0
	for _, s := range rep.Sheets {
		n += len(s.Columns)
	}
	return n
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// separator names a CSV file's separator for people: "tab" in words, any
// other as the character in quotes.
func separator(info tabular.Info) string {
	if info.Separator == '\t' {
		return lang.X("filewin.tab", "tabs")
	}
	return "“" + info.SeparatorName() + "”"
}
