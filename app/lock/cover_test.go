package lock

import "testing"

func TestCovers(t *testing.T) {
	screen := rect{0, 0, 1280, 800}
	left, right := rect{0, 0, 1920, 1080}, rect{1920, 0, 3200, 1024}
	tests := []struct {
		name       string
		need, have []rect
		want       bool
	}{
		{"one window, whole screen", []rect{screen}, []rect{screen}, true},
		{"bigger than the screen", []rect{screen}, []rect{{-10, -10, 2000, 2000}}, true},
		{"one pixel short", []rect{screen}, []rect{{0, 0, 1280, 799}}, false},
		{"a menu", []rect{screen}, []rect{{100, 100, 300, 400}}, false},
		{"nothing on top", []rect{screen}, nil, false},
		{"two halves", []rect{screen}, []rect{{0, 0, 640, 800}, {640, 0, 1280, 800}}, true},
		{"two halves with a gap", []rect{screen}, []rect{{0, 0, 639, 800}, {640, 0, 1280, 800}}, false},
		{"overlapping pieces", []rect{screen}, []rect{{0, 0, 1280, 500}, {500, 300, 1280, 800}, {0, 400, 600, 800}}, true},
		{"L-shaped hole", []rect{screen}, []rect{{0, 0, 1000, 500}, {500, 300, 1280, 800}}, false},
		{"two monitors, one window each", []rect{left, right}, []rect{left, right}, true},
		{"two monitors, dead area uncovered is fine", []rect{left, right}, []rect{{0, 0, 1920, 1080}, {1920, 0, 3200, 1024}}, true},
		{"two monitors, one uncovered", []rect{left, right}, []rect{left}, false},
		{"mirrored monitors", []rect{screen, screen}, []rect{screen}, true},
		{"no monitor", nil, []rect{screen}, false},
		{"empty monitor", []rect{{5, 5, 5, 9}}, []rect{screen}, false},
		{"empty windows ignored", []rect{screen}, []rect{{0, 0, 0, 0}, screen}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := covers(tc.need, tc.have); got != tc.want {
				t.Errorf("covers(%v, %v) = %v, want %v", tc.need, tc.have, got, tc.want)
			}
		})
	}
}
