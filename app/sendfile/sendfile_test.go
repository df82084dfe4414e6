package sendfile

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"grendel/app/aeszip"
	"grendel/app/officecrypt"
	"grendel/app/secret"
	"grendel/app/vault"
	"grendel/internal/testdir"
)

// tool returns the path of an independent tool, or skips the test (fails
// with CI=true) when scripts/install-deps.sh has not installed it.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		why := name + " is not installed (scripts/install-deps.sh installs " + pkg + ")"
		if os.Getenv("CI") == "true" {
			t.Fatal(why)
		}
		t.Skip(why)
	}
	return p
}

// testVault is a share vault on an in-memory keychain.
func testVault(t *testing.T) (*vault.Vault, *vault.MapKeychain) { return testVaultB(t) }

func testVaultB(t testing.TB) (*vault.Vault, *vault.MapKeychain) {
	t.Helper()
	kc := &vault.MapKeychain{}
	v, _, err := vault.Open(vault.Config{Dir: testdir.New(t), Keychain: kc, MaxAge: 24 * 3600e9})
	if err != nil {
		t.Fatal(err)
	}
	return v, kc
}

func writeFile(t testing.TB, path string, data []byte) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// ooxml returns a small valid-looking OOXML package (a ZIP) of about n
// bytes of incompressible-enough content.
func ooxml(t *testing.T, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("[Content_Types].xml")
	w.Write([]byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`))
	w, _ = zw.CreateHeader(&zip.FileHeader{Name: "xl/data.bin", Method: zip.Store})
	b := make([]byte, n)
	x := uint64(88172645463325252)
	for i := range b {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		b[i] = byte(x)
	}
	w.Write(b)
	zw.Close()
	return buf.Bytes()
}

// files lists the names in dir.
func files(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestEncryptOffice(t *testing.T) {
	v, kc := testVault(t)
	dir := testdir.New(t)
	pkg := ooxml(t, 64<<10)
	in := writeFile(t, filepath.Join(dir, "klanten.xlsx"), pkg)
	var stages []Stage
	res, err := Encrypt(context.Background(), []string{in}, Options{Shares: v, Recipient: "mailhuis.nl", Channel: vault.ChannelPhone,
		Progress: func(p Progress) {
			if len(stages) == 0 || stages[len(stages)-1] != p.Stage {
				stages = append(stages, p.Stage)
			}
		}})
	if err != nil {
		t.Fatalf("Encrypt = %v", err)
	}
	if res.Kind != KindOffice || res.Output != filepath.Join(dir, "klanten-protected.xlsx") {
		t.Errorf("Kind, Output = %s, %s", res.Kind, res.Output)
	}
	if !slices.Equal(stages, []Stage{StageEncrypt, StageVerify}) {
		t.Errorf("stages %v", stages)
	}
	for i, c := range res.Checks {
		if c.Check != Checks[i] || !c.OK {
			t.Errorf("check %d = %+v, want %s passed", i, c, Checks[i])
		}
	}
	if len(res.Checks) != len(Checks) {
		t.Errorf("%d checks, want %d", len(res.Checks), len(Checks))
	}
	if res.Entropy < DefaultMinBits || res.Share.Entropy != res.Entropy || res.Share.Typed {
		t.Errorf("entropy %.1f, share %+v", res.Entropy, res.Share)
	}
	if res.Share.Label != "klanten-protected.xlsx" || res.Share.Recipient != "mailhuis.nl" || res.Share.Channel != vault.ChannelPhone {
		t.Errorf("share %+v", res.Share)
	}
	stored, _ := kc.Get(vault.Service, res.Share.ID)
	if stored != res.Password.Reveal() {
		t.Error("the keychain holds another password than the file's")
	}
	f, _ := os.Open(res.Output)
	defer f.Close()
	var got bytes.Buffer
	if err := officecrypt.Decrypt(f, res.Size, stored, &got); err != nil || !bytes.Equal(got.Bytes(), pkg) {
		t.Errorf("Decrypt = %v, same %v", err, bytes.Equal(got.Bytes(), pkg))
	}
	if names := files(t, dir); !slices.Equal(names, []string{"klanten-protected.xlsx", "klanten.xlsx"}) {
		t.Errorf("folder holds %v", names)
	}
	// Never over an existing file.
	_, err = Encrypt(context.Background(), []string{in}, Options{Shares: v})
	if !errors.Is(err, ErrExists) {
		t.Errorf("second Encrypt = %v, want ErrExists", err)
	}
	if list, _ := v.List(); len(list) != 1 {
		t.Errorf("%d shares, want 1", len(list))
	}
}

// TestVerificationFailureLeavesNothing: a corrupted output fails its check,
// and there is neither an output nor a share nor a temporary file.
func TestVerificationFailureLeavesNothing(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		data   []byte
		format Format
		flip   func(size int64) int64
		want   Check
	}{
		{"office payload", "a.docx", nil, Auto, func(s int64) int64 { return s / 2 }, CheckOpens},
		{"zip payload", "a.bin", []byte(strings.Repeat("secret data ", 5000)), Auto, func(s int64) int64 { return 200 }, CheckOpens},
		{"office header", "a.pptx", nil, Auto, func(int64) int64 { return 0 }, CheckEncrypted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, _ := testVault(t)
			dir := testdir.New(t)
			data := tt.data
			if data == nil {
				data = ooxml(t, 20000)
			}
			in := writeFile(t, filepath.Join(dir, tt.file), data)
			_, err := Encrypt(context.Background(), []string{in}, Options{Shares: v, Format: tt.format, tamper: func(p string) error {
				b, _ := os.ReadFile(p)
				b[tt.flip(int64(len(b)))] ^= 0x55
				return os.WriteFile(p, b, 0o600)
			}})
			var ve *VerifyError
			if !errors.As(err, &ve) || ve.Check != tt.want || !errors.Is(err, ErrVerify) {
				t.Fatalf("Encrypt = %v, want a VerifyError of %s", err, tt.want)
			}
			if names := files(t, dir); !slices.Equal(names, []string{tt.file}) {
				t.Errorf("folder holds %v, want only the input", names)
			}
			if list, _ := v.List(); len(list) != 0 {
				t.Errorf("%d shares after a failed check", len(list))
			}
		})
	}
}

// TestPlaintextFound: an output that holds the input as it is fails
// CheckNoPlaintext (an unencrypted package, or input windows anywhere).
func TestPlaintextFound(t *testing.T) {
	dir := testdir.New(t)
	in := ooxml(t, 50000)
	s := newSample()
	s.noZipStart = true
	if err := s.addBytes(in); err != nil {
		t.Fatal(err)
	}
	// at is the offset of the k-th window the sample took.
	at := func(k int) int { return k * (len(in) - window) / (perInput - 1) }
	unrelated := make([]byte, 100000)
	for i := range unrelated {
		unrelated[i] = byte(i*7 + i/251)
	}
	for _, tc := range []struct {
		name string
		out  []byte
		want bool
	}{
		{"the package itself", in, true},
		{"a window deep inside", append(append(bytes.Repeat([]byte{0xd0}, 1<<20+17), in[at(2000):at(2000)+40]...), 1, 2, 3), true},
		{"across a read boundary", append(append(bytes.Repeat([]byte{7}, 1<<20+31-10), in[at(3000):at(3000)+32]...), 9), true},
		{"unrelated bytes", unrelated, false},
		{"padding only", make([]byte, 100000), false},
	} {
		path := writeFile(t, filepath.Join(dir, tc.name), tc.out)
		f, _ := os.Open(path)
		err := noPlaintext(f, s)
		f.Close()
		if got := errors.Is(err, errPlaintext); got != tc.want {
			t.Errorf("%s: noPlaintext = %v, want plaintext found %v", tc.name, err, tc.want)
		}
	}
}

func TestEncryptZip(t *testing.T) {
	v, kc := testVault(t)
	dir := testdir.New(t)
	folder := filepath.Join(dir, "Kampagne")
	writeFile(t, filepath.Join(folder, "a.txt"), []byte(strings.Repeat("Hallo Welt ", 1000)))
	writeFile(t, filepath.Join(folder, "sub", "b.bin"), ooxml(t, 5000))
	if err := os.MkdirAll(filepath.Join(folder, "empty"), 0o700); err != nil {
		t.Fatal(err)
	}
	res, err := Encrypt(context.Background(), []string{folder}, Options{Shares: v})
	if err != nil {
		t.Fatalf("Encrypt = %v", err)
	}
	if res.Kind != KindZip || res.Output != filepath.Join(dir, "Kampagne-protected.zip") || res.Neutral {
		t.Errorf("Kind, Output, Neutral = %s, %s, %v", res.Kind, res.Output, res.Neutral)
	}
	pw, _ := kc.Get(vault.Service, res.Share.ID)
	f, _ := os.Open(res.Output)
	defer f.Close()
	sums, err := aeszip.Verify(f, res.Size, pw, aeszip.Limits{})
	if err != nil || len(sums) != len(res.Entries) {
		t.Fatalf("Verify = %d entries, %v; want %d", len(sums), err, len(res.Entries))
	}
	// Without -p, 7zz asks for the password ("Enter password") and reads
	// it from its standard input, also when that is a pipe: so the
	// password never stands in its arguments, where ps would show it.
	z7 := tool(t, "7zz", "7zip")
	test7zz := func(pw string) ([]byte, error) {
		cmd := exec.Command(z7, "t", res.Output)
		cmd.Stdin = strings.NewReader(pw + "\n")
		return cmd.CombinedOutput()
	}
	if out, err := test7zz(pw); err != nil || !bytes.Contains(out, []byte("Everything is Ok")) {
		t.Errorf("7zz t: %v\n%s", err, out)
	}
	if out, err := test7zz("wrong"); err == nil || !bytes.Contains(out, []byte("Wrong password")) {
		t.Errorf("7zz t with a wrong password: %v\n%s", err, out)
	}
}

// TestNeutralNames: a file named after a person goes into the ZIP under a
// neutral name unless the caller keeps the names.
func TestNeutralNames(t *testing.T) {
	v, _ := testVault(t)
	dir := testdir.New(t)
	a := writeFile(t, filepath.Join(dir, "Jan de Vries.txt"), []byte("x"))
	b := writeFile(t, filepath.Join(dir, "offerte.txt"), []byte("y"))
	res, err := Encrypt(context.Background(), []string{a, b}, Options{Shares: v})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Neutral || res.Output != filepath.Join(dir, "files-protected.zip") {
		t.Fatalf("Neutral, Output = %v, %s", res.Neutral, res.Output)
	}
	for _, e := range res.Entries {
		if strings.Contains(e.Stored, "Vries") || strings.Contains(e.Stored, "offerte") {
			t.Errorf("entry %q is stored under its own name", e.Name)
		}
	}
	res, err = Encrypt(context.Background(), []string{a, b}, Options{Shares: v, Names: NamesOwn, Output: filepath.Join(dir, "own.zip")})
	if err != nil || res.Neutral || res.Entries[0].Stored != "Jan de Vries.txt" {
		t.Errorf("NamesOwn: %v, %+v", err, res)
	}
}

// TestOutputName: the default name takes the caller's words (English
// without them), and refuses words that cannot stand in a file name.
func TestOutputName(t *testing.T) {
	dir := testdir.New(t)
	folder := filepath.Join(dir, "Kampagne")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	nl := Naming{Suffix: "beveiligd", Files: "bestanden"}
	de := Naming{Suffix: "geschützt", Files: "Dateien"}
	for _, tt := range []struct {
		inputs []string
		kind   Kind
		n      Naming
		want   string
	}{
		{[]string{"klanten.xlsx"}, KindOffice, Naming{}, "klanten-protected.xlsx"},
		{[]string{"klanten.csv"}, KindWorkbook, Naming{}, "klanten-protected.xlsx"},
		{[]string{"klanten.csv"}, KindWorkbook, nl, "klanten-beveiligd.xlsx"},
		{[]string{"Kündigungen.csv"}, KindWorkbook, de, "Kündigungen-geschützt.xlsx"},
		{[]string{"offerte.pdf"}, KindPDF, nl, "offerte-beveiligd.pdf"},
		{[]string{"offerte.pdf"}, KindZip, de, "offerte-geschützt.zip"},
		{[]string{"a.txt", "b.txt"}, KindZip, Naming{}, "files-protected.zip"},
		{[]string{"a.txt", "b.txt"}, KindZip, nl, "bestanden-beveiligd.zip"},
		{[]string{"a.txt", "b.txt"}, KindZip, de, "Dateien-geschützt.zip"},
		{[]string{folder}, KindZip, de, "Kampagne-geschützt.zip"},
		{[]string{"a.txt", "b.txt"}, KindZip, Naming{Suffix: "beveiligd"}, "files-beveiligd.zip"},
		// Words that cannot stand in a file name are replaced by English.
		{[]string{"a.txt"}, KindZip, Naming{Suffix: "../../etc"}, "a-protected.zip"},
		{[]string{"a.txt"}, KindZip, Naming{Suffix: `a\b`}, "a-protected.zip"},
		{[]string{"a.txt"}, KindZip, Naming{Suffix: "a:b"}, "a-protected.zip"},
		{[]string{"a.txt"}, KindZip, Naming{Suffix: ".hidden"}, "a-protected.zip"},
		{[]string{"a.txt"}, KindZip, Naming{Suffix: " x"}, "a-protected.zip"},
		{[]string{"a.txt"}, KindZip, Naming{Suffix: "x\n"}, "a-protected.zip"},
		{[]string{"a.txt", "b.txt"}, KindZip, Naming{Files: "x/y"}, "files-protected.zip"},
	} {
		inputs := make([]string, len(tt.inputs))
		for i, in := range tt.inputs {
			inputs[i] = filepath.Join(dir, filepath.Base(in))
		}
		if got := OutputName(inputs, tt.kind, tt.n); got != filepath.Join(dir, tt.want) {
			t.Errorf("OutputName(%q, %s, %+v) = %s, want %s", tt.inputs, tt.kind, tt.n, got, tt.want)
		}
	}
	if got := OutputName(nil, KindZip, nl); got != "" {
		t.Errorf("OutputName(nil) = %q", got)
	}

	// Encrypt uses the words for the default output, its fallback ZIP and
	// the share's label.
	v, _ := testVault(t)
	in := writeFile(t, filepath.Join(dir, "kunden.csv"), []byte("nr;plz\n0815;01067\n"))
	res, err := Encrypt(context.Background(), []string{in}, Options{Shares: v, Naming: de})
	if err != nil || res.Output != filepath.Join(dir, "kunden-geschützt.xlsx") || res.Share.Label != "kunden-geschützt.xlsx" {
		t.Errorf("Encrypt = %+v, %v; want kunden-geschützt.xlsx", res, err)
	}
	pdf := writeFile(t, filepath.Join(dir, "kapot.pdf"), []byte("%PDF-1.7\nnot a PDF\n"))
	res, err = Encrypt(context.Background(), []string{pdf}, Options{Shares: v, Naming: nl})
	if err != nil || res.Fallback == nil || res.Output != filepath.Join(dir, "kapot-beveiligd.zip") {
		t.Errorf("Encrypt(damaged PDF) = %+v, %v; want kapot-beveiligd.zip", res, err)
	}
}

func TestPersonalName(t *testing.T) {
	for name, want := range map[string]bool{
		"Jan de Vries.csv":           true,
		"offerte_anna_jansen.pdf":    true,
		"Thomas Müller Vertrag.docx": true,
		"a.jansen@mailhuis.nl.txt":   true,
		"klanten-2024.csv":           false,
		"Kampagne Herbst.xlsx":       false,
		"report.pdf":                 false,
	} {
		if got := PersonalName(name); got != want {
			t.Errorf("PersonalName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestIsPartner(t *testing.T) {
	partners := []string{"mailhuis.nl", "@drukkerij.de", "Agentur Schmidt"}
	for r, want := range map[string]bool{
		"info@mailhuis.nl":              true,
		"Piet <piet@post.mailhuis.nl>":  true,
		"mailhuis.nl":                   true,
		"x@DRUKKERIJ.DE":                true,
		"agentur  schmidt":              true,
		"Agentur Schmidt <a@gmail.com>": true,
		"info@mailhuis.nl.evil.com":     false,
		"info@notmailhuis.nl":           false,
		"Agentur Schmidt und Söhne":     false,
		"":                              false,
		"someone@example.com":           false,
	} {
		if got := IsPartner(r, partners); got != want {
			t.Errorf("IsPartner(%q) = %v, want %v", r, got, want)
		}
	}
	v, _ := testVault(t)
	in := writeFile(t, filepath.Join(testdir.New(t), "a.txt"), []byte("x"))
	_, err := Encrypt(context.Background(), []string{in}, Options{Shares: v, Recipient: "x@example.com", Partners: partners, PartnersOnly: true})
	if !errors.Is(err, ErrNotPartner) {
		t.Errorf("Encrypt for a non-partner = %v, want ErrNotPartner", err)
	}
	if names := files(t, filepath.Dir(in)); len(names) != 1 {
		t.Errorf("folder holds %v", names)
	}
}

// TestPasswordBits: the password has at least MinBits, with more words
// than share.words when needed, and the share's settings say so.
func TestPasswordBits(t *testing.T) {
	for _, tc := range []struct {
		settings vault.Settings
		bits     int
	}{
		{vault.Settings{Kind: vault.KindPassphrase, Words: 5, Language: "nl"}, 80},
		{vault.Settings{Kind: vault.KindPassphrase, Words: 4, Language: "de"}, 100},
		{vault.Settings{Kind: vault.KindRandom, Length: 12}, 128},
	} {
		pw, s, e, err := generate(Options{Password: tc.settings, MinBits: tc.bits})
		if err != nil || e < float64(tc.bits) || pw.IsZero() {
			t.Errorf("generate(%+v, %d) = %.1f bits, %v", tc.settings, tc.bits, e, err)
		}
		if s.Kind == vault.KindPassphrase && (s.Words < tc.settings.Words || len(strings.Split(pw.Reveal(), "-")) != s.Words) {
			t.Errorf("settings %+v for a passphrase of %d words", s, len(strings.Split(pw.Reveal(), "-")))
		}
	}
	if _, _, _, err := generate(Options{Password: vault.Settings{Kind: vault.KindPassphrase}, MinBits: 256}); !errors.Is(err, ErrPassword) {
		t.Errorf("256 bits of passphrase: %v, want ErrPassword", err)
	}
}

// opsScript decrypts argv[1] with msoffcrypto (password on standard
// input, password and integrity checked) and prints every cell of the first
// sheet as openpyxl reads it, with its type, one row per line.
const opsScript = `import sys, io, msoffcrypto, openpyxl
pw = sys.stdin.read()
with open(sys.argv[1], "rb") as f:
    o = msoffcrypto.OfficeFile(f)
    o.load_key(password=pw, verify_password=True)
    out = io.BytesIO()
    o.decrypt(out, verify_integrity=True)
ws = openpyxl.load_workbook(out).worksheets[0]
for row in ws.iter_rows():
    print("\t".join("%s:%s:%s" % (type(c.value).__name__, c.number_format, c.value) for c in row))
`

// TestCSVToWorkbook: a CSV file becomes a workbook of text cells in
// Office encryption; Debian's msoffcrypto-tool decrypts it and openpyxl
// reads every cell as the original text, leading zeros and all.
func TestCSVToWorkbook(t *testing.T) {
	v, kc := testVault(t)
	dir := testdir.New(t)
	csv := "klantnr;postcode;telefoon;iban;datum;bedrag\n" +
		"000123;1234 AB;0612345678;NL91ABNA0417164300;01-02-2024;1.234,50\n" +
		"4711;0815;+31201234567;12345678901234567890;2024-02-01;=1+1\n"
	in := writeFile(t, filepath.Join(dir, "klanten.csv"), []byte(csv))
	res, err := Encrypt(context.Background(), []string{in}, Options{Shares: v})
	if err != nil {
		t.Fatalf("Encrypt = %v", err)
	}
	if res.Kind != KindWorkbook || res.Rows != 3 || res.Output != filepath.Join(dir, "klanten-protected.xlsx") {
		t.Errorf("Kind, Rows, Output = %s, %d, %s", res.Kind, res.Rows, res.Output)
	}
	if names := files(t, dir); len(names) != 2 {
		t.Errorf("folder holds %v: a temporary file was left", names)
	}
	pw, _ := kc.Get(vault.Service, res.Share.ID)
	tool(t, "msoffcrypto-tool", "python3-msoffcrypto-tool")
	cmd := exec.Command("/usr/bin/python3", "-c", opsScript, res.Output)
	cmd.Stdin = strings.NewReader(pw)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("msoffcrypto + openpyxl: %v\n%s", err, out)
	}
	var want []string
	for _, line := range strings.Split(strings.TrimSpace(csv), "\n") {
		var cells []string
		for _, c := range strings.Split(line, ";") {
			cells = append(cells, "str:@:"+c)
		}
		want = append(want, strings.Join(cells, "\t"))
	}
	if got := strings.Split(strings.TrimSpace(string(out)), "\n"); !slices.Equal(got, want) {
		t.Errorf("openpyxl reads\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	cmd = exec.Command("/usr/bin/python3", "-c", opsScript, res.Output)
	cmd.Stdin = strings.NewReader("wrong")
	if out, err := cmd.CombinedOutput(); err == nil || !bytes.Contains(out, []byte("InvalidKeyError")) {
		t.Errorf("a wrong password: %v\n%s", err, out)
	}
}

// TestPanicLeavesNothing: a panic while the output is written or checked
// takes the temporary file with it on its way up.
func TestPanicLeavesNothing(t *testing.T) {
	v, _ := testVault(t)
	dir := testdir.New(t)
	in := writeFile(t, filepath.Join(dir, "a.txt"), []byte("hello"))
	func() {
		defer func() {
			if recover() == nil {
				t.Error("Encrypt did not panic")
			}
		}()
		_, _ = Encrypt(context.Background(), []string{in}, Options{Shares: v, tamper: func(string) error { panic("in the middle") }})
	}()
	if names := files(t, dir); !slices.Equal(names, []string{"a.txt"}) {
		t.Errorf("folder holds %v", names)
	}
}

func TestInspect(t *testing.T) {
	v, kc := testVault(t)
	dir := testdir.New(t)
	office := writeFile(t, filepath.Join(dir, "a.docx"), ooxml(t, 3000))
	other := writeFile(t, filepath.Join(dir, "b.txt"), []byte("hello"))
	for _, in := range []string{office, other} {
		res, err := Encrypt(context.Background(), []string{in}, Options{Shares: v})
		if err != nil {
			t.Fatal(err)
		}
		pw, _ := kc.Get(vault.Service, res.Share.ID)
		rep, err := Inspect(res.Output, secret.New(pw))
		if err != nil || !rep.OK() || rep.Kind != res.Kind || len(rep.Checks) != 4 {
			t.Errorf("Inspect(%s) = %+v, %v", res.Output, rep, err)
		}
		rep, _ = Inspect(res.Output, secret.New("wrong"))
		if rep.OK() || rep.Checks[len(rep.Checks)-1].Check != CheckOpens {
			t.Errorf("Inspect with a wrong password = %+v", rep)
		}
	}
	// An unencrypted package is not encrypted.
	rep, err := Inspect(office, secret.New("x"))
	if err != nil || rep.OK() || rep.Checks[0].Check != CheckEncrypted {
		t.Errorf("Inspect(plain package) = %+v, %v", rep, err)
	}
}

// TestInspectNotEncrypted: a file of none of the encrypted kinds fails the
// first check with ErrNoEncryptedKind, whatever its name says, and the
// report ends there.
func TestInspectNotEncrypted(t *testing.T) {
	dir := testdir.New(t)
	for _, name := range []string{"klanten.csv", "klanten.zip", "klanten.xlsx", "klanten.pdf"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("naam;email\nJan;jan@example.nl\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		rep, err := Inspect(p, secret.New("password"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if rep.OK() || rep.Kind != "" || len(rep.Checks) != 1 || rep.Checks[0].Check != CheckEncrypted || !errors.Is(rep.Checks[0].Err, ErrNoEncryptedKind) {
			t.Errorf("%s: %+v", name, rep)
		}
	}
}
