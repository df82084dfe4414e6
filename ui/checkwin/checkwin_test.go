package checkwin

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"grendel/app/strength"
	"grendel/ui/i18n"
)

func TestCheckView(t *testing.T) {
	test.NewTempApp(t)
	closed := 0
	v := New(strength.Default(), strength.Context{}, strength.Policy{MinScore: 3, MinLength: 12}, nil, func() { closed++ })
	w := test.NewWindow(v.Content())
	defer w.Close()
	if !v.Entry.Password {
		t.Fatal("the entry is not masked")
	}
	if v.scoreTxt.Text != "No password yet" {
		t.Errorf("empty: %q", v.scoreTxt.Text)
	}

	test.Type(v.Entry, "Welkom123")
	if v.scoreTxt.Text != "Very weak" && v.scoreTxt.Text != "Weak" {
		t.Errorf("Welkom123: %q, want weak", v.scoreTxt.Text)
	}
	if !strings.Contains(v.warnings.Text, "Greetings") || !strings.HasPrefix(v.verdict.Text, i18n.FailMark+" Too weak and too short") {
		t.Errorf("Welkom123: warnings %q, verdict %q", v.warnings.Text, v.verdict.Text)
	}
	if v.meter[0].FillColor != meterColours[v.scoreOf()] || v.meter[4].FillColor == meterColours[v.scoreOf()] {
		t.Error("the meter does not show the score")
	}
	if v.advice.Text == "" || v.crack.Text == "" {
		t.Errorf("no advice or crack time: %q %q", v.advice.Text, v.crack.Text)
	}

	v.Clear()
	test.Type(v.Entry, "mq8#Vt2!xR9k@Lp3Zw")
	if v.scoreTxt.Text != "Very strong" || !strings.HasPrefix(v.verdict.Text, i18n.PassMark+" ") || v.warnings.Text != "" {
		t.Errorf("strong: %q, %q, warnings %q", v.scoreTxt.Text, v.verdict.Text, v.warnings.Text)
	}
	for i, r := range v.meter {
		if r.FillColor != meterColours[4] {
			t.Errorf("bar %d is not green for a score of 4", i)
		}
	}
	// Nothing shows the password itself.
	for _, s := range []string{v.scoreTxt.Text, v.crack.Text, v.verdict.Text, v.warnings.Text, v.advice.Text} {
		if strings.Contains(s, "mq8#") {
			t.Errorf("a label shows the password: %q", s)
		}
	}
	v.Clear()
	if v.Entry.Text != "" || v.verdict.Text != "" {
		t.Error("Clear left text behind")
	}
}

// scoreOf returns the score the meter shows (the colour of its first bar).
func (v *View) scoreOf() int {
	for i, c := range meterColours {
		if v.meter[0].FillColor == c {
			return i
		}
	}
	return -1
}

func TestCrackText(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range strength.CrackTimes {
		if CrackText(c) == "" {
			t.Errorf("no text for %s", c)
		}
	}
}
