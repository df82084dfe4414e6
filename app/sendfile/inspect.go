package sendfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"grendel/app/aeszip"
	"grendel/app/officecrypt"
	"grendel/app/secret"
)

// Report is what Inspect found in a file someone means to send.
type Report struct {
	// Kind is the file's encrypted format, or "" if it is none of them.
	Kind Kind
	// Checks are the checks that apply without the original: CheckEncrypted,
	// CheckOpens, CheckWrongPassword, CheckNoPlaintext (no unencrypted
	// package, every entry encrypted). A failed check ends the list.
	Checks []CheckResult
}

// OK reports whether every check passed.
func (r *Report) OK() bool {
	for _, c := range r.Checks {
		if !c.OK {
			return false
		}
	}
	return len(r.Checks) > 0
}

// Inspect checks a file made by Encrypt, or by anyone, without its
// original: whether it is encrypted (an Office package or an AES ZIP),
// whether it opens with pw, whether a wrong password fails at the password
// check, and whether it holds no unencrypted package or entry. The checks
// stop at the first that fails; the error is only for a file that cannot
// be read.
func Inspect(path string, pw secret.Secret) (*Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := fi.Size()
	rep := &Report{}
	add := func(c Check, err error) bool {
		rep.Checks = append(rep.Checks, CheckResult{Check: c, OK: err == nil, Err: err})
		return err == nil
	}
	head := make([]byte, 5)
	if _, err := f.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	switch {
	case officecrypt.IsEncrypted(f, size):
		rep.Kind = KindOffice
		_ = add(CheckEncrypted, nil) &&
			add(CheckOpens, officecrypt.Decrypt(f, size, pw.Reveal(), io.Discard)) &&
			add(CheckWrongPassword, wrongOffice(f, size, pw.Reveal())) &&
			add(CheckNoPlaintext, nil)
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		rep.Kind = KindZip
		err := aeszip.CheckEncrypted(f, size)
		if !add(CheckEncrypted, err) {
			return rep, nil
		}
		_, err = aeszip.Verify(f, size, pw.Reveal(), aeszip.DefaultLimits())
		_ = add(CheckOpens, err) &&
			add(CheckWrongPassword, (&zipVerifier{}).wrongAny(f, size, pw.Reveal())) &&
			add(CheckNoPlaintext, nil)
	case bytes.HasPrefix(head, []byte("%PDF-")):
		rep.Kind = KindPDF
		inspectPDF(rep, f, pw, add)
	default:
		add(CheckEncrypted, ErrNoEncryptedKind)
	}
	return rep, nil
}

func wrongOffice(f *os.File, size int64, pw string) error {
	return (&officeVerifier{}).wrong(f, size, pw)
}

// wrongAny checks a wrong password on an archive whose sizes are unknown.
func (z *zipVerifier) wrongAny(f *os.File, size int64, pw string) error {
	_, err := aeszip.Verify(f, size, wrongPassword(pw), aeszip.DefaultLimits())
	if !errors.Is(err, aeszip.ErrWrongPassword) {
		return fmt.Errorf("a wrong password gave %v, want %v", err, aeszip.ErrWrongPassword)
	}
	return nil
}
