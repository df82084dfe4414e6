package sendfile

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"grendel/app/secret"
	"grendel/app/vault"
)

// makePDF writes a small, valid PDF (by hand, with an exact cross-reference
// table) of the given pages of text; with binary, each page also carries a
// Flate-compressed stream of pseudo-random bytes (like an embedded image
// or font), so that the plaintext check has binary streams to sample.
func makePDF(pages []string, binary int) []byte {
	var objs []string
	n := len(pages)
	// 1: catalog, 2: pages, 3: font, then per page: page, content[, blob].
	per := 2
	if binary > 0 {
		per = 3
	}
	kids := make([]string, n)
	for i := range n {
		kids[i] = fmt.Sprintf("%d 0 R", 4+i*per)
	}
	objs = append(objs,
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	x := uint64(0x9e3779b97f4a7c15)
	for i, text := range pages {
		ct := 5 + i*per
		var content strings.Builder
		content.WriteString("BT /F1 11 Tf 72 760 Td 14 TL\n")
		for _, line := range strings.Split(text, "\n") {
			fmt.Fprintf(&content, "(%s) Tj T*\n", line)
		}
		content.WriteString("ET\n")
		res := "/Font << /F1 3 0 R >>"
		if binary > 0 {
			res += fmt.Sprintf(" /XObject << /Im1 %d 0 R >>", ct+1)
		}
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << %s >> /Contents %d 0 R >>", res, ct),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len(), content.String()))
		if binary > 0 {
			raw := make([]byte, binary)
			for j := range raw {
				x ^= x << 13
				x ^= x >> 7
				x ^= x << 17
				raw[j] = byte(x)
			}
			var z bytes.Buffer
			zw := zlib.NewWriter(&z)
			zw.Write(raw)
			zw.Close()
			side := 1
			for side*side*3 < binary {
				side++
			}
			objs = append(objs, fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream",
				side, binary/(side*3), z.Len(), z.String()))
		}
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
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
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info << /Title (Klanten) >> >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

var pdfPages = []string{
	"Jan de Vries, Dorpsstraat 12, 1234 AB Utrecht\nIBAN NL91ABNA0417164300, jan.devries@example.nl",
	"Anna Jansen, Kerkweg 3, 9876 ZX Groningen\nIBAN NL20INGB0001234567, anna.jansen@example.nl",
	"Page three: 0612345678, BSN 111222333",
}

// withEncrypt appends to the PDF made by makePDF an update that gives it
// the encryption dictionary dict: its own cross-reference section and a
// trailer whose /Encrypt points to it.
func withEncrypt(pdf []byte, dict string) []byte {
	prev := bytes.LastIndex(pdf, []byte("\nxref\n")) + 1
	size := bytes.Count(pdf[prev:], []byte(" n \n")) + 1
	var b bytes.Buffer
	b.Write(pdf)
	obj := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", size, dict)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root 1 0 R /Prev %d /Encrypt %d 0 R /ID [<%032x> <%032x>] >>\nstartxref\n%d\n%%%%EOF\n",
		size, obj, size+1, prev, size, 1, 1, xref)
	return b.Bytes()
}

// qpdf checks an encrypted PDF with qpdf, an independent implementation:
// it requires a password, decrypts with pw to a PDF with pages pages, and
// refuses a wrong password.
func qpdf(t *testing.T, path, pw string, pages int) {
	t.Helper()
	q := tool(t, "qpdf", "qpdf")
	if out, err := exec.Command(q, "--requires-password", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --requires-password: %v\n%s", err, out)
	}
	out, err := exec.Command(q, "--show-encryption", "--password="+pw, path).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("R = 6")) || !bytes.Contains(out, []byte("AESv3")) || !bytes.Contains(out, []byte("print high resolution: allowed")) ||
		!bytes.Contains(out, []byte("extract for any purpose: allowed")) || !bytes.Contains(out, []byte("modify other: not allowed")) {
		t.Errorf("qpdf --show-encryption: %v\n%s", err, out)
	}
	dec := filepath.Join(t.TempDir(), "dec.pdf")
	if out, err := exec.Command(q, "--decrypt", "--password="+pw, path, dec).CombinedOutput(); err != nil {
		t.Errorf("qpdf --decrypt: %v\n%s", err, out)
	} else if out, err := exec.Command(q, "--show-npages", dec).Output(); err != nil || strings.TrimSpace(string(out)) != fmt.Sprint(pages) {
		t.Errorf("qpdf --show-npages of the decrypted file = %q, %v; want %d", out, err, pages)
	}
	bad := filepath.Join(t.TempDir(), "bad.pdf")
	if out, err := exec.Command(q, "--decrypt", "--password=wrong-"+pw, path, bad).CombinedOutput(); err == nil || !bytes.Contains(out, []byte("invalid password")) {
		t.Errorf("qpdf --decrypt with a wrong password: %v\n%s", err, out)
	}
}

func TestEncryptPDF(t *testing.T) {
	// No configuration directory for pdfcpu, under either variable.
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	v, kc := testVault(t)
	for _, tt := range []struct {
		name   string
		binary int
	}{{"text", 0}, {"images", 40 << 10}} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			in := writeFile(t, filepath.Join(dir, "klanten.pdf"), makePDF(pdfPages, tt.binary))
			res, err := Encrypt(context.Background(), []string{in}, Options{Shares: v, Recipient: "mailhuis.nl"})
			if err != nil {
				t.Fatalf("Encrypt = %v", err)
			}
			if res.Kind != KindPDF || res.Fallback != nil || res.Output != filepath.Join(dir, "klanten-protected.pdf") {
				t.Errorf("Kind, Fallback, Output = %s, %v, %s", res.Kind, res.Fallback, res.Output)
			}
			for i, c := range res.Checks {
				if c.Check != Checks[i] || !c.OK {
					t.Errorf("check %d = %+v, want %s passed", i, c, Checks[i])
				}
			}
			if len(res.Checks) != len(Checks) {
				t.Errorf("%d checks, want %d", len(res.Checks), len(Checks))
			}
			pw, _ := kc.Get(vault.Service, res.Share.ID)
			if pw != res.Password.Reveal() || res.Share.Label != "klanten-protected.pdf" {
				t.Errorf("share %+v", res.Share)
			}
			out, _ := os.ReadFile(res.Output)
			if !bytes.Contains(out, []byte("/Encrypt")) || bytes.Contains(out, []byte("Jan de Vries")) || bytes.Contains(out, []byte("NL91ABNA")) {
				t.Error("the output has no /Encrypt, or holds the text as it is")
			}
			if bytes.Contains(out, []byte(pw)) {
				t.Error("the output holds the password")
			}
			if names := files(t, dir); !slices.Equal(names, []string{"klanten-protected.pdf", "klanten.pdf"}) {
				t.Errorf("folder holds %v", names)
			}
			rep, err := Inspect(res.Output, secret.New(pw))
			if err != nil || !rep.OK() || rep.Kind != KindPDF || len(rep.Checks) != 4 {
				t.Errorf("Inspect = %+v, %v", rep, err)
			}
			rep, _ = Inspect(res.Output, secret.New("wrong"))
			if last := rep.Checks[len(rep.Checks)-1]; rep.OK() || last.Check != CheckOpens || !errors.Is(last.Err, ErrPDFWrongPassword) {
				t.Errorf("Inspect with a wrong password = %+v", rep)
			}
			rep, _ = Inspect(in, secret.New(pw))
			if rep.OK() || rep.Checks[0].Check != CheckEncrypted || !errors.Is(rep.Checks[0].Err, errPDFNotEncrypted) {
				t.Errorf("Inspect(plain PDF) = %+v", rep)
			}
			qpdf(t, res.Output, pw, len(pdfPages))
		})
	}
	if es, err := os.ReadDir(home); err != nil || len(es) != 0 {
		t.Errorf("HOME holds %v (%v), want nothing: pdfcpu wrote its configuration", es, err)
	}
	if _, err := os.Stat(filepath.Join(os.TempDir(), "pdfcpu")); err == nil {
		t.Logf("note: %s exists (not necessarily from this test)", filepath.Join(os.TempDir(), "pdfcpu"))
	}
}

// TestPDFSampleOfRealPDF: pdfcpu's own output (object streams, compressed
// cross-reference stream, its own dictionaries) passes the plaintext check
// after encryption, while a sample of the whole file would not.
func TestPDFSampleOfRealPDF(t *testing.T) {
	v, _ := testVault(t)
	dir := t.TempDir()
	src := writeFile(t, filepath.Join(dir, "src.pdf"), makePDF(pdfPages, 8<<10))
	in := filepath.Join(dir, "optimized.pdf")
	conf := model.NewDefaultConfiguration()
	conf.WriteObjectStream, conf.WriteXRefStream = true, true
	if err := api.OptimizeFile(src, in, conf); err != nil {
		t.Fatal(err)
	}
	res, err := Encrypt(context.Background(), []string{in}, Options{Shares: v})
	if err != nil || res.Kind != KindPDF {
		t.Fatalf("Encrypt = %+v, %v", res, err)
	}
	whole := newSample()
	if err := whole.addFile(in); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(res.Output)
	defer f.Close()
	if err := noPlaintext(f, whole); !errors.Is(err, errPlaintext) {
		t.Logf("a sample of the whole file found nothing either (%v)", err)
	}
}

// TestPDFFallback: each reason pdfcpu cannot encrypt a PDF as a PDF has
// its code; under Auto the PDF goes into an AES ZIP with that code as
// Result.Fallback, under Format PDF it fails with it and leaves nothing.
// The error's message names the code and never pdfcpu's words, which may
// quote the document.
func TestPDFFallback(t *testing.T) {
	v, _ := testVault(t)
	dir := t.TempDir()
	good := makePDF(pdfPages, 0)
	plain := writeFile(t, filepath.Join(dir, "plain.pdf"), makePDF(pdfPages[:1], 0))
	first, err := Encrypt(context.Background(), []string{plain}, Options{Shares: v})
	if err != nil || first.Kind != KindPDF {
		t.Fatalf("Encrypt = %+v, %v", first, err)
	}
	encrypted, _ := os.ReadFile(first.Output)
	// Encrypted with an owner password only: it opens without a password,
	// but printing or copying may be restricted.
	var ownerOnly bytes.Buffer
	conf := pdfConf(model.ENCRYPT, "")
	conf.OwnerPW = "owner-password"
	conf.EncryptUsingAES, conf.EncryptKeyLength = true, 256
	if err := api.Encrypt(bytes.NewReader(good), &ownerOnly, conf); err != nil {
		t.Fatal(err)
	}
	seen := map[PDFProblem]bool{}
	for _, tt := range []struct {
		name string
		data []byte
		max  int64 // Options.maxPDF
		want PDFProblem
	}{
		{"already encrypted", encrypted, 0, PDFEncrypted},
		{"owner password only", ownerOnly.Bytes(), 0, PDFEncrypted},
		// Encrypted for a recipient's certificate, which pdfcpu cannot
		// open: "unsupported encryption".
		{"certificate encryption", withEncrypt(good, "<< /Filter /Adobe.PubSec /SubFilter /adbe.pkcs7.s5 /V 4 /Length 128 /Recipients [<3082>] >>"), 0, PDFEncrypted},
		{"not a PDF", []byte("%PDF-1.7\nthis is not a PDF at all, only its first line\n"), 0, PDFUnreadable},
		{"cut short", good[:len(good)/2], 0, PDFUnreadable},
		{"page content damaged", bytes.Replace(good, []byte("<< /Length "), []byte("<< /Filter /FlateDecode /Length "), 1), 0, PDFUnreadable},
		{"page content in JBIG2", bytes.Replace(good, []byte("<< /Length "), []byte("<< /Filter /JBIG2Decode /Length "), 1), 0, PDFUnreadable},
		// pdfcpu reads it, but its optimisation before writing fails on
		// the font resources that point to a missing object.
		{"font missing", bytes.Replace(good, []byte("/Font << /F1 3 0 R >>"), []byte("/Font 99 0 R"), 1), 0, PDFUnsupported},
		{"too large", good, int64(len(good)) - 1, PDFTooLarge},
	} {
		seen[tt.want] = true
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			in := writeFile(t, filepath.Join(dir, "klanten.pdf"), tt.data)
			res, err := Encrypt(context.Background(), []string{in}, Options{Shares: v, maxPDF: tt.max})
			if err != nil {
				t.Fatalf("Encrypt = %v, want a ZIP", err)
			}
			if res.Kind != KindZip || res.Output != filepath.Join(dir, "klanten-protected.zip") || res.Fallback == nil {
				t.Fatalf("Kind, Output, Fallback = %s, %s, %v; want a ZIP with a fallback", res.Kind, res.Output, res.Fallback)
			}
			if res.Fallback.Problem != tt.want || !errors.Is(res.Fallback, ErrPDF) || errors.Is(res.Fallback, ErrAlreadyEncrypted) != (tt.want == PDFEncrypted) {
				t.Errorf("Fallback = %v, want %s", res.Fallback, tt.want)
			}
			if msg := res.Fallback.Error(); msg != "the PDF cannot be encrypted as a PDF: "+string(tt.want) {
				t.Errorf("Fallback.Error() = %q: more than the problem's code", msg)
			}
			if res.Share.Label != "klanten-protected.zip" || len(res.Checks) != len(Checks) {
				t.Errorf("share %q, %d checks", res.Share.Label, len(res.Checks))
			}

			before := files(t, dir)
			_, err = Encrypt(context.Background(), []string{in}, Options{Shares: v, Format: PDF, Output: filepath.Join(dir, "x.pdf"), maxPDF: tt.max})
			var pe *PDFError
			if !errors.As(err, &pe) || pe.Problem != tt.want {
				t.Errorf("Encrypt(Format PDF) = %v, want the problem %s", err, tt.want)
			}
			if after := files(t, dir); !slices.Equal(before, after) {
				t.Errorf("Format PDF left %v, had %v", after, before)
			}
		})
	}
	for _, p := range PDFProblems {
		if !seen[p] {
			t.Errorf("no case of the problem %s", p)
		}
	}
}

// TestPDFTampered: a changed output fails its check and leaves nothing.
func TestPDFTampered(t *testing.T) {
	v, _ := testVault(t)
	dir := t.TempDir()
	in := writeFile(t, filepath.Join(dir, "a.pdf"), makePDF(pdfPages, 0))
	for name, tamper := range map[string]func(b []byte) []byte{
		// The page content as it was: the plaintext check must find it.
		"plaintext": func(b []byte) []byte {
			src, _ := os.ReadFile(in)
			i := bytes.Index(src, []byte("BT /F1"))
			return append(b, src[i:i+200]...)
		},
		// Encryption dictionary gone: not encrypted or unreadable.
		"no encrypt": func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("/Encrypt"), []byte("/Encryp_")) },
	} {
		_, err := Encrypt(context.Background(), []string{in}, Options{Shares: v, tamper: func(p string) error {
			b, _ := os.ReadFile(p)
			return os.WriteFile(p, tamper(b), 0o600)
		}})
		var ve *VerifyError
		if !errors.As(err, &ve) {
			t.Errorf("%s: Encrypt = %v, want a VerifyError", name, err)
		}
		if names := files(t, dir); !slices.Equal(names, []string{"a.pdf"}) {
			t.Errorf("%s: folder holds %v", name, names)
		}
	}
	if list, _ := v.List(); len(list) != 0 {
		t.Errorf("%d shares, want none", len(list))
	}
}

// TestPDFRevision5Refused: a PDF with AES-256 of revision 5 (pdfcpu's
// api.Encrypt of a PDF 1.7: the deprecated, unsalted-hash revision) opens,
// but fails the check that asks for revision 6.
func TestPDFRevision5Refused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r5.pdf")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	conf := pdfConf(model.ENCRYPT, "user-password")
	conf.OwnerPW = "owner-password"
	conf.EncryptUsingAES = true
	conf.EncryptKeyLength = 256
	conf.Permissions = pdfPermissions
	if err := api.Encrypt(bytes.NewReader(makePDF(pdfPages, 0)), out, conf); err != nil {
		t.Fatal(err)
	}
	out.Close()
	ctx, err := readPDF(mustOpen(t, path), "user-password")
	if err != nil || ctx.E == nil || ctx.E.R != 5 {
		t.Fatalf("pdfcpu's api.Encrypt: %v, want revision 5", err)
	}
	rep, err := Inspect(path, secret.New("user-password"))
	if err != nil || rep.OK() {
		t.Errorf("Inspect(revision 5) = %+v, %v; want a failed check", rep, err)
	}
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
