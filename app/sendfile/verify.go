package sendfile

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"

	"grendel/app/aeszip"
	"grendel/app/officecrypt"
	"grendel/app/secret"
)

// A verifier checks one kind of output. Each method gets the output file.
type verifier interface {
	// encrypted checks the format's structure without the password.
	encrypted(f *os.File, size int64) error
	// open opens with the password and compares the content with the
	// input (CheckOpens, then CheckContent).
	open(f *os.File, size int64, pw string, opts *Options) (opened bool, err error)
	// wrong checks that a wrong password fails at the password check.
	wrong(f *os.File, size int64, pw string) error
	// plaintext returns the sample of the input to look for.
	plaintext() (*sample, error)
}

// verify runs every check on the file at path and returns them with the
// file's size; the error is the first failed check's [*VerifyError].
func verify(path string, pw secret.Secret, v verifier, opts *Options) ([]CheckResult, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, &VerifyError{Check: CheckOpens, Err: err}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, 0, &VerifyError{Check: CheckOpens, Err: err}
	}
	size := fi.Size()
	opts.progress(StageVerify, 0, size)
	var checks []CheckResult
	fail := func(c Check, err error) ([]CheckResult, int64, error) {
		checks = append(checks, CheckResult{Check: c, Err: err})
		return checks, size, &VerifyError{Check: c, Err: err}
	}
	pass := func(c Check) { checks = append(checks, CheckResult{Check: c, OK: true}) }

	if err := v.encrypted(f, size); err != nil {
		return fail(CheckEncrypted, err)
	}
	pass(CheckEncrypted)
	opened, err := v.open(f, size, pw.Reveal(), opts)
	if !opened {
		return fail(CheckOpens, err)
	}
	pass(CheckOpens)
	if err != nil {
		return fail(CheckContent, err)
	}
	pass(CheckContent)
	if err := v.wrong(f, size, pw.Reveal()); err != nil {
		return fail(CheckWrongPassword, err)
	}
	pass(CheckWrongPassword)
	s, err := v.plaintext()
	if err == nil {
		err = noPlaintext(f, s)
	}
	if err != nil {
		return fail(CheckNoPlaintext, err)
	}
	pass(CheckNoPlaintext)
	opts.progress(StageVerify, size, size)
	return checks, size, nil
}

// errPlaintext is the cause of a failed CheckNoPlaintext.
var errPlaintext = errors.New("the output holds a piece of the input as it is")

// noPlaintext scans f for an unencrypted ZIP local header at its start (an
// OOXML package as it is) when the sample asks, and for the sample's
// windows.
func noPlaintext(f *os.File, s *sample) error {
	if s.noZipStart {
		head := make([]byte, 4)
		if _, err := f.ReadAt(head, 0); err == nil && bytes.Equal(head, []byte("PK\x03\x04")) {
			return fmt.Errorf("the output starts like an unencrypted ZIP or Office package: %w", errPlaintext)
		}
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	found, err := s.scan(f)
	if err != nil {
		return err
	}
	if found {
		return errPlaintext
	}
	return nil
}

// officeVerifier checks an Agile-encrypted package against the package
// that went in (sum, and the sample of its bytes).
type officeVerifier struct {
	sum    [sha256.Size]byte
	sample *sample
	// then, if not nil, checks the decrypted package further (the cells of
	// a converted CSV file).
	then func(pkg []byte) error
}

func (o *officeVerifier) encrypted(f *os.File, size int64) error {
	if !officecrypt.IsEncrypted(f, size) {
		return officecrypt.ErrNotEncrypted
	}
	return nil
}

func (o *officeVerifier) open(f *os.File, size int64, pw string, opts *Options) (bool, error) {
	h := sha256.New()
	var w io.Writer = h
	var buf *bytes.Buffer
	if o.then != nil {
		buf = new(bytes.Buffer)
		w = io.MultiWriter(h, buf)
	}
	if err := officecrypt.Decrypt(f, size, pw, w); err != nil {
		return false, err
	}
	if !bytes.Equal(h.Sum(nil), o.sum[:]) {
		return true, errors.New("the decrypted package differs from the one encrypted")
	}
	if o.then != nil {
		opts.progress(StageVerify, size/2, size)
		return true, o.then(buf.Bytes())
	}
	return true, nil
}

func (o *officeVerifier) wrong(f *os.File, size int64, pw string) error {
	err := officecrypt.Decrypt(f, size, wrongPassword(pw), io.Discard)
	if !errors.Is(err, officecrypt.ErrWrongPassword) {
		return fmt.Errorf("a wrong password gave %v, want %v", err, officecrypt.ErrWrongPassword)
	}
	return nil
}

func (o *officeVerifier) plaintext() (*sample, error) { return o.sample, nil }

// zipVerifier checks an AES ZIP against the entries written.
type zipVerifier struct {
	entries []aeszip.Entry
	sources []string
}

func (z *zipVerifier) encrypted(f *os.File, size int64) error {
	return aeszip.CheckEncrypted(f, size)
}

func (z *zipVerifier) limits() aeszip.Limits {
	l := aeszip.Limits{MaxEntries: len(z.entries) + 1, MaxEntrySize: 1, MaxTotalSize: 1, MaxRatio: 1 << 40}
	for _, e := range z.entries {
		l.MaxEntrySize = max(l.MaxEntrySize, e.Size)
		l.MaxTotalSize += e.Size
	}
	return l
}

func (z *zipVerifier) open(f *os.File, size int64, pw string, _ *Options) (bool, error) {
	sums, err := aeszip.Verify(f, size, pw, z.limits())
	if err != nil {
		return false, err
	}
	if len(sums) != len(z.entries) {
		return true, fmt.Errorf("%d entries, want %d", len(sums), len(z.entries))
	}
	for i, s := range sums {
		e := z.entries[i]
		if s.Name != e.Stored || s.Dir != e.Dir || s.Size != e.Size || s.SHA256 != e.SHA256 {
			return true, fmt.Errorf("entry %q differs from %q as written", s.Name, e.Stored)
		}
	}
	return true, nil
}

func (z *zipVerifier) wrong(f *os.File, size int64, pw string) error {
	_, err := aeszip.Verify(f, size, wrongPassword(pw), z.limits())
	if !errors.Is(err, aeszip.ErrWrongPassword) {
		return fmt.Errorf("a wrong password gave %v, want %v", err, aeszip.ErrWrongPassword)
	}
	return nil
}

func (z *zipVerifier) plaintext() (*sample, error) {
	s := newSample()
	for _, p := range z.sources {
		if err := s.addFile(p); err != nil {
			return nil, err
		}
	}
	return s, nil
}
