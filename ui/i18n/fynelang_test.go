package i18n

// Tests of the patched lang.go of Fyne that the Makefile builds with
// (third_party/fyne-lang/README.md): it is made from the pinned version's
// file, and a program built with it parses Fyne's built-in translations on
// first use, and only those of the language in use.

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/lang"
)

// TestFyneLangPatchBase checks that the version of Fyne that go.mod pins,
// and its lang/lang.go, are the ones third_party/fyne-lang/lang.go was
// made from (upstream.txt there): after an upgrade of Fyne the patch must
// be ported, or the workspace would build the new Fyne with the old file.
func TestFyneLangPatchBase(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to locate Fyne's source (the Windows build under Wine has none)")
	}
	data, err := os.ReadFile("../../third_party/fyne-lang/upstream.txt")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(data))
	if len(f) != 4 {
		t.Fatalf("upstream.txt = %q, want MODULE VERSION FILE SHA256", data)
	}
	module, version, file, sum := f[0], f[1], f[2], f[3]
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Version}} {{.Dir}}", module)
	cmd.Env = append(os.Environ(), "GOWORK=off") // the module cache's copy, not the workspace's
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -m %s: %v", module, err)
	}
	have, dir, _ := strings.Cut(strings.TrimSpace(string(out)), " ")
	if have != version {
		t.Fatalf("go.mod pins %s %s; third_party/fyne-lang/lang.go is made from %s: port the patch (its README)", module, have, version)
	}
	src, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	if h := sha256.Sum256(src); hex.EncodeToString(h[:]) != sum {
		t.Errorf("%s of %s %s has sha256 %x, upstream.txt says %s", file, module, version, h, sum)
	}
}

// fyneLangChildEnv marks the child process of TestFyneLangOnFirstUse.
const fyneLangChildEnv = "GRENDEL_FYNE_LANG_CHILD"

// fyneLangInitBudget is the most the init of Fyne's lang package may
// allocate with the patch: nothing is left in it. Upstream's parses every
// built-in translation there, about 930 kB.
const fyneLangInitBudget = 16 << 10

// TestFyneLangOnFirstUse runs this test binary again with only
// TestFyneLangChild in it, in German, under GODEBUG=inittrace=1: the init
// of lang allocates (next to) nothing, and the child checks the texts. A
// test binary built outside the workspace (go test without make) has
// upstream's lang.go, and so does the program go build makes there: the
// same texts, parsed at init; the test then only checks the texts.
func TestFyneLangOnFirstUse(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to locate Fyne's source (the Windows build under Wine has none)")
	}
	patched := strings.HasSuffix(os.Getenv("GOWORK"), filepath.Join("fyne-lang", "go.work"))
	cmd := exec.Command(os.Args[0], "-test.run=^TestFyneLangChild$", "-test.count=1", "-test.v")
	for _, kv := range os.Environ() {
		switch strings.SplitN(kv, "=", 2)[0] {
		case "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "GODEBUG":
		default:
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "LANG=de_DE.UTF-8", "GODEBUG=inittrace=1", fyneLangChildEnv+"=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("child: %v\n%s%s", err, stdout.Bytes(), stderr.Bytes())
	}
	if !strings.Contains(stdout.String(), "--- PASS: TestFyneLangChild") {
		t.Fatalf("child ran no TestFyneLangChild:\n%s", stdout.Bytes())
	}
	n, ok := initBytes(stderr.Bytes(), "fyne.io/fyne/v2/lang")
	if !ok {
		t.Fatalf("no inittrace line for fyne.io/fyne/v2/lang in the child's standard error:\n%s", stderr.Bytes())
	}
	t.Logf("init of fyne.io/fyne/v2/lang allocated %d bytes", n)
	switch {
	case !patched:
		t.Logf("built outside the workspace of third_party/fyne-lang (GOWORK=%q), with upstream's lang.go: its init is not checked", os.Getenv("GOWORK"))
	case n > fyneLangInitBudget:
		t.Errorf("init of fyne.io/fyne/v2/lang allocated %d bytes, want at most %d: is the workspace's lang.go still the patched one?", n, fyneLangInitBudget)
	}
}

// initBytes returns what GODEBUG=inittrace=1 says the init of pkg
// allocated: "init PKG @T ms, C ms clock, B bytes, A allocs".
func initBytes(trace []byte, pkg string) (int, bool) {
	sc := bufio.NewScanner(bytes.NewReader(trace))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 9 || f[0] != "init" || f[1] != pkg {
			continue
		}
		for i := 2; i+1 < len(f); i++ {
			if strings.TrimSuffix(f[i+1], ",") == "bytes" {
				n, err := strconv.Atoi(f[i])
				return n, err == nil
			}
		}
	}
	return 0, false
}

// TestFyneLangChild runs only as TestFyneLangOnFirstUse's child, in German:
// goroutines use lang for the first time at once (run with -race) and all
// get Fyne's German words; after Load (Grendel's German texts) they still
// do, and Grendel's texts are German too.
func TestFyneLangChild(t *testing.T) {
	if os.Getenv(fyneLangChildEnv) != "1" {
		t.Skip("runs as the child of TestFyneLangOnFirstUse")
	}
	de := fyneWords(t, "de")
	keys := []string{"Cancel", "Confirm", "Error", "OK", "Save", "Yes"}
	const n = 8
	start := make(chan struct{})
	got := make([][]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for _, k := range keys {
				got[i] = append(got[i], lang.L(k))
			}
		}()
	}
	close(start)
	wg.Wait()
	for i := range n {
		for j, k := range keys {
			if got[i][j] != de[k] || de[k] == "" {
				t.Errorf("goroutine %d: lang.L(%q) = %q, want Fyne's German %q", i, k, got[i][j], de[k])
			}
		}
	}
	if err := Load(); err != nil {
		t.Fatal(err)
	}
	if got := lang.L("Cancel"); got != de["Cancel"] {
		t.Errorf("after Load: lang.L(%q) = %q, want %q", "Cancel", got, de["Cancel"])
	}
	want := locale(t, "de")["cli.version.short"]
	if got := lang.X("cli.version.short", "Print Grendel's version"); got != want || want == "" {
		t.Errorf("after Load: lang.X(%q) = %q, want the de file's %q", "cli.version.short", got, want)
	}
}

// fyneWords returns the single texts (no plural forms) of Fyne's built-in
// translation of language l, read from the pinned version in the module
// cache.
func fyneWords(t *testing.T, l string) map[string]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2")
	cmd.Env = append(os.Environ(), "GOWORK=off")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("locate Fyne: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "lang", "translations", "base."+l+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]any // plural forms are objects
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatal(err)
	}
	words := map[string]string{}
	for k, v := range all {
		if s, ok := v.(string); ok {
			words[k] = s
		}
	}
	return words
}
