package assets

import (
	"bytes"
	"encoding/json"
	"image/png"
	"io/fs"
	"strings"
	"testing"
)

func TestIconsDecode(t *testing.T) {
	for _, name := range []string{"grendel.png", "tray.png", "tray-warning.png"} {
		img, err := png.Decode(bytes.NewReader(Icon(name)))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if b := img.Bounds(); b.Dx() != b.Dy() || b.Dx() < 64 {
			t.Errorf("%s is %v, want a square of at least 64 px", name, b)
		}
	}
}

func TestIconPanicsOnUnknownName(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Icon(\"nope.png\") did not panic")
		}
	}()
	Icon("nope.png")
}

// TestTranslationFiles checks that every translation file is a flat JSON
// object of non-empty strings named [area.]locale.json for en, nl or de.
func TestTranslationFiles(t *testing.T) {
	files, err := fs.Glob(Translations, TranslationsDir+"/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no translation files: %v", err)
	}
	for _, f := range files {
		parts := strings.Split(strings.TrimSuffix(f[len(TranslationsDir)+1:], ".json"), ".")
		if loc := parts[len(parts)-1]; loc != "en" && loc != "nl" && loc != "de" {
			t.Errorf("%s: locale %q is not en, nl or de", f, loc)
		}
		data, _ := Translations.ReadFile(f)
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Errorf("%s: %v", f, err)
		}
		for k, v := range m {
			if s, ok := v.(string); ok && strings.TrimSpace(s) == "" {
				t.Errorf("%s: %q is empty", f, k)
			}
		}
	}
}
