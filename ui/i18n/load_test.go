package i18n

import (
	"encoding/json"
	"io/fs"
	"reflect"
	"testing"

	"grendel/assets"
)

// TestJoinedHoldsEveryFile checks that the one message file Load registers
// for a language holds every member of that language's files, unchanged.
func TestJoinedHoldsEveryFile(t *testing.T) {
	for _, l := range Languages {
		data, err := joined(l)
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		var got map[string]any
		if err := json.Unmarshal(data, &got); err != nil {
			t.Fatalf("%s: the joined file is not one JSON object: %v", l, err)
		}
		files, _ := fs.Glob(assets.Translations, assets.TranslationsDir+"/*."+l+".json")
		want := 0
		for _, f := range files {
			raw, _ := assets.Translations.ReadFile(f)
			var one map[string]any
			if err := json.Unmarshal(raw, &one); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for k, v := range one {
				want++
				if !reflect.DeepEqual(got[k], v) {
					t.Errorf("%s: %s = %v in the joined file, want %v", f, k, got[k], v)
				}
			}
		}
		if len(got) != want || want == 0 {
			t.Errorf("%s: joined file holds %d texts, its files %d", l, len(got), want)
		}
	}
}
