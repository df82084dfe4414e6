package filewin

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"grendel/app/pii"
	"grendel/internal/testdir"
	"grendel/ui/i18n"
	"grendel/ui/internal/uitest"
)

// checks returns the view's drop boxes by column name.
func checks(v *View) map[string]*widget.Check {
	out := map[string]*widget.Check{}
	for _, c := range v.drops {
		out[c.Text] = c
	}
	return out
}

// sync runs the window's background work at once, on the test's goroutine.
func syncConfig() Config {
	return Config{Async: func(f func()) { f() }, Do: func(f func()) { f() }}
}

// copyCorpus copies one of app/pii's generated test files into a fresh
// directory, so the export lands there.
func copyCorpus(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "app", "pii", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(testdir.New(t), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCheckAndExport(t *testing.T) {
	test.NewTempApp(t)
	in := copyCorpus(t, "klanten_nl.csv")
	w := test.NewWindow(nil)
	defer w.Close()
	v := New(syncConfig(), w, func() {})
	w.SetContent(v.Content())
	w.Resize(fyne.NewSize(1000, 700))

	v.Open(in)
	all := strings.Join(uitest.Texts(v.Content()), "\n")
	for _, want := range []string{"klanten_nl.csv: CSV", "This file holds personal data in", "e-mail address", "IBAN", "Make a compact export"} {
		if !strings.Contains(all, want) {
			t.Errorf("the window lacks %q; it shows:\n%s", want, all)
		}
	}
	// Never a full value: the corpus's e-mail addresses all hold an @ and
	// a dot after it; a masked one hides the name part.
	orig, _ := os.ReadFile(in)
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(orig), "\ufeff"))).ReadAll()
	if err == nil {
		// A cell of the corpus shown whole would be a leak.
		for _, row := range rows[1:] {
			for _, cell := range row {
				if len(cell) >= 6 && slices.Contains(uitest.Texts(v.Content()), cell) {
					t.Errorf("the window shows the cell %q in full", cell)
				}
			}
		}
	}

	boxes := checks(v)
	if len(boxes) == 0 {
		t.Fatal("no personal column to tick")
	}
	var keptName string
	for name, c := range boxes {
		if !c.Checked {
			t.Errorf("column %s is not ticked (dropped) by default", name)
		}
		if keptName == "" && strings.Contains(strings.ToLower(name), "klant") {
			keptName = name
		}
	}
	if keptName != "" {
		boxes[keptName].SetChecked(false) // keep the customer number
	}
	test.Tap(v.export)
	out := strings.TrimSuffix(in, ".csv") + "-compact.csv"
	if _, err := os.Stat(out); err != nil {
		t.Fatalf("no export at %s: %v\n%s", out, err, strings.Join(uitest.Texts(v.Content()), "\n"))
	}
	if !strings.Contains(v.result.Text, "Compact export written") || !strings.Contains(v.result.Text, out) {
		t.Errorf("result says %q", v.result.Text)
	}
	rep, err := pii.Scan(context.Background(), out, pii.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range rep.Sheets {
		for _, c := range s.Columns {
			if c.Kind.Personal() && c.Name != keptName {
				t.Errorf("the export still holds personal column %q (%s)", c.Name, c.Kind)
			}
		}
	}
	if keptName != "" && !strings.Contains(v.result.Text, keptName) {
		t.Errorf("the result does not name the kept personal column %q: %q", keptName, v.result.Text)
	}
}

func TestCleanFile(t *testing.T) {
	test.NewTempApp(t)
	v := New(syncConfig(), nil, func() {})
	v.Open(copyCorpus(t, "marketing.csv"))
	if !strings.Contains(v.verdict.Text, "No personal data found") {
		t.Errorf("verdict = %q, want a clean file", v.verdict.Text)
	}
	if !v.export.Disabled() {
		t.Error("Make a compact export is enabled for a file with no personal data")
	}
}

func TestWorkbookSheets(t *testing.T) {
	test.NewTempApp(t)
	v := New(syncConfig(), nil, func() {})
	v.Open(copyCorpus(t, "werkmap.xlsx"))
	all := strings.Join(uitest.Texts(v.Content()), "\n")
	if !strings.Contains(all, "Excel workbook, 2 sheets") || strings.Count(all, "Sheet ") < 2 {
		t.Errorf("the window does not show both sheets:\n%s", all)
	}
}

func TestBadFile(t *testing.T) {
	test.NewTempApp(t)
	p := filepath.Join(testdir.New(t), "empty.csv")
	if err := os.WriteFile(p, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	v := New(syncConfig(), nil, func() {})
	v.Open(p)
	if !strings.Contains(v.verdict.Text, "cannot be checked: the file is empty") {
		t.Errorf("verdict = %q", v.verdict.Text)
	}
	if v.choose.Disabled() {
		t.Error("Choose a file stays disabled after an error")
	}
}

// TestWorksOffTheUIGoroutine: while a scan runs, the window says so and
// lets nobody start another; the result shows when it is done.
func TestWorksOffTheUIGoroutine(t *testing.T) {
	test.NewTempApp(t)
	release := make(chan struct{})
	var mu sync.Mutex
	var pending []func()
	cfg := Config{
		Async: func(f func()) { go f() },
		Do: func(f func()) {
			mu.Lock()
			pending = append(pending, f)
			mu.Unlock()
		},
		Scan: func(ctx context.Context, path string, opts pii.Options) (*pii.Report, error) {
			<-release
			return pii.Scan(ctx, path, opts)
		},
	}
	v := New(cfg, nil, func() {})
	in := copyCorpus(t, "klanten_nl.csv")
	v.Open(in)
	if !v.choose.Disabled() || v.working.Hidden {
		t.Error("while scanning, Choose a file is enabled or no progress shows")
	}
	v.Open(in) // ignored: one at a time
	close(release)
	for done := false; !done; {
		mu.Lock()
		fs := pending
		pending = nil
		mu.Unlock()
		for _, f := range fs {
			f()
			done = v.rep != nil
		}
	}
	if v.choose.Disabled() || !strings.Contains(v.verdict.Text, "personal data") {
		t.Errorf("after the scan: choose disabled %v, verdict %q", v.choose.Disabled(), v.verdict.Text)
	}
}

// TestScreenshot draws the window with a checked file into
// $GRENDEL_SHOTS/filewin-LANG.png, in the language of LANG, for a person
// to look at; without GRENDEL_SHOTS it checks only that it draws.
func TestScreenshot(t *testing.T) {
	if err := i18n.Load(); err != nil {
		t.Fatal(err)
	}
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	v := New(syncConfig(), w, func() {})
	w.SetContent(v.Content())
	w.Resize(fyne.NewSize(900, 640))
	in := copyCorpus(t, "klanten_nl.csv")
	v.Open(in)
	checks(v)["Klantnummer"].SetChecked(false)
	test.Tap(v.export)
	uitest.Shot(t, w, "filewin", i18n.Language())
}
