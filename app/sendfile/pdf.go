package sendfile

import (
	"bufio"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"grendel/app/secret"
)

// pdfcpu, unless told otherwise, creates ~/.config/pdfcpu (a configuration
// file, fonts, certificates) on its first use, and exits the process when
// it cannot. Grendel needs none of it: the configuration directory is
// turned off before any use of pdfcpu, for the whole process.
func init() { api.DisableConfigDir() }

// MaxPDFSize is the largest PDF that is encrypted as a PDF: pdfcpu holds
// the whole document in memory while it reads and writes it, so a larger
// one goes into an AES ZIP (which streams), or fails with Format PDF.
const MaxPDFSize = 128 << 20

// pdfPermissions lets the recipient print (also in high quality) and copy
// text and graphics, and nothing else; the bits PDF reserves are set, as
// the specification asks.
const pdfPermissions = model.PermissionsNone | model.PermissionPrintRev2 | model.PermissionPrintRev3 |
	model.PermissionExtract | model.PermissionExtractRev3

// ErrPDF means that a PDF could not be encrypted as a PDF: it is damaged,
// too large, or of a kind pdfcpu cannot read or write. The error is a
// [*PDFError] that says which. With Format Auto the PDF goes into an AES
// ZIP instead (Result.Fallback).
var ErrPDF = errors.New("the PDF cannot be encrypted as a PDF")

// PDFProblem says, as a code, why a PDF could not be encrypted as a PDF.
type PDFProblem string

// The problems.
const (
	// PDFEncrypted: the PDF is encrypted already, with a password to open
	// it, with only a password that restricts printing or copying, or
	// with a security handler pdfcpu does not know (certificates).
	PDFEncrypted PDFProblem = "encrypted"
	// PDFTooLarge: the PDF is larger than [MaxPDFSize].
	PDFTooLarge PDFProblem = "too_large"
	// PDFUnreadable: the PDF, or a page's content, cannot be read: it is
	// damaged, not a PDF, or compressed in a way pdfcpu cannot decode; or
	// pdfcpu panicked on it (see pdfcpuDo).
	PDFUnreadable PDFProblem = "unreadable"
	// PDFUnsupported: the PDF was read, but pdfcpu cannot write it again
	// with a password (it has a flaw that readers put up with, such as a
	// reference to an object that is missing).
	PDFUnsupported PDFProblem = "unsupported"
)

// PDFProblems lists every problem.
var PDFProblems = []PDFProblem{PDFEncrypted, PDFTooLarge, PDFUnreadable, PDFUnsupported}

// PDFError is why a PDF could not be encrypted as a PDF. It wraps
// [ErrPDF], also [ErrAlreadyEncrypted] for PDFEncrypted, and pdfcpu's
// error if there is one. Its message names the problem only: pdfcpu's
// errors may quote the document (names, strings, content), so they are
// never in it.
type PDFError struct {
	Problem PDFProblem
	// Err is pdfcpu's error, or nil.
	Err error
}

func (e *PDFError) Error() string {
	return "the PDF cannot be encrypted as a PDF: " + string(e.Problem)
}

// Unwrap returns ErrPDF, ErrAlreadyEncrypted for PDFEncrypted, and Err.
func (e *PDFError) Unwrap() []error {
	errs := []error{ErrPDF}
	if e.Problem == PDFEncrypted {
		errs = append(errs, ErrAlreadyEncrypted)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

// ErrPDFWrongPassword is pdfcpu's error for a password that does not open
// an encrypted PDF: the format's password check.
var ErrPDFWrongPassword = pdfcpu.ErrWrongPassword

// errPDFNotEncrypted and errPDFNoPassword are failed CheckEncrypted.
var (
	errPDFNotEncrypted = errors.New("the PDF is not encrypted")
	errPDFNoPassword   = errors.New("the PDF is encrypted but opens without a password")
)

// errPDFPanic is the cause in a [*PDFError] when pdfcpu panicked.
var errPDFPanic = errors.New("pdfcpu panicked")

// pdfcpuDo runs f, which calls into pdfcpu, and turns a panic in it into a
// [*PDFError] with the problem PDFUnreadable. pdfcpu is not hardened
// against hostile input: a PDF from outside can make it index out of range
// or dereference nil, and that must not end the CLI or the send window's
// process. Every call into pdfcpu with a document goes through pdfcpuDo.
// Neither the panic's value nor its stack goes anywhere: they may quote
// the document, and Grendel keeps no debug log. A panic that pdfcpu leaves
// unrecovered in a goroutine of its own, and a fatal error (a stack
// overflow, memory exhausted) cannot be caught here.
func pdfcpuDo(f func() error) (err error) {
	defer func() {
		if recover() != nil {
			err = &PDFError{Problem: PDFUnreadable, Err: errPDFPanic}
		}
	}()
	return f()
}

// pdfConf is a pdfcpu configuration for cmd that reads with the user
// password upw (the configuration directory is off, see init).
func pdfConf(cmd model.CommandMode, upw string) *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.Cmd = cmd
	conf.UserPW = upw
	conf.ValidationMode = model.ValidationRelaxed
	return conf
}

// maxPDFNesting bounds how deeply arrays and dictionaries may nest in a
// PDF handed to pdfcpu. Its parser recurses once per level, and about two
// million levels (a 6 MB file of "[") overflow the stack: a fatal error
// that no recover catches, which would end the CLI or the send window.
// Real PDFs nest a few dozen levels; the random bytes of a compressed
// stream open and close brackets alike and stay far below this.
const maxPDFNesting = 100_000

// errPDFTooDeep is the cause in a [*PDFError] for a PDF nested deeper than
// [maxPDFNesting].
var errPDFTooDeep = errors.New("the PDF nests arrays or dictionaries too deeply")

// nestedTooDeep reports whether r, read to its end, opens more than limit
// arrays ("[") and dictionaries ("<<") without closing them.
func nestedTooDeep(r io.Reader, limit int) (bool, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	depth, prev := 0, byte(0)
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		switch {
		case c == '[', c == '<' && prev == '<':
			depth++
			if depth > limit {
				return true, nil
			}
		case c == ']', c == '>' && prev == '>':
			depth = max(depth-1, 0)
		}
		if (c == '<' || c == '>') && prev == c {
			c = 0 // "<<<" is one "<<" and a "<"
		}
		prev = c
	}
}

// readPDF reads and validates the PDF in rs, opening it with the user
// password upw if it is encrypted.
func readPDF(rs io.ReadSeeker, upw string) (*model.Context, error) {
	if _, err := rs.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	if deep, err := nestedTooDeep(rs, maxPDFNesting); err != nil || deep {
		if err == nil {
			err = &PDFError{Problem: PDFUnreadable, Err: errPDFTooDeep}
		}
		return nil, err
	}
	if _, err := rs.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	var ctx *model.Context
	err := pdfcpuDo(func() (err error) {
		if ctx, err = pdfcpu.Read(rs, pdfConf(model.VALIDATE, upw)); err != nil {
			return err
		}
		if err := api.ValidateContext(ctx); err != nil {
			return err
		}
		return ctx.EnsurePageCount()
	})
	if err != nil {
		return nil, err
	}
	return ctx, nil
}

// pdfDigest is what must survive encryption: the number of pages and the
// SHA-256 of each page's decoded content stream (the operators that draw
// its text and graphics).
type pdfDigest struct {
	pages   int
	content [][sha256.Size]byte
}

// digestPDF returns ctx's digest, and passes each page's content to each
// if it is not nil.
func digestPDF(ctx *model.Context, each func(page []byte)) (*pdfDigest, error) {
	d := &pdfDigest{pages: ctx.PageCount}
	for nr := 1; nr <= ctx.PageCount; nr++ {
		var b []byte
		err := pdfcpuDo(func() error {
			r, err := pdfcpu.ExtractPageContent(ctx, nr)
			if err != nil {
				return fmt.Errorf("page %d: %w", nr, err)
			}
			b, err = io.ReadAll(r)
			return err
		})
		if err != nil {
			return nil, err
		}
		d.content = append(d.content, sha256.Sum256(b))
		if each != nil {
			each(b)
		}
	}
	return d, nil
}

// The sample of a PDF's plaintext. A PDF's object syntax (dictionaries,
// names, numbers) stays readable when the PDF is encrypted, and much of it
// is the same before and after, so a sample of the whole file would find
// "plaintext" in every output. Only what encryption must hide is sampled:
// the raw bytes of the input's streams (page content, fonts, images), and
// the decoded content of its pages, within budgets of windows.
const (
	pdfStreamWindows = 4 * perInput
	pdfPageWindows   = perInput
)

// samplePDF samples ctx's streams (all but cross-reference streams, which
// PDF never encrypts) and the page contents in pages.
func samplePDF(ctx *model.Context, pages [][]byte) (*sample, error) {
	var streams [][]byte
	var total int64
	err := pdfcpuDo(func() error {
		nrs := make([]int, 0, len(ctx.Table))
		for nr := range ctx.Table {
			nrs = append(nrs, nr)
		}
		slices.Sort(nrs)
		for _, nr := range nrs {
			e := ctx.Table[nr]
			if e == nil || e.Free {
				continue
			}
			sd, ok := e.Object.(types.StreamDict)
			if !ok || len(sd.Raw) < window {
				continue
			}
			if t := sd.Type(); t != nil && *t == "XRef" {
				continue
			}
			streams = append(streams, sd.Raw)
			total += int64(len(sd.Raw))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s := newSample()
	addBudget(s, streams, total, pdfStreamWindows)
	total = 0
	for _, p := range pages {
		total += int64(len(p))
	}
	addBudget(s, pages, total, pdfPageWindows)
	return s, nil
}

// addBudget samples each of bs with a share of budget windows in
// proportion to its length (at least its first and last window).
func addBudget(s *sample, bs [][]byte, total int64, budget int) {
	for _, b := range bs {
		if len(b) < window {
			continue
		}
		n := max(2, int(int64(budget)*int64(len(b))/max(total, 1)))
		s.addSpread(b, n)
	}
}

// writePDF encrypts the one PDF of p into w with AES-256, the user
// password pw and a random owner password that is never kept.
func writePDF(p *plan, w *os.File, pw secret.Secret, opts *Options) (verifier, error) {
	f, err := os.Open(p.inputs[0].path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	size, limit := fi.Size(), int64(MaxPDFSize)
	if opts.maxPDF > 0 {
		limit = opts.maxPDF
	}
	if size > limit {
		return nil, &PDFError{Problem: PDFTooLarge}
	}
	opts.progress(StageEncrypt, 0, size)

	digest, s, err := analysePDF(f)
	if err != nil {
		return nil, err
	}

	owner := make([]byte, 32)
	if _, err := rand.Read(owner); err != nil {
		return nil, err
	}
	conf := pdfConf(model.ENCRYPT, pw.Reveal())
	conf.OwnerPW = hex.EncodeToString(owner)
	conf.EncryptUsingAES = true
	conf.EncryptKeyLength = 256
	conf.Permissions = pdfPermissions
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	if err := encryptPDF(f, w, conf); err != nil {
		return nil, asPDFError(PDFUnsupported, err)
	}
	opts.progress(StageEncrypt, size, size)
	return &pdfVerifier{digest: digest, sample: s}, nil
}

// encryptPDF is pdfcpu's api.Encrypt, but writes a PDF 2.0: pdfcpu
// chooses the security handler's revision by the document's version, and
// writes revision 6 (AES-256 with the iterated SHA-2 password hash of
// ISO 32000-2) only for PDF 2.0; for older versions it writes revision 5,
// Adobe's deprecated extension with a single SHA-256 of the password. The
// header and the catalog's /Version (which pdfcpu drops on writing) are
// both set to 2.0 before the encryption dictionary is made, at writing.
// Readers that know AES-256 (Acrobat X and later, Preview, pdf.js, qpdf,
// browsers) read revision 6 and PDF 2.0 headers.
func encryptPDF(rs io.ReadSeeker, w io.Writer, conf *model.Configuration) error {
	conf.Cmd = model.ENCRYPT
	return pdfcpuDo(func() error {
		ctx, err := api.ReadValidateAndOptimize(rs, conf)
		if err != nil {
			return err
		}
		v := model.V20
		ctx.HeaderVersion = &v
		ctx.RootVersion = &v
		return api.WriteContext(ctx, w)
	})
}

// analysePDF reads the input PDF: it must not be encrypted already; its
// digest and sample are what the output is checked against. The document
// is released when it returns, before pdfcpu reads it again to encrypt.
func analysePDF(f *os.File) (*pdfDigest, *sample, error) {
	ctx, err := readPDF(f, "")
	switch {
	case encryptedErr(err):
		return nil, nil, &PDFError{Problem: PDFEncrypted, Err: err}
	case err != nil:
		return nil, nil, asPDFError(PDFUnreadable, err)
	case ctx.Encrypt != nil:
		return nil, nil, &PDFError{Problem: PDFEncrypted}
	}
	var pages [][]byte
	digest, err := digestPDF(ctx, func(b []byte) { pages = append(pages, b) })
	if err != nil {
		return nil, nil, asPDFError(PDFUnreadable, err)
	}
	s, err := samplePDF(ctx, pages)
	if err != nil {
		return nil, nil, asPDFError(PDFUnreadable, err)
	}
	return digest, s, nil
}

// asPDFError is err as a [*PDFError]: err's own if it has one (pdfcpu
// panicked, see [pdfcpuDo]), else one with the problem p that wraps err.
func asPDFError(p PDFProblem, err error) *PDFError {
	if pe := (*PDFError)(nil); errors.As(err, &pe) {
		return pe
	}
	return &PDFError{Problem: p, Err: err}
}

// encryptedErr reports whether err, of reading a PDF without a password,
// says that it is encrypted: it needs a password (ErrWrongPassword), or its
// encryption is of a kind pdfcpu cannot open (a certificate's or a DRM
// plug-in's security handler, an unknown revision). pdfcpu has no sentinel
// for most of the latter, only messages that begin as below;
// TestPDFFallback's certificate case holds a new pdfcpu to that.
func encryptedErr(err error) bool {
	return err != nil && (errors.Is(err, pdfcpu.ErrWrongPassword) || errors.Is(err, pdfcpu.ErrUnknownEncryption) ||
		strings.Contains(err.Error(), "pdfcpu: unsupported encryption"))
}

// pdfVerifier checks an encrypted PDF against the digest of the input; a
// nil digest checks only what needs no input (Inspect).
type pdfVerifier struct {
	digest *pdfDigest
	sample *sample
}

// encrypted: the trailer has an encryption dictionary (pdfcpu asks for
// the password only then), and no password is no way in.
func (v *pdfVerifier) encrypted(f *os.File, _ int64) error {
	ctx, err := readPDF(f, "")
	switch {
	case errors.Is(err, pdfcpu.ErrWrongPassword):
		return nil
	case err != nil:
		return err
	case ctx.Encrypt == nil:
		return errPDFNotEncrypted
	}
	return errPDFNoPassword
}

func (v *pdfVerifier) open(f *os.File, size int64, pw string, opts *Options) (bool, error) {
	ctx, err := readPDF(f, pw)
	if err != nil {
		return false, err
	}
	if opts != nil {
		opts.progress(StageVerify, size/2, size)
	}
	// AESV3 (V 5), revision 6 (see encryptPDF): revision 5 is refused.
	if e := ctx.E; e == nil || e.V != 5 || e.R != 6 || !ctx.AES4Streams || !ctx.AES4Strings || ctx.EncKey == nil || len(ctx.EncKey) != 32 {
		return true, errors.New("the PDF is not encrypted with AES-256 (revision 6)")
	}
	if p := model.PermissionFlags(ctx.E.P); p&pdfPermissions != pdfPermissions {
		return true, fmt.Errorf("the PDF's permissions %#x do not allow printing and copying", ctx.E.P)
	}
	if v.digest == nil {
		return true, nil
	}
	d, err := digestPDF(ctx, nil)
	if err != nil {
		return true, err
	}
	if d.pages != v.digest.pages {
		return true, fmt.Errorf("%d pages, want %d", d.pages, v.digest.pages)
	}
	for i := range d.content {
		if d.content[i] != v.digest.content[i] {
			return true, fmt.Errorf("page %d differs from the original", i+1)
		}
	}
	return true, nil
}

func (v *pdfVerifier) wrong(f *os.File, _ int64, pw string) error {
	_, err := readPDF(f, wrongPassword(pw))
	if !errors.Is(err, pdfcpu.ErrWrongPassword) {
		return fmt.Errorf("a wrong password gave %v, want %v", err, pdfcpu.ErrWrongPassword)
	}
	return nil
}

func (v *pdfVerifier) plaintext() (*sample, error) { return v.sample, nil }

// inspectPDF checks a PDF without its original.
func inspectPDF(_ *Report, f *os.File, pw secret.Secret, add func(Check, error) bool) {
	v := &pdfVerifier{}
	_ = add(CheckEncrypted, v.encrypted(f, 0)) &&
		add(CheckOpens, openErr(v.open(f, 0, pw.Reveal(), nil))) &&
		add(CheckWrongPassword, v.wrong(f, 0, pw.Reveal())) &&
		add(CheckNoPlaintext, nil)
}

// openErr folds a verifier's open result into one error.
func openErr(_ bool, err error) error { return err }
