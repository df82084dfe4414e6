package sendfile

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode"

	"grendel/assets"
)

// particles may stand between a first and a last name.
var particles = map[string]bool{
	"van": true, "de": true, "der": true, "den": true, "het": true, "ter": true, "ten": true, "te": true,
	"von": true, "zu": true, "vom": true, "zum": true, "la": true, "le": true, "da": true, "di": true, "del": true,
}

var nameLists = sync.OnceValues(func() (first, last map[string]bool) {
	first, last = map[string]bool{}, map[string]bool{}
	for _, l := range []string{"nl", "de", "en"} {
		for _, w := range assets.Dictionary("firstnames_" + l) {
			first[w] = true
		}
		for _, w := range assets.Dictionary("lastnames_" + l) {
			last[w] = true
		}
	}
	return first, last
})

// PersonalName reports whether a file name (without its folder) looks
// like it holds a person's name or e-mail address: an "@", or a first name
// followed, perhaps after particles such as "van der", by a last name
// ("Jan de Vries.csv", "offerte_anna_jansen.pdf"). Entry names in a ZIP
// can be read without the password.
func PersonalName(name string) bool {
	name = filepath.Base(name)
	if strings.Contains(name, "@") {
		return true
	}
	name = strings.TrimSuffix(name, filepath.Ext(name))
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return !unicode.IsLetter(r) })
	first, last := nameLists()
	for i, w := range words {
		if len(w) < 2 || !first[w] {
			continue
		}
		j := i + 1
		for j < len(words) && particles[words[j]] {
			j++
		}
		if j < len(words) && len(words[j]) >= 2 && (last[words[j]] || last[strings.Join(words[i+1:j+1], "")]) {
			return true
		}
	}
	return false
}

// anyPersonalName reports whether the name of any input, or of any file
// or folder inside a folder input, looks personal.
func anyPersonalName(inputs []input) bool {
	for _, in := range inputs {
		if PersonalName(in.path) {
			return true
		}
		if in.info.IsDir() && treeHasPersonalName(in.path) {
			return true
		}
	}
	return false
}

// treeHasPersonalName walks the folder at dir (without following links)
// and reports whether a name in it looks personal.
func treeHasPersonalName(dir string) bool {
	found := false
	_ = filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
		if err == nil && PersonalName(p) {
			found = true
			return filepath.SkipAll
		}
		return nil
	})
	return found
}
