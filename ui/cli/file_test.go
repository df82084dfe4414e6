package cli

import (
	"encoding/json"
	"grendel/internal/testdir"
	"grendel/ui/exit"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpus copies a file of app/pii's test corpora into a temporary
// directory and returns its path there.
func corpus(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "app", "pii", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(testdir.New(t), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFileScan(t *testing.T) {
	isolate(t)
	nl, clean := corpus(t, "klanten_nl.csv"), corpus(t, "marketing.csv")
	out, errOut, code := run(t, processes{}, "file", "scan", nl)
	if code != exit.Personal || !strings.Contains(out, "e-mail address") || !strings.Contains(out, "t***@gmail.com") {
		t.Errorf("scan = %d, %q, %q; want exit %d and the table", code, out, errOut, exit.Personal)
	}
	if strings.Contains(out, "thijs.meijer73@gmail.com") {
		t.Error("scan printed a value unmasked")
	}
	out, _, code = run(t, processes{}, "file", "scan", clean)
	if code != exit.OK || !strings.Contains(out, "no personal data found") {
		t.Errorf("clean scan = %d, %q", code, out)
	}

	out, _, code = run(t, processes{}, "file", "scan", "--json", nl, clean)
	if code != exit.Personal {
		t.Errorf("--json exit %d, want %d", code, exit.Personal)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	var first, second map[string]any
	if err := dec.Decode(&first); err != nil {
		t.Fatal(err)
	}
	if err := dec.Decode(&second); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"file", "format", "encoding", "separator", "rows", "columns", "personal"} {
		if _, ok := first[k]; !ok {
			t.Errorf("JSON lacks %q: %v", k, first)
		}
	}
	col := first["columns"].([]any)[10].(map[string]any)
	for k, want := range map[string]any{"index": 11.0, "name": "E-mailadres", "kind": "email", "matches": 300.0, "checked": 300.0, "example": "t***@gmail.com"} {
		if col[k] != want {
			t.Errorf("column 11 %s = %v, want %v", k, col[k], want)
		}
	}
	if p := second["personal"].([]any); len(p) != 0 || second["rows"] != 300.0 || second["separator"] != ";" {
		t.Errorf("clean JSON = %v", second)
	}

	// Meaningless headers still say "Kolom11"; a file without a header
	// says "Column N".
	noHeader := filepath.Join(testdir.New(t), "x.csv")
	os.WriteFile(noHeader, []byte("jan@example.nl;12\npiet@example.nl;13\n"), 0o600)
	out, _, _ = run(t, processes{}, "file", "scan", "--json", noHeader)
	if !strings.Contains(out, `"name":"Column 1"`) {
		t.Errorf("no header: %s", out)
	}
}

func TestFileScanErrors(t *testing.T) {
	isolate(t)
	dir := testdir.New(t)
	empty := filepath.Join(dir, "leeg.csv")
	os.WriteFile(empty, nil, 0o600)
	enc := filepath.Join(dir, "geheim.xlsx")
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 4096)...)
	os.WriteFile(enc, ole, 0o600)
	for _, c := range []struct {
		file, want string
		code       int
	}{
		{empty, "the file is empty", exit.BadFile},
		{enc, "damaged", exit.BadFile},
		{filepath.Join(dir, "missing.csv"), "missing.csv", exit.Failure},
	} {
		_, errOut, code := run(t, processes{}, "file", "scan", c.file)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("scan %s = %d, %q; want %d, %q", filepath.Base(c.file), code, errOut, c.code, c.want)
		}
	}
	if _, _, code := run(t, processes{}, "file", "scan"); code != exit.Usage {
		t.Errorf("scan without a file: exit %d, want %d", code, exit.Usage)
	}
}

func TestFileCompact(t *testing.T) {
	isolate(t)
	in := corpus(t, "klanten_nl.csv")
	dir := filepath.Dir(in)
	out, errOut, code := run(t, processes{}, "file", "compact", in, "--mask", "IBAN", "--keep", "1", "--json")
	if code != exit.OK {
		t.Fatalf("compact = %d, %q", code, errOut)
	}
	var res compactJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Output != filepath.Join(dir, "klanten_nl-compact.csv") || res.Rows != 300 ||
		strings.Join(res.Masked, ",") != "IBAN" || res.Kept[0] != "Klantnummer" || len(res.Dropped) != 13 {
		t.Errorf("result = %+v", res)
	}
	b, _ := os.ReadFile(res.Output)
	if first, _, _ := strings.Cut(string(b), "\n"); first != "Klantnummer;IBAN;Segment;Omzet 2024;Aanmelddatum" {
		t.Errorf("header = %q", first)
	}
	// The output exists now: refused without --force, replaced with it.
	if _, _, code := run(t, processes{}, "file", "compact", in); code != exit.OutputExists {
		t.Errorf("existing output: exit %d, want %d", code, exit.OutputExists)
	}
	if out, _, code := run(t, processes{}, "file", "compact", in, "--force"); code != exit.OK || !strings.Contains(out, "dropped: ") {
		t.Errorf("--force: exit %d, %q", code, out)
	}
	if _, errOut, code := run(t, processes{}, "file", "compact", in, "-o", filepath.Join(dir, "x.csv"), "--keep", "Nope"); code != exit.Usage || !strings.Contains(errOut, `no column "Nope"`) {
		t.Errorf("unknown column: exit %d, %q", code, errOut)
	}
	if _, _, code := run(t, processes{}, "file", "compact", in, "-o", in, "--force"); code != exit.OutputExists {
		t.Errorf("output = input: exit %d, want %d", code, exit.OutputExists)
	}
}
