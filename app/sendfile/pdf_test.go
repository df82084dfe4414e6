package sendfile

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"grendel/app/secret"
	"grendel/app/vault"
	"grendel/internal/testdir"
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
// refuses a wrong password. The passwords go to qpdf on its standard input
// (--password-file=-), never in its arguments, where ps would show them.
func qpdf(t *testing.T, path, pw string, pages int) {
	t.Helper()
	q := tool(t, "qpdf", "qpdf")
	withPassword := func(pw string, args ...string) *exec.Cmd {
		cmd := exec.Command(q, append([]string{"--password-file=-"}, args...)...)
		cmd.Stdin = strings.NewReader(pw + "\n")
		return cmd
	}
	if out, err := exec.Command(q, "--requires-password", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --requires-password: %v\n%s", err, out)
	}
	out, err := withPassword(pw, "--show-encryption", path).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("R = 6")) || !bytes.Contains(out, []byte("AESv3")) || !bytes.Contains(out, []byte("print high resolution: allowed")) ||
		!bytes.Contains(out, []byte("extract for any purpose: allowed")) || !bytes.Contains(out, []byte("modify other: not allowed")) {
		t.Errorf("qpdf --show-encryption: %v\n%s", err, out)
	}
	dec := filepath.Join(testdir.New(t), "dec.pdf")
	if out, err := withPassword(pw, "--decrypt", path, dec).CombinedOutput(); err != nil {
		t.Errorf("qpdf --decrypt: %v\n%s", err, out)
	} else if out, err := exec.Command(q, "--show-npages", dec).Output(); err != nil || strings.TrimSpace(string(out)) != fmt.Sprint(pages) {
		t.Errorf("qpdf --show-npages of the decrypted file = %q, %v; want %d", out, err, pages)
	}
	bad := filepath.Join(testdir.New(t), "bad.pdf")
	if out, err := withPassword("wrong-"+pw, "--decrypt", path, bad).CombinedOutput(); err == nil || !bytes.Contains(out, []byte("invalid password")) {
		t.Errorf("qpdf --decrypt with a wrong password: %v\n%s", err, out)
	}
}

func TestEncryptPDF(t *testing.T) {
	// No configuration directory for pdfcpu, under either variable.
	home := testdir.New(t)
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	v, kc := testVault(t)
	for _, tt := range []struct {
		name   string
		binary int
	}{{"text", 0}, {"images", 40 << 10}} {
		t.Run(tt.name, func(t *testing.T) {
			dir := testdir.New(t)
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
	dir := testdir.New(t)
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

// pdfCase is a PDF that cannot be encrypted as a PDF, and why.
type pdfCase struct {
	name string
	data []byte
	max  int64 // Options.maxPDF
	want PDFProblem
}

// pdfCases are TestPDFFallback's cases, one or more of every problem;
// they seed FuzzPDF too.
func pdfCases(t testing.TB) []pdfCase {
	t.Helper()
	v, _ := testVaultB(t)
	good := makePDF(pdfPages, 0)
	plain := writeFile(t, filepath.Join(testdir.New(t), "plain.pdf"), makePDF(pdfPages[:1], 0))
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
	noPrev := bytes.Replace(withEncrypt(good, "<< >>"), []byte("/Prev"), []byte("/Prex"), 1)
	return []pdfCase{
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
		// pdfcpu panics on them (see knownPDFcpuPanics).
		{"pdfcpu panics: startxref at the end", pdfcpuPanicPDF, 0, PDFUnreadable},
		{"pdfcpu panics: AES-256 with a short /U", withEncrypt(good, "<< /Filter /Standard /V 5 /R 6 /Length 256 "+
			"/CF << /StdCF << /AuthEvent /DocOpen /CFM /AESV3 /Length 32 >> >> /StmF /StdCF /StrF /StdCF "+
			"/O <"+strings.Repeat("00", 48)+"> /U <00> /OE <"+strings.Repeat("00", 32)+"> /UE <"+strings.Repeat("00", 32)+"> "+
			"/P -4 /Perms <"+strings.Repeat("00", 16)+"> >>"), 0, PDFUnreadable},
		{"pdfcpu panics: /Encrypt in an update without /Prev", noPrev, 0, PDFUnreadable},
		{"pdfcpu panics: an update without /Prev", bytes.Replace(noPrev, []byte("/Encrypt"), []byte("/Encrypx"), 1), 0, PDFUnreadable},
	}
}

// pdfcpuPanicPDF makes pdfcpu 0.11.1 panic (see knownPDFcpuPanics).
var pdfcpuPanicPDF = []byte("%PDF-1.7\n(Jan de Vries, IBAN NL91ABNA0417164300)\nstartxref")

// TestPDFcpuDo: a panic in pdfcpu becomes a PDFError with the problem
// unreadable, whose message holds nothing of the panic (it may quote the
// document).
func TestPDFcpuDo(t *testing.T) {
	var nilMap map[string]int
	for name, f := range map[string]func() error{
		"string":        func() error { panic("Jan de Vries, IBAN NL91ABNA0417164300") },
		"error":         func() error { panic(fmt.Errorf("object 7: (Jan de Vries)")) },
		"runtime error": func() error { nilMap["Jan de Vries"] = 1; return nil },
		"nil":           func() error { panic(nil) },
	} {
		err := pdfcpuDo(f)
		var pe *PDFError
		if !errors.As(err, &pe) || pe.Problem != PDFUnreadable || !errors.Is(err, ErrPDF) || !errors.Is(err, errPDFPanic) {
			t.Errorf("%s: pdfcpuDo = %v, want PDFError unreadable", name, err)
			continue
		}
		if msg := err.Error(); msg != "the PDF cannot be encrypted as a PDF: unreadable" {
			t.Errorf("%s: message %q", name, msg)
		}
	}
	want := errors.New("pdfcpu's error")
	if err := pdfcpuDo(func() error { return want }); err != want {
		t.Errorf("pdfcpuDo = %v, want the error as it is", err)
	}

	// A real one: Inspect (grendel file verify) says the check failed.
	path := writeFile(t, filepath.Join(testdir.New(t), "x.pdf"), pdfcpuPanicPDF)
	rep, err := Inspect(path, secret.New("password"))
	if err != nil || rep.OK() || len(rep.Checks) != 1 || rep.Checks[0].Check != CheckEncrypted || !errors.Is(rep.Checks[0].Err, errPDFPanic) {
		t.Errorf("Inspect = %+v, %v; want CheckEncrypted failed by the panic", rep, err)
	}
}

// TestPDFPanicInVerification: when pdfcpu panics on reading our own output
// back, the verification fails: no output, no share, and no ZIP instead.
func TestPDFPanicInVerification(t *testing.T) {
	v, _ := testVault(t)
	dir := testdir.New(t)
	in := writeFile(t, filepath.Join(dir, "a.pdf"), makePDF(pdfPages, 0))
	_, err := Encrypt(context.Background(), []string{in}, Options{Shares: v, tamper: func(p string) error {
		if b, _ := os.ReadFile(p); !bytes.HasPrefix(b, []byte("%PDF-")) {
			return nil // a ZIP instead: it must not come to that
		}
		return os.WriteFile(p, pdfcpuPanicPDF, 0o600)
	}})
	var ve *VerifyError
	if !errors.As(err, &ve) || ve.Check != CheckEncrypted || !errors.Is(err, errPDFPanic) {
		t.Errorf("Encrypt = %v, want CheckEncrypted failed by the panic", err)
	}
	if names := files(t, dir); !slices.Equal(names, []string{"a.pdf"}) {
		t.Errorf("folder holds %v", names)
	}
	if list, _ := v.List(); len(list) != 0 {
		t.Errorf("%d shares, want none", len(list))
	}
}

// TestPDFFallback: each reason pdfcpu cannot encrypt a PDF as a PDF has
// its code; under Auto the PDF goes into an AES ZIP with that code as
// Result.Fallback, under Format PDF it fails with it and leaves nothing.
// The error's message names the code and never pdfcpu's words, which may
// quote the document.
func TestPDFFallback(t *testing.T) {
	v, _ := testVault(t)
	seen := map[PDFProblem]bool{}
	for _, tt := range pdfCases(t) {
		seen[tt.want] = true
		t.Run(tt.name, func(t *testing.T) {
			dir := testdir.New(t)
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
	dir := testdir.New(t)
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
	dir := testdir.New(t)
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

// pdfcpuPanics makes FuzzPDF fail on a panic that pdfcpuDo caught where
// pdfcpu is not known to panic (knownPDFcpuPanics), so that the fuzzer
// keeps the input in testdata/fuzz/FuzzPDF:
//
//	go test -run '^$' -fuzz '^FuzzPDF$' -fuzzminimizetime 10x ./app/sendfile/ -args -pdfcpu-panics
//
// Without it such an input passes: the panic became a PDFError.
var pdfcpuPanics = flag.Bool("pdfcpu-panics", false, "FuzzPDF fails on a pdfcpu panic that was recovered where none is known")

// knownPDFcpuPanics are the functions of pdfcpu 0.11.1 that FuzzPDF found
// panicking, with the input it found in testdata/fuzz/FuzzPDF; pdfCases
// has the smallest of each.
var knownPDFcpuPanics = map[string]bool{
	// A file that ends in "startxref": it slices past the end
	// (46b381e9afd304bb).
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu.offsetLastXRefSection": true,
	// AES-256 (V 5) whose /U is shorter than 40 bytes (5ee372a2e7aab955).
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu.validationSalt": true,
	// An update whose trailer has no /Prev: the objects before it have
	// no offset (nil pointers), with /Encrypt (4ade145d3723bdd4) and
	// without (c5b15ed87aa2064e).
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu.dereferencedObject": true,
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu.dereferenceObject":  true,
}

// pdfcpuPanicSite asks of pdfcpu, without pdfcpuDo, what this package asks
// for a PDF from outside (read it without a password and with one,
// validate it, extract its pages; encrypt it), and returns the pdfcpu
// function that panicked, or "" when none did.
func pdfcpuPanicSite(pdf []byte) (site string) {
	defer func() {
		if recover() == nil {
			return
		}
		pcs := make([]uintptr, 64)
		frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
		for more := true; more; {
			var f runtime.Frame
			f, more = frames.Next()
			if strings.HasPrefix(f.Function, "github.com/pdfcpu/") {
				site = f.Function
				return
			}
		}
		site = "(outside pdfcpu)"
	}()
	for _, pw := range []string{"", "password"} {
		ctx, err := pdfcpu.Read(bytes.NewReader(pdf), pdfConf(model.VALIDATE, pw))
		if err != nil || api.ValidateContext(ctx) != nil || ctx.EnsurePageCount() != nil {
			continue
		}
		for nr := 1; nr <= ctx.PageCount; nr++ {
			if r, err := pdfcpu.ExtractPageContent(ctx, nr); err == nil {
				_, _ = io.ReadAll(r)
			}
		}
	}
	conf := pdfConf(model.ENCRYPT, "password")
	conf.OwnerPW, conf.EncryptUsingAES, conf.EncryptKeyLength = "owner", true, 256
	if ctx, err := api.ReadValidateAndOptimize(bytes.NewReader(pdf), conf); err == nil {
		_ = api.WriteContext(ctx, io.Discard)
	}
	return ""
}

// FuzzPDF feeds PDFs (the small ones the tests make, pdfcpu's own writing
// of one, TestPDFFallback's cases, and their mutations) through all that
// Grendel does with a PDF from outside: Encrypt with Format PDF (read,
// digest and sample the input, encrypt, verify the output) and Inspect of
// the input (`grendel file verify`). No panic escapes; Encrypt fails with
// ErrPDF or ErrVerify and leaves the folder as it was and no share, or
// writes the one output and its share.
//
// An input that pdfcpu can read costs tens of milliseconds (AES-256
// revision 6 derives its keys some ten times in encrypting and checking),
// so the fuzzer's minimisation of each new input (up to 60 s by default)
// takes most of a short run; -fuzzminimizetime 10x leaves it to explore.
func FuzzPDF(f *testing.F) {
	seeds := [][]byte{makePDF(pdfPages[:1], 0), makePDF(pdfPages, 0), makePDF(pdfPages[:1], 64)}
	dir := testdir.New(f)
	src := writeFile(f, filepath.Join(dir, "src.pdf"), makePDF(pdfPages[:2], 64))
	conf := model.NewDefaultConfiguration()
	conf.WriteObjectStream, conf.WriteXRefStream = true, true
	if err := api.OptimizeFile(src, filepath.Join(dir, "streams.pdf"), conf); err != nil {
		f.Fatal(err)
	}
	streams, _ := os.ReadFile(filepath.Join(dir, "streams.pdf"))
	seeds = append(seeds, streams)
	for _, c := range pdfCases(f) {
		if c.max == 0 {
			seeds = append(seeds, c.data)
		}
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		newPanic := func(err error) bool {
			if !*pdfcpuPanics || !errors.Is(err, errPDFPanic) {
				return false
			}
			site := pdfcpuPanicSite(data)
			t.Logf("pdfcpu panicked in %q", site)
			return !knownPDFcpuPanics[site]
		}
		v, _ := testVaultB(t)
		dir := testdir.New(t)
		in := writeFile(t, filepath.Join(dir, "in.pdf"), data)
		_, err := Encrypt(context.Background(), []string{in}, Options{Shares: v, Format: PDF})
		names := files(t, dir)
		shares, _ := v.List()
		switch {
		case err != nil:
			if !errors.Is(err, ErrPDF) && !errors.Is(err, ErrVerify) {
				t.Errorf("Encrypt = %v, want ErrPDF or ErrVerify", err)
			}
			if newPanic(err) {
				t.Errorf("Encrypt: pdfcpu panicked (recovered)")
			}
			if !slices.Equal(names, []string{"in.pdf"}) || len(shares) != 0 {
				t.Errorf("Encrypt = %v and left %v, %d shares", err, names, len(shares))
			}
		case !slices.Equal(names, []string{"in-protected.pdf", "in.pdf"}) || len(shares) != 1:
			t.Errorf("Encrypt succeeded and left %v, %d shares", names, len(shares))
		}
		rep, err := Inspect(in, secret.New("password"))
		if err != nil {
			t.Fatalf("Inspect(input) = %v", err)
		}
		if rep.Kind != KindPDF && bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Errorf("Inspect(input) = %+v", rep)
		}
		for _, c := range rep.Checks {
			if newPanic(c.Err) {
				t.Errorf("Inspect: pdfcpu panicked (recovered) at %s", c.Check)
			}
		}
	})
}

// A PDF nested two hundred thousand levels deep is refused before pdfcpu
// reads it: its parser would overflow the stack at about two million, a
// fatal error no recover catches.
func TestPDFNestedTooDeep(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
		deep bool
	}{
		{"arrays", strings.Repeat("[", 200_000), true},
		{"dictionaries", strings.Repeat("<<", 200_000), true},
		{"balanced", strings.Repeat("[<<>>]", 200_000), false},
		{"angle runs", strings.Repeat("<<<>>>", 200_000), false},
		{"closing first", strings.Repeat("]", 200_000) + strings.Repeat("[", 1000), false},
	} {
		deep, err := nestedTooDeep(strings.NewReader("%PDF-1.7\n"+tc.body), maxPDFNesting)
		if err != nil || deep != tc.deep {
			t.Errorf("%s: nestedTooDeep = %v, %v; want %v", tc.name, deep, err, tc.deep)
		}
	}
	_, err := readPDF(strings.NewReader("%PDF-1.7\n1 0 obj\n"+strings.Repeat("[", 200_000)), "")
	var pe *PDFError
	if !errors.As(err, &pe) || pe.Problem != PDFUnreadable || !errors.Is(err, errPDFTooDeep) {
		t.Errorf("readPDF of a too deep PDF: %v, want unreadable (too deep)", err)
	}
}
