package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"grendel/app/sendfile"
	"grendel/internal/testdir"
	"grendel/ui/exit"
)

// needKeyring skips without a session bus (scripts/with-session.sh starts
// one with an unlocked gnome-keyring), or fails under CI=true. On Windows
// the keychain is Credential Manager, which needs no bus.
func needKeyring(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return // Credential Manager, there with every session (Wine's too)
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no session bus: run under scripts/with-session.sh")
		}
		t.Skip("no session bus: run under scripts/with-session.sh")
	}
}

// TestFileEncryptFlow: file encrypt of a CSV file with the real keychain
// prints the checks, the output, the share ID and with --print the
// password; the share holds that password; file verify passes with the
// share and fails (exit 10) with a wrong password on standard input; a
// second run refuses to overwrite (exit 7); a recipient outside
// share.partners under share.partners_only is refused (exit 11) with no
// output and no share.
func TestFileEncryptFlow(t *testing.T) {
	isolate(t)
	needKeyring(t)
	dir := testdir.New(t)
	in := filepath.Join(dir, "klanten.csv")
	if err := os.WriteFile(in, []byte("nr;postcode\n000123;1234 AB\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, processes{}, "file", "encrypt", in, "--recipient", "info@mailhuis.nl", "--channel", "sms", "--print")
	if code != exit.OK {
		t.Fatalf("file encrypt = %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("file encrypt printed %q", out)
	}
	path, id, pw := lines[len(lines)-3], lines[len(lines)-2], lines[len(lines)-1]
	if path != filepath.Join(dir, "klanten-protected.xlsx") || strings.Count(out, "✓") != 5 {
		t.Errorf("file encrypt printed %q", out)
	}
	show, _, code := run(t, processes{}, "share", "show", id, "--print")
	if code != exit.OK || !strings.HasSuffix(strings.TrimSpace(show), pw) || !strings.Contains(show, "klanten-protected.xlsx") {
		t.Errorf("share show = %d %q", code, show)
	}
	if out, errOut, code := run(t, processes{}, "file", "verify", path, "--share", id); code != exit.OK || strings.Count(out, "✓") != 4 {
		t.Errorf("file verify --share = %d %q %s", code, out, errOut)
	}
	var o, e bytes.Buffer
	if code := execute([]string{"file", "verify", path}, "9.9.9", processes{}, strings.NewReader("wrong\n"), &o, &e); code != exit.NotVerified {
		t.Errorf("file verify with a wrong password = %d %q", code, o.String())
	}
	if _, _, code := run(t, processes{}, "file", "encrypt", in); code != exit.OutputExists {
		t.Errorf("second file encrypt = %d, want %d", code, exit.OutputExists)
	}
	// --json holds the checks and the e-mail text, never the password
	// without --print.
	out, _, code = run(t, processes{}, "file", "encrypt", in, "-o", filepath.Join(dir, "j.xlsx"), "--json")
	var j encryptJSON
	if err := json.Unmarshal([]byte(out), &j); code != exit.OK || err != nil || len(j.Checks) != 5 || j.Password != "" || !strings.Contains(j.Email, "j.xlsx") {
		t.Errorf("--json = %d %q", code, out)
	}

	userConfig, err := os.UserConfigDir()
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(userConfig, "grendel", "settings.json")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte(`{"share": {"partners": ["mailhuis.nl"], "partners_only": true}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	before, _, _ := run(t, processes{}, "share", "list", "--json")
	other := filepath.Join(dir, "other.txt")
	os.WriteFile(other, []byte("x"), 0o600)
	if _, errOut, code := run(t, processes{}, "file", "encrypt", other, "--recipient", "a@example.com"); code != exit.NotPartner {
		t.Errorf("file encrypt for a non-partner = %d %s, want %d", code, errOut, exit.NotPartner)
	}
	if _, err := os.Stat(filepath.Join(dir, "other-protected.zip")); err == nil {
		t.Error("a refused file encrypt left an output")
	}
	if after, _, _ := run(t, processes{}, "share", "list", "--json"); after != before {
		t.Error("a refused file encrypt made a share")
	}
	if _, _, code := run(t, processes{}, "file", "encrypt", other, "--recipient", "Post <p@x.mailhuis.nl>"); code != exit.OK {
		t.Errorf("file encrypt for a partner = %d", code)
	}
}

// tinyPDF is a valid one-page PDF 1.7 with a line of text, written by hand
// with an exact cross-reference table.
func tinyPDF() []byte {
	content := "BT /F1 12 Tf 72 760 Td (Jan de Vries, IBAN NL91ABNA0417164300) Tj ET\n"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// TestFileEncryptPDF: file encrypt of a PDF makes an encrypted PDF (not a
// ZIP) that file verify accepts with the share's password, and refuses
// with a wrong one.
func TestFileEncryptPDF(t *testing.T) {
	isolate(t)
	needKeyring(t)
	dir := testdir.New(t)
	in := filepath.Join(dir, "x.pdf")
	if err := os.WriteFile(in, tinyPDF(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, processes{}, "file", "encrypt", in, "--print")
	if code != exit.OK {
		t.Fatalf("file encrypt = %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("file encrypt printed %q", out)
	}
	path, id, pw := lines[len(lines)-3], lines[len(lines)-2], lines[len(lines)-1]
	if path != filepath.Join(dir, "x-protected.pdf") || strings.Count(out, "✓") != 5 {
		t.Errorf("file encrypt printed %q", out)
	}
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("/Encrypt")) || bytes.Contains(b, []byte("NL91ABNA")) {
		t.Errorf("output is not an encrypted PDF: %v", err)
	}
	if out, errOut, code := run(t, processes{}, "file", "verify", path, "--share", id); code != exit.OK || strings.Count(out, "✓") != 4 {
		t.Errorf("file verify --share = %d %q %s", code, out, errOut)
	}
	var o, e bytes.Buffer
	if code := execute([]string{"file", "verify", path}, "9.9.9", processes{}, strings.NewReader(pw+"\n"), &o, &e); code != exit.OK {
		t.Errorf("file verify with the password = %d %q %s", code, o.String(), e.String())
	}
	o.Reset()
	e.Reset()
	if code := execute([]string{"file", "verify", path}, "9.9.9", processes{}, strings.NewReader("wrong\n"), &o, &e); code != exit.NotVerified {
		t.Errorf("file verify with a wrong password = %d %q", code, o.String())
	}
}

// TestFileEncryptFallback: a PDF that cannot be encrypted as a PDF becomes
// an AES ZIP, and the output says so and why, in words (text) and as a
// code with those words (--json), for each reason this test can make; the
// words never quote the file.
func TestFileEncryptFallback(t *testing.T) {
	isolate(t)
	needKeyring(t)
	dir := testdir.New(t)
	plain := filepath.Join(dir, "plain.pdf")
	if err := os.WriteFile(plain, tinyPDF(), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := run(t, processes{}, "file", "encrypt", plain); code != exit.OK {
		t.Fatalf("file encrypt = %d: %s", code, errOut)
	}
	protected, _ := os.ReadFile(filepath.Join(dir, "plain-protected.pdf"))
	for _, tt := range []struct {
		name   string
		data   []byte
		reason string
		words  string
	}{
		{"encrypted", protected, "encrypted", "the PDF is already protected with a password"},
		{"damaged", []byte("%PDF-1.7\n(Jan de Vries, IBAN NL91ABNA0417164300)\n"), "unreadable", "the PDF could not be read: it is damaged"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := filepath.Join(dir, tt.name+".pdf")
			if err := os.WriteFile(in, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			out, errOut, code := run(t, processes{}, "file", "encrypt", in)
			want := "The file became an encrypted ZIP file instead of a protected PDF: " + tt.words
			if code != exit.OK || !strings.Contains(out, want) || !strings.Contains(out, filepath.Join(dir, tt.name+"-protected.zip")) {
				t.Errorf("file encrypt = %d %q %s; want a ZIP and %q", code, out, errOut, want)
			}
			out, errOut, code = run(t, processes{}, "file", "encrypt", in, "-o", filepath.Join(dir, tt.name+"-json.zip"), "--json")
			var j encryptJSON
			if err := json.Unmarshal([]byte(out), &j); code != exit.OK || err != nil || j.Format != "zip" || j.Fallback == nil ||
				string(j.Fallback.Reason) != tt.reason || !strings.HasPrefix(j.Fallback.Message, want) {
				t.Errorf("--json = %d %q %s; want the fallback %s", code, out, errOut, tt.reason)
			}
			if strings.Contains(out, "Vries") || strings.Contains(out, "NL91") {
				t.Errorf("--json quotes the file: %s", out)
			}
			// --format pdf fails with the same words, and the exit code of
			// other input that cannot be read.
			_, errOut, code = run(t, processes{}, "file", "encrypt", in, "-o", filepath.Join(dir, tt.name+"-x.pdf"), "--format", "pdf")
			if code != exit.BadFile || !strings.Contains(errOut, map[string]string{"encrypted": "already encrypted", "unreadable": tt.words}[tt.reason]) {
				t.Errorf("--format pdf = %d %s, want %d", code, errOut, exit.BadFile)
			}
		})
	}
	// A PDF encrypted as a PDF has no fallback in its JSON.
	out, _, _ := run(t, processes{}, "file", "encrypt", plain, "-o", filepath.Join(dir, "again.pdf"), "--json")
	if strings.Contains(out, "fallback") {
		t.Errorf("--json of an encrypted PDF = %s", out)
	}
}

// TestSendErrCodes: each error of file encrypt has its exit code; with
// --format pdf, a PDF that cannot be encrypted as a PDF is input that
// cannot be read (6), whatever the reason, as a damaged table is; a check
// that failed on our own output stays a failed check (10), also when
// pdfcpu could not read it.
func TestSendErrCodes(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want int
	}{
		{&sendfile.PDFError{Problem: sendfile.PDFUnreadable}, exit.BadFile},
		{&sendfile.PDFError{Problem: sendfile.PDFTooLarge}, exit.BadFile},
		{&sendfile.PDFError{Problem: sendfile.PDFUnsupported, Err: errors.New("pdfcpu: (Jan de Vries)")}, exit.BadFile},
		{&sendfile.PDFError{Problem: sendfile.PDFEncrypted}, exit.BadFile},
		{fmt.Errorf("x.csv: %w", sendfile.ErrInput), exit.BadFile},
		{&sendfile.VerifyError{Check: sendfile.CheckEncrypted, Err: &sendfile.PDFError{Problem: sendfile.PDFUnreadable}}, exit.NotVerified},
		{fmt.Errorf("out.pdf: %w", sendfile.ErrExists), exit.OutputExists},
		{sendfile.ErrNotPartner, exit.NotPartner},
		{errors.New("something else"), exit.Failure},
	} {
		var ee *exitError
		if err := sendErr(tt.err); !errors.As(err, &ee) || ee.code != tt.want {
			t.Errorf("sendErr(%v) = %v, want exit %d", tt.err, err, tt.want)
		} else if strings.Contains(ee.msg, "Vries") {
			t.Errorf("sendErr(%v) quotes the file: %q", tt.err, ee.msg)
		}
	}
}

// TestFileEncryptDamagedPDF: file encrypt --format pdf of a damaged PDF,
// or of one that makes pdfcpu panic, exits 6 like other input that cannot
// be read, says why without quoting the file, and leaves nothing beside it.
func TestFileEncryptDamagedPDF(t *testing.T) {
	isolate(t)
	dir := testdir.New(t)
	for name, data := range map[string][]byte{
		"damaged": []byte("%PDF-1.7\n(Jan de Vries, IBAN NL91ABNA0417164300)\n"),
		// pdfcpu 0.11.1 slices past the end of a file that ends so.
		"panics": []byte("%PDF-1.7\n(Jan de Vries, IBAN NL91ABNA0417164300)\nstartxref"),
	} {
		in := filepath.Join(dir, name+".pdf")
		if err := os.WriteFile(in, data, 0o600); err != nil {
			t.Fatal(err)
		}
		out, errOut, code := run(t, processes{}, "file", "encrypt", in, "--format", "pdf")
		if code != exit.BadFile || !strings.Contains(errOut, "the PDF could not be read") || strings.Contains(out+errOut, "Vries") {
			t.Errorf("%s: file encrypt --format pdf = %d %q %q, want %d", name, code, out, errOut, exit.BadFile)
		}
	}
	if es, _ := os.ReadDir(dir); len(es) != 2 {
		t.Errorf("the folder holds %d files, want the 2 inputs", len(es))
	}
}
