package sendfile

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"grendel/app/audit"
	"grendel/app/officecrypt"
	"grendel/app/secret"
	"grendel/app/vault"
	"grendel/internal/atomicfile"
)

// officeExts are the OOXML packages that get Office's own encryption.
var officeExts = map[string]bool{".xlsx": true, ".xlsm": true, ".docx": true, ".pptx": true}

// input is one file or folder to encrypt.
type input struct {
	path string
	info fs.FileInfo
}

// plan is what Encrypt will write.
type plan struct {
	kind   Kind
	inputs []input
	output string
}

// choose decides the kind of output for the inputs and the format asked.
func choose(inputs []input, f Format) (Kind, error) {
	single := len(inputs) == 1 && inputs[0].info.Mode().IsRegular()
	ext := ""
	if single {
		ext = strings.ToLower(filepath.Ext(inputs[0].path))
	}
	switch f {
	case "", Auto:
		switch {
		case single && officeExts[ext]:
			return KindOffice, nil
		case single && ext == ".csv":
			return KindWorkbook, nil
		case single && ext == ".pdf":
			return KindPDF, nil
		}
		return KindZip, nil
	case Zip:
		return KindZip, nil
	case Office:
		switch {
		case single && officeExts[ext]:
			return KindOffice, nil
		case single && ext == ".csv":
			return KindWorkbook, nil
		}
		return "", fmt.Errorf("office encryption takes one .xlsx, .xlsm, .docx, .pptx or .csv file: %w", ErrFormat)
	case PDF:
		if single && ext == ".pdf" {
			return KindPDF, nil
		}
		return "", fmt.Errorf("PDF encryption takes one .pdf file: %w", ErrFormat)
	}
	return "", fmt.Errorf("format %q: %w", f, ErrFormat)
}

// The English words of a default output name (see [Naming]).
const (
	DefaultSuffix = "protected"
	DefaultFiles  = "files"
)

// Naming is the words of a default output name. The core does not
// translate: the caller passes the words of the user's language, and an
// empty one, or one that cannot stand in a file name, means the English
// word.
type Naming struct {
	// Suffix ends the name: "klanten-protected.xlsx" ([DefaultSuffix]).
	Suffix string
	// Files names the output of several inputs: "files-protected.zip"
	// ([DefaultFiles]).
	Files string
}

// word returns w, or def when w is empty or cannot stand in a file name
// on every system (a path separator, a character Windows refuses, a
// control character, a leading dot or space).
func word(w, def string) string {
	if w == "" || len(w) > 64 || strings.ContainsAny(w, `/\:*?"<>|`) || strings.HasPrefix(w, ".") ||
		strings.TrimSpace(w) != w || strings.ContainsFunc(w, unicode.IsControl) {
		return def
	}
	return w
}

// OutputName is the default name of the output for the inputs and kind:
// beside the first input, its name with "-" and n's suffix and the kind's
// extension ("klanten.csv" becomes "klanten-protected.xlsx", or
// "klanten-beveiligd.xlsx" with a Dutch suffix); several inputs make
// "files-protected.zip" in the first one's folder.
func OutputName(inputs []string, kind Kind, n Naming) string {
	if len(inputs) == 0 {
		return ""
	}
	first := filepath.Clean(inputs[0])
	dir, base := filepath.Dir(first), filepath.Base(first)
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	if fi, err := os.Stat(first); err == nil && fi.IsDir() {
		stem = base
	}
	ext := filepath.Ext(base)
	switch kind {
	case KindWorkbook:
		ext = ".xlsx"
	case KindZip:
		ext = ".zip"
		if len(inputs) > 1 {
			stem = word(n.Files, DefaultFiles)
		}
	case KindPDF:
		ext = ".pdf"
	}
	return filepath.Join(dir, stem+"-"+word(n.Suffix, DefaultSuffix)+ext)
}

// Encrypt encrypts the files or folder in paths for opts.Recipient,
// verifies the result, moves it into place and stores the password as a
// share (see the package documentation). Its errors wrap the package's
// sentinels, a [*VerifyError], or the share vault's errors; on any error
// there is no output and no share.
func Encrypt(ctx context.Context, paths []string, opts Options) (*Result, error) {
	if opts.Shares == nil {
		return nil, errors.New("sendfile: no share vault")
	}
	if !opts.Format.Valid() {
		return nil, fmt.Errorf("format %q: %w", opts.Format, ErrFormat)
	}
	if opts.Channel == "" {
		opts.Channel = vault.ChannelOther
	}
	if opts.PartnersOnly && !IsPartner(opts.Recipient, opts.Partners) {
		return nil, ErrNotPartner
	}
	if len(paths) == 0 {
		return nil, ErrInput
	}
	inputs := make([]input, 0, len(paths))
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInput, err)
		}
		if !fi.Mode().IsRegular() && !fi.IsDir() {
			return nil, fmt.Errorf("%s: not a regular file or folder: %w", p, ErrInput)
		}
		inputs = append(inputs, input{path: p, info: fi})
	}
	kind, err := choose(inputs, opts.Format)
	if err != nil {
		return nil, err
	}
	res := &Result{Inputs: paths}
	pw, settings, entropy, err := generate(opts)
	if err != nil {
		return nil, err
	}
	res.Password, res.Entropy = pw, entropy

	out, err := outputPath(opts.Output, paths, kind, opts.Naming)
	if err != nil {
		return nil, err
	}
	if err := checkFree(out, opts.Force, inputs); err != nil {
		return nil, err
	}
	res.Output = out
	err = write(ctx, &plan{kind: kind, inputs: inputs, output: out}, pw, &opts, res)
	var pe *PDFError
	if kind == KindPDF && opts.Format != PDF && !errors.Is(err, ErrVerify) && errors.As(err, &pe) {
		// pdfcpu could not encrypt this PDF: an AES ZIP holds it instead.
		// Other errors (the output, the disk, a failed check, also one
		// where pdfcpu could not read our own output) would fail the ZIP
		// too, or must not be hidden by it.
		res.Fallback = pe
		res.Output = strings.TrimSuffix(out, filepath.Ext(out)) + ".zip"
		if opts.Output == "" || isDir(opts.Output) {
			if err := checkFree(res.Output, opts.Force, inputs); err != nil {
				return nil, err
			}
		}
		err = write(ctx, &plan{kind: KindZip, inputs: inputs, output: res.Output}, pw, &opts, res)
	}
	if errors.Is(err, ErrVerify) {
		k := kind
		if res.Fallback != nil {
			k = KindZip
		}
		audit.Record(opts.Audit, audit.FileEncrypted{Format: string(k), Fallback: res.Fallback != nil})
	}
	if err != nil {
		return nil, err
	}
	share, err := opts.Shares.Create(vault.Request{
		Label: filepath.Base(res.Output), Recipient: opts.Recipient, Channel: opts.Channel,
		Settings: settings, Secret: pw, Entropy: entropy,
	})
	if err != nil {
		// No share, so no output: nobody would have the password.
		_ = os.Remove(res.Output)
		return nil, fmt.Errorf("storing the password: %w", err)
	}
	res.Share = share
	audit.Record(opts.Audit, audit.FileEncrypted{Format: string(res.Kind), Fallback: res.Fallback != nil, Verified: true, Share: share.ID})
	return res, nil
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// outputPath resolves Options.Output.
func outputPath(o string, paths []string, kind Kind, n Naming) (string, error) {
	def := OutputName(paths, kind, n)
	switch {
	case o == "":
		return def, nil
	case isDir(o):
		return filepath.Join(o, filepath.Base(def)), nil
	}
	return filepath.Clean(o), nil
}

// checkFree refuses an output that exists (unless force) or that is one of
// the inputs (always).
func checkFree(out string, force bool, inputs []input) error {
	fi, err := os.Stat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%w: %w", ErrWrite, err)
	}
	for _, in := range inputs {
		if os.SameFile(fi, in.info) {
			return fmt.Errorf("%s is an input: %w", out, ErrExists)
		}
	}
	if !force || !fi.Mode().IsRegular() {
		return fmt.Errorf("%s: %w", out, ErrExists)
	}
	return nil
}

// write writes the plan into a temporary file beside the output, verifies
// it and moves it into place.
func write(ctx context.Context, p *plan, pw secret.Secret, opts *Options, res *Result) error {
	dir := filepath.Dir(p.output)
	tmp, err := os.CreateTemp(dir, ".grendel-*.tmp")
	if err != nil {
		return fmt.Errorf("%w: %w", ErrWrite, err)
	}
	name := tmp.Name()
	placed := false
	defer func() {
		// On an error, and on a panic on its way up: nothing partial stays.
		if !placed {
			_ = tmp.Close()
			_ = os.Remove(name)
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	var v verifier
	switch p.kind {
	case KindOffice:
		v, err = writeOffice(p, bw, pw, opts)
	case KindWorkbook:
		v, err = writeWorkbook(ctx, p, bw, pw, opts, res)
	case KindZip:
		v, err = writeZip(p, bw, pw, opts, res)
	case KindPDF:
		v, err = writePDF(p, tmp, pw, opts)
	}
	if err == nil && p.kind != KindPDF {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if err != nil {
		if errors.Is(err, ErrInput) || errors.Is(err, ErrFormat) || errors.Is(err, ErrAlreadyEncrypted) || errors.Is(err, ErrPDF) {
			return err
		}
		return fmt.Errorf("%w: %w", ErrWrite, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%w: %w", ErrWrite, err)
	}
	if opts.tamper != nil {
		if err := opts.tamper(name); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	checks, size, err := verify(name, pw, v, opts)
	res.Checks = checks
	if err != nil {
		return err
	}
	if err := place(name, p.output, opts.Force); err != nil {
		return err
	}
	placed = true
	res.Kind, res.Size = p.kind, size
	return nil
}

// place moves the verified temporary file to out ([atomicfile.Place]):
// never over an existing file unless force.
func place(tmp, out string, force bool) error {
	err := atomicfile.Place(tmp, out, force)
	switch {
	case err == nil:
		return nil
	case !force && errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s: %w", out, ErrExists)
	}
	return fmt.Errorf("%w: %w", ErrWrite, err)
}

// wrongPassword returns a password that is certainly not pw.
func wrongPassword(pw string) string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	w := "wrong-" + hex.EncodeToString(b)
	if w == pw {
		w += "!"
	}
	return w
}

// progressReader reports the bytes read through it.
type progressReader struct {
	r           io.Reader
	done, total int64
	next        int64
	report      func(done, total int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.done += int64(n)
	if p.report != nil && (p.done >= p.next || err == io.EOF) {
		p.report(p.done, p.total)
		p.next = p.done + 1<<20
	}
	return n, err
}

// officeProgress adapts Options.Progress to officecrypt's.
func officeProgress(opts *Options) *officecrypt.Options {
	return &officecrypt.Options{Progress: func(done, total int64) { opts.progress(StageEncrypt, done, total) }}
}

// KindFor returns the kind of output Encrypt would write for paths and the
// format asked, without writing anything.
func KindFor(paths []string, f Format) (Kind, error) {
	inputs := make([]input, 0, len(paths))
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return "", fmt.Errorf("%w: %w", ErrInput, err)
		}
		inputs = append(inputs, input{path: p, info: fi})
	}
	return choose(inputs, f)
}
