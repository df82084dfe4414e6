package pii

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"grendel/app/tabular"
	"grendel/app/vault"
	"grendel/internal/testdir"
)

var testKey = NewKey([]byte("0123456789abcdef0123456789abcdef"))

func compact(t *testing.T, file string, actions map[Ref]Action, key Key) (*Report, *Result, string) {
	t.Helper()
	rep, err := Scan(context.Background(), filepath.Join("testdata", file), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(testdir.New(t), "out"+filepath.Ext(file))
	res, err := Compact(context.Background(), rep, CompactOptions{Options: testOpts, Output: out, Actions: actions, Key: key})
	if err != nil {
		t.Fatal(err)
	}
	return rep, res, out
}

// pythonCheck is the independent reader: it reads the input and the
// output with Python's csv module or openpyxl, and checks that the output
// has the input's rows, the columns in plan, and kept columns unchanged.
const pythonCheck = `
import csv, json, sys
inp, out, fmt, enc, sep, plan = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], json.loads(sys.argv[6])
def sheets(path):
    if fmt == "xlsx":
        import openpyxl
        wb = openpyxl.load_workbook(path)
        return [[list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets], wb.sheetnames
    with open(path, newline="", encoding=enc) as f:
        return [[r for r in csv.reader(f, delimiter=sep) if r]], [""]
a, an = sheets(inp)
b, bn = sheets(out)
problems = []
if an != bn: problems.append("sheets %r != %r" % (an, bn))
for si, cols in enumerate(plan):
    ra, rb = a[si], b[si]
    if len(ra) != len(rb): problems.append("sheet %d: %d rows, want %d" % (si, len(rb), len(ra)))
    written = [(i, act) for i, act in enumerate(cols) if act != "drop"]
    for r, (x, y) in enumerate(zip(ra, rb)):
        y = list(y) + [None] * (len(written) - len(y))
        if len(y) != len(written): problems.append("row %d: %d columns, want %d" % (r, len(y), len(written))); break
        for j, (i, act) in enumerate(written):
            xv = x[i] if i < len(x) else None
            if act == "keep" and (xv or None) != (y[j] or None):
                problems.append("sheet %d row %d column %d: %r, want %r" % (si, r, i + 1, y[j], xv))
            if act in ("mask", "pseudonymise") and r > 0 and xv and xv == y[j]:
                problems.append("sheet %d row %d column %d: not changed" % (si, r, i + 1))
print(json.dumps(problems[:10]))
`

// python is Debian's python3 (with python3-openpyxl) when there is one,
// else the first python3 on PATH.
func python() string {
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		return "/usr/bin/python3"
	}
	return "python3"
}

// independentCheck runs pythonCheck; it skips when python3 (or openpyxl
// for a workbook) is missing, except on CI (CI=true), where it fails.
func independentCheck(t *testing.T, in, out string, rep *Report, res *Result) {
	t.Helper()
	need := "import csv"
	if rep.Info.Format == tabular.XLSX {
		need = "import openpyxl"
	}
	if err := exec.Command(python(), "-c", need).Run(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3 with %q is needed for the independent check (scripts/install-deps.sh installs python3-openpyxl): %v", need, err)
		}
		t.Skipf("no independent reader: python3 -c %q failed (%v); scripts/install-deps.sh installs python3 and python3-openpyxl", need, err)
	}
	var plan [][]Action
	for _, s := range rep.Sheets {
		var acts []Action
		for _, d := range res.Decisions {
			if d.Sheet == s.Name {
				acts = append(acts, d.Action)
			}
		}
		plan = append(plan, acts)
	}
	planJSON, _ := json.Marshal(plan)
	enc := map[tabular.Encoding]string{tabular.UTF8: "utf-8", tabular.Windows1252: "cp1252", tabular.UTF16LE: "utf-16", tabular.UTF16BE: "utf-16"}[rep.Info.Encoding]
	if rep.Info.BOM && rep.Info.Encoding == tabular.UTF8 {
		enc = "utf-8-sig"
	}
	sep := string(rep.Info.Separator)
	if rep.Info.Separator == 0 {
		sep = "," // a workbook has none
	}
	cmd := exec.Command(python(), "-c", pythonCheck, in, out, string(rep.Info.Format), enc, sep, string(planJSON))
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, b)
	}
	var problems []string
	if err := json.Unmarshal(b, &problems); err != nil {
		t.Fatalf("python3 said %s", b)
	}
	for _, p := range problems {
		t.Error("independent reader: " + p)
	}
}

func TestCompactRoundTrip(t *testing.T) {
	for _, c := range corpora {
		if c.file == "marketing.csv" {
			continue
		}
		t.Run(c.file, func(t *testing.T) {
			rep, res, out := compact(t, c.file, nil, Key{})
			// Same format, encoding, BOM, separator, line endings.
			f, err := tabular.Open(out, tabular.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			info := f.Info()
			f.Close()
			if info.Encoding == tabular.UTF8 && rep.Info.Encoding == tabular.Windows1252 && ascii(t, out) {
				info.Encoding = tabular.Windows1252 // the same bytes
			}
			if info.Format != rep.Info.Format || info.Encoding != rep.Info.Encoding || info.BOM != rep.Info.BOM ||
				info.Separator != rep.Info.Separator || info.CRLF != rep.Info.CRLF || len(info.Sheets) != len(rep.Info.Sheets) {
				t.Errorf("output info %+v, input %+v", info, rep.Info)
			}
			if res.Rows != rep.Rows() {
				t.Errorf("wrote %d rows, want %d", res.Rows, rep.Rows())
			}
			again, err := Scan(context.Background(), out, testOpts)
			if err != nil {
				t.Fatal(err)
			}
			if again.Personal() {
				t.Errorf("the export still holds personal data: %+v", again.Sheets)
			}
			independentCheck(t, filepath.Join("testdata", c.file), out, rep, res)
		})
	}
}

// ascii reports whether the file at name is ASCII, which reads the same in
// UTF-8 and Windows-1252.
func ascii(t *testing.T, name string) bool {
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// TestCompactActions: kept, masked and pseudonymised columns, checked by
// the independent reader too.
func TestCompactActions(t *testing.T) {
	for _, file := range []string{"klanten_nl.csv", "werkmap.xlsx"} {
		t.Run(file, func(t *testing.T) {
			rep, _ := Scan(context.Background(), filepath.Join("testdata", file), testOpts)
			pick := func(sel string) Ref {
				refs, err := Select(rep, sel)
				if err != nil {
					t.Fatal(err)
				}
				return refs[0]
			}
			actions := map[Ref]Action{pick("Klantnummer"): Keep, pick("2"): Pseudonymise}
			if file == "klanten_nl.csv" {
				actions[pick("iban")] = MaskIt
				actions[pick("Geboortedatum")] = MaskIt
				actions[pick("E-mailadres")] = Pseudonymise
			}
			rep, res, out := compact(t, file, actions, testKey)
			independentCheck(t, filepath.Join("testdata", file), out, rep, res)
		})
	}
}

func TestPseudonyms(t *testing.T) {
	other := NewKey([]byte("another key, another token stream"))
	if a, b := testKey.Pseudonym(Email, "Jan@Example.nl "), testKey.Pseudonym(Email, "jan@example.nl"); a != b {
		t.Errorf("same address, tokens %q and %q", a, b)
	}
	if a, b := testKey.Pseudonym(IBAN, "NL91ABNA0417164300"), other.Pseudonym(IBAN, "NL91ABNA0417164300"); a == b {
		t.Errorf("another key gave the same token %q", a)
	}
	// Stable across two runs of the export.
	actions := func(rep *Report) map[Ref]Action {
		refs, _ := Select(rep, "E-mailadres")
		return map[Ref]Action{refs[0]: Pseudonymise}
	}
	run := func(key Key) string {
		rep, _ := Scan(context.Background(), filepath.Join("testdata", "klanten_nl.csv"), testOpts)
		_, _, out := compact(t, "klanten_nl.csv", actions(rep), key)
		b, _ := os.ReadFile(out)
		return string(b)
	}
	first, second, third := run(testKey), run(testKey), run(other)
	if first != second {
		t.Error("two runs with one key wrote different files")
	}
	if first == third {
		t.Error("another key wrote the same file")
	}
	if fmt := testKey.String() + " " + strings.TrimSpace(testKey.GoString()); strings.Contains(fmt, "0123") {
		t.Errorf("the key prints: %s", fmt)
	}
}

func TestLoadKey(t *testing.T) {
	kc := &vault.MapKeychain{}
	k1, err := LoadKey(kc)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := LoadKey(kc)
	if err != nil {
		t.Fatal(err)
	}
	if k1.Pseudonym(Email, "a@b.nl") != k2.Pseudonym(Email, "a@b.nl") {
		t.Error("the key changed between loads")
	}
}

// TestCompactRefuses: a kept column that still holds e-mail addresses past
// the sample, an existing output, a full disk.
func TestCompactRefuses(t *testing.T) {
	dir := testdir.New(t)
	in := filepath.Join(dir, "in.csv")
	var b strings.Builder
	b.WriteString("Segment;Toelichting\n")
	for i := range 3000 {
		note := "geen"
		if i == 2500 {
			note = "zie jan.jansen@example.nl"
		}
		b.WriteString("Gold;" + note + "\n")
	}
	b.WriteString("Gold;geen\n")
	os.WriteFile(in, []byte(b.String()), 0o600)
	rep, err := Scan(context.Background(), in, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	// "Toelichting" is a notes header: free text, dropped. Keep the
	// column as none to see the quick check catch the address.
	rep.Sheets[0].Columns[1].Kind = None
	out := filepath.Join(dir, "out.csv")
	_, err = Compact(context.Background(), rep, CompactOptions{Options: testOpts, Output: out})
	var still *StillPersonalError
	if !errors.As(err, &still) || still.Columns[0].Column.Index != 2 {
		t.Errorf("err = %v, want StillPersonalError for column 2", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused export left its output")
	}

	os.WriteFile(out, []byte("old"), 0o600)
	rep, _ = Scan(context.Background(), in, testOpts)
	if _, err := Compact(context.Background(), rep, CompactOptions{Options: testOpts, Output: out}); !errors.Is(err, tabular.ErrExists) {
		t.Errorf("existing output: err = %v, want ErrExists", err)
	}
	full := func(io.Writer) io.Writer { return failWriter{} }
	if _, err := Compact(context.Background(), rep, CompactOptions{Options: testOpts, Output: filepath.Join(dir, "full.csv"), Wrap: full}); !errors.Is(err, tabular.ErrWrite) {
		t.Errorf("full disk: err = %v, want ErrWrite", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d files left in the directory, want 2", len(entries))
	}
	if _, err := Compact(context.Background(), rep, CompactOptions{Options: testOpts, Output: filepath.Join(dir, "p.csv"),
		Actions: map[Ref]Action{{0, 1}: Pseudonymise}}); !errors.Is(err, ErrNoKey) {
		t.Errorf("no key: err = %v, want ErrNoKey", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestCompactFullDisk writes onto a real, tiny tmpfs (as root, where mount
// works); the failing writer of TestCompactRefuses covers the rest.
func TestCompactFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root; TestCompactRefuses simulates a full disk with a failing writer")
	}
	dir := testdir.New(t)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (%v: %s); TestCompactRefuses simulates a full disk", err, out)
	}
	defer exec.Command("umount", dir).Run()
	rep, err := Scan(context.Background(), filepath.Join("testdata", "klanten_nl.csv"), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Compact(context.Background(), rep, CompactOptions{Options: testOpts, Output: filepath.Join(dir, "out.csv")})
	if !errors.Is(err, tabular.ErrWrite) {
		t.Errorf("err = %v, want ErrWrite", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the full disk holds %d files after the failed export", len(entries))
	}
}
