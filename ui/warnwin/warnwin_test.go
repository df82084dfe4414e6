package warnwin

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestCountdown(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		left time.Duration
		want string
	}{
		{30 * time.Second, "Locking in 30 s"},
		{29*time.Second + 100*time.Millisecond, "Locking in 30 s"},
		{1500 * time.Millisecond, "Locking in 2 s"},
		{200 * time.Millisecond, "Locking in 1 s"},
		{0, "Locking…"},
		{-time.Second, "Locking…"},
	} {
		if got := Countdown(now.Add(tc.left), now); got != tc.want {
			t.Errorf("Countdown(%v left) = %q, want %q", tc.left, got, tc.want)
		}
	}
}

func TestViewLockNow(t *testing.T) {
	test.NewTempApp(t)
	locked := 0
	v := New(func() { locked++ })
	now := time.Now()
	v.Update(now.Add(12*time.Second), now)
	w := test.NewWindow(v.Content())
	defer w.Close()
	if v.count.Text != "Locking in 12 s" {
		t.Errorf("headline %q", v.count.Text)
	}
	var button *widget.Button
	test.WidgetRenderer(v.count) // the view renders
	for _, o := range test.LaidOutObjects(v.Content()) {
		if b, ok := o.(*widget.Button); ok {
			button = b
		}
	}
	if button == nil {
		t.Fatal("no Lock now button")
	}
	test.Tap(button)
	if locked != 1 {
		t.Errorf("Lock now ran %d times, want 1", locked)
	}
}
