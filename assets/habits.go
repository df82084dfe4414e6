package assets

import (
	"embed"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed habits/*.txt
var habitFS embed.FS

var (
	habitOnce  sync.Once
	habitLists map[string][]string
)

func loadHabits() {
	habitOnce.Do(func() {
		habitLists = map[string][]string{}
		files, _ := habitFS.ReadDir("habits")
		for _, f := range files {
			data, err := habitFS.ReadFile(path.Join("habits", f.Name()))
			if err != nil {
				continue
			}
			var words []string
			for _, l := range strings.Split(string(data), "\n") {
				if l = strings.TrimSpace(l); l != "" {
					words = append(words, l)
				}
			}
			habitLists[strings.TrimSuffix(f.Name(), ".txt")] = words
		}
	})
}

// HabitNames lists the hand-written lists of password habits under
// assets/habits ("work", "pets", "endearments", "holidays"), sorted.
func HabitNames() []string {
	loadHabits()
	names := make([]string, 0, len(habitLists))
	for n := range habitLists {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Habit returns the words of one list of password habits, most common
// first, or nil for an unknown name. Callers must not modify the slice.
func Habit(name string) []string {
	loadHabits()
	return habitLists[name]
}
