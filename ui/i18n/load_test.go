package i18n

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

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

// englishChildEnv marks the child process of TestEnglishFromFallbacks.
const englishChildEnv = "GRENDEL_I18N_ENGLISH_CHILD"

// TestEnglishFromFallbacks checks that English, for which Load registers
// no message file, shows every text as the en files have it, and that Fyne
// logs no missing text. It runs in a child process whose locale is
// English: the language is fixed for the life of a process.
func TestEnglishFromFallbacks(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestEnglishChild$", "-test.count=1", "-test.v")
	for _, kv := range os.Environ() {
		switch strings.SplitN(kv, "=", 2)[0] {
		case "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES":
		default:
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "LANG=en_GB.UTF-8", englishChildEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: TestEnglishChild") {
		t.Fatalf("child ran no TestEnglishChild:\n%s", out)
	}
}

// TestEnglishChild runs only as TestEnglishFromFallbacks's child.
func TestEnglishChild(t *testing.T) {
	if os.Getenv(englishChildEnv) != "1" {
		t.Skip("runs as the child of TestEnglishFromFallbacks")
	}
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)
	if err := Load(); err != nil {
		t.Fatal(err)
	}
	if Language() != "en" {
		t.Fatalf("Language() = %q in the child, want en", Language())
	}
	want := usedKeys(t)
	for k, v := range computedKeys() {
		want[k] = v
	}
	en := locale(t, "en")
	for k, fallback := range want {
		if strings.Contains(fallback, "{{") {
			continue // a template: the same text either way, once filled in
		}
		if got := lang.X(k, fallback); got != en[k] {
			t.Errorf("lang.X(%q) = %q, want the en file's %q", k, got, en[k])
		}
	}
	if logged.Len() > 0 {
		t.Errorf("Fyne logged:\n%s", logged.Bytes())
	}
}
