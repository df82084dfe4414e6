package confirm

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"grendel/ui/internal/uitest"
)

// TestShow: the buttons say the action and Cancel, never Yes or No; the
// action runs only when confirmed.
func TestShow(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	done := 0
	d := Show(w, "Delete this share?", "It is gone for good.", "Delete", true, func() { done++ })
	texts := uitest.Texts(w.Canvas().Overlays().Top())
	if !slices.Contains(texts, "Delete") || !slices.Contains(texts, "Cancel") || slices.Contains(texts, "Yes") || slices.Contains(texts, "No") {
		t.Errorf("the dialog shows %q; want Delete and Cancel, no Yes or No", texts)
	}
	d.Dismiss()
	if done != 0 {
		t.Errorf("Cancel ran the action")
	}
	Show(w, "New password?", "…", "New password", false, func() { done++ }).Confirm()
	if done != 1 {
		t.Errorf("confirming ran the action %d times, want 1", done)
	}
}
