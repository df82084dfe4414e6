package i18n

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"grendel/app/strength"
	"grendel/assets"
	"grendel/policy"
)

// usedKeys scans the Go sources of ui/ and main.go for lang.X("key",
// "fallback") calls, and the CLI's helpText and helpTextWith("key",
// "fallback", …), and returns key → fallback.
func usedKeys(t *testing.T) map[string]string {
	t.Helper()
	used := map[string]string{}
	var files []string
	_ = filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
			files = append(files, p)
		}
		return nil
	})
	files = append(files, "../../main.go")
	fset := token.NewFileSet()
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name := ""
			switch fun := call.Fun.(type) {
			case *ast.SelectorExpr:
				if fmt.Sprint(fun.X) == "lang" {
					name = fun.Sel.Name
				}
			case *ast.Ident:
				if fun.Name == "helpText" || fun.Name == "helpTextWith" {
					name = "X" // ui/cli's help texts, translated when help is shown
				}
			}
			if name != "X" && name != "L" {
				return true
			}
			key, ok := stringLit(call.Args[0])
			if !ok {
				return true // a computed key: checked below by its prefix
			}
			fallback := key
			if name == "X" {
				fallback, ok = stringLit(call.Args[1])
				if !ok {
					t.Errorf("%s: lang.X(%q, …) has no literal fallback", fset.Position(call.Pos()), key)
				}
			}
			if prev, seen := used[key]; seen && prev != fallback {
				t.Errorf("%s: key %q has two fallbacks: %q and %q", fset.Position(call.Pos()), key, prev, fallback)
			}
			used[key] = fallback
			return true
		})
	}
	return used
}

// stringLit evaluates a string literal or a concatenation of them.
func stringLit(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		a, okA := stringLit(x.X)
		b, okB := stringLit(x.Y)
		return a + b, okA && okB && x.Op == token.ADD
	case *ast.ParenExpr:
		return stringLit(x.X)
	}
	return "", false
}

// computedKeys are the keys built from the core's codes at run time.
func computedKeys() map[string]string {
	keys := map[string]string{}
	for code, msg := range policy.Messages {
		keys["policy.problem."+string(code)] = msg
	}
	for kind, text := range policy.KindText {
		keys["policy.kind."+kind] = text
	}
	for r, text := range policy.ReasonText {
		keys["policy.os."+r] = text
	}
	for _, w := range syntaxWhere {
		keys["policy.syntax."+w.key] = w.text
	}
	for src, text := range sourceText {
		keys["policy.source."+src] = text
	}
	for st, text := range stateText {
		keys["agent.state."+string(st)] = text
	}
	for r, text := range reasonText {
		keys["strength.reason."+string(r)] = text
	}
	for sg, text := range suggestionText {
		keys["strength.suggest."+string(sg)] = text
	}
	for code, text := range attemptText {
		keys["lock.attempt."+code] = text
	}
	for m, text := range lockerText {
		keys["lock.locker."+m] = text
	}
	for r, text := range lockReasonText {
		keys["lock.reason."+r] = text
	}
	for code, text := range vaultProblemText {
		keys["vault.problem."+string(code)] = text
	}
	for i, text := range scoreText {
		keys["strength.score."+scoreKeys[i]] = text
	}
	return keys
}

// locale reads every translation file of one locale (not Fyne's own words).
func locale(t *testing.T, l string) map[string]string {
	t.Helper()
	out := map[string]string{}
	files, _ := fs.Glob(assets.Translations, assets.TranslationsDir+"/*."+l+".json")
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "fyne.") {
			continue
		}
		data, _ := assets.Translations.ReadFile(f)
		var m map[string]string
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for k, v := range m {
			if _, dup := out[k]; dup {
				t.Errorf("%s: key %q is also in another %s file", f, k, l)
			}
			out[k] = v
		}
	}
	return out
}

func TestTranslationsComplete(t *testing.T) {
	want := usedKeys(t)
	for k, v := range computedKeys() {
		want[k] = v
	}
	for _, l := range Languages {
		have := locale(t, l)
		var missing, unused []string
		for k := range want {
			if v, ok := have[k]; !ok || strings.TrimSpace(v) == "" {
				missing = append(missing, k)
			}
		}
		for k := range have {
			if _, ok := want[k]; !ok {
				unused = append(unused, k)
			}
		}
		sort.Strings(missing)
		sort.Strings(unused)
		if len(missing) > 0 {
			t.Errorf("locale %s lacks %d keys: %s", l, len(missing), strings.Join(missing, ", "))
		}
		if len(unused) > 0 {
			t.Errorf("locale %s has %d keys no code uses: %s", l, len(unused), strings.Join(unused, ", "))
		}
		if l == "en" {
			for k, fallback := range want {
				if v, ok := have[k]; ok && v != fallback {
					t.Errorf("en %q = %q, but the code's fallback is %q", k, v, fallback)
				}
			}
		}
	}
}

// TestDutchFyneWords checks that the Dutch words for Fyne's own dialogs
// cover every key Fyne translates, so OK, Cancel and Confirm are Dutch too.
func TestDutchFyneWords(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to locate Fyne's source (the Windows build under Wine has none)")
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	if err != nil {
		t.Fatalf("locate Fyne: %v", err)
	}
	fyneEN, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "lang", "translations", "base.en.json"))
	if err != nil {
		t.Fatal(err)
	}
	var en, nl map[string]any
	if err := json.Unmarshal(fyneEN, &en); err != nil {
		t.Fatal(err)
	}
	data, err := assets.Translations.ReadFile(assets.TranslationsDir + "/fyne.nl.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &nl); err != nil {
		t.Fatal(err)
	}
	for k := range en {
		if _, ok := nl[k]; !ok {
			t.Errorf("fyne.nl.json lacks Fyne's key %q", k)
		}
	}
	for k := range nl {
		if _, ok := en[k]; !ok {
			t.Errorf("fyne.nl.json has %q, which Fyne does not use", k)
		}
	}
}

// TestEveryStrengthCodeHasText: each reason and suggestion the core can
// return has an English text, so that none renders as an empty line.
func TestEveryStrengthCodeHasText(t *testing.T) {
	for _, r := range strength.Reasons {
		if reasonText[r] == "" {
			t.Errorf("reason %q has no text", r)
		}
	}
	for _, s := range strength.Suggestions {
		if suggestionText[s] == "" {
			t.Errorf("suggestion %q has no text", s)
		}
	}
	if len(reasonText) != len(strength.Reasons) || len(suggestionText) != len(strength.Suggestions) {
		t.Errorf("texts for %d reasons and %d suggestions, want %d and %d", len(reasonText), len(suggestionText), len(strength.Reasons), len(strength.Suggestions))
	}
}
