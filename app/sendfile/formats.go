package sendfile

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"

	"grendel/app/aeszip"
	"grendel/app/officecrypt"
	"grendel/app/secret"
)

// hashingReaderAt hashes what is read from it as long as the reads are
// sequential, which is how officecrypt.Encrypt reads a package: so the
// package is read once for both.
type hashingReaderAt struct {
	r    io.ReaderAt
	h    hash.Hash
	next int64
}

func (h *hashingReaderAt) ReadAt(b []byte, off int64) (int, error) {
	n, err := h.r.ReadAt(b, off)
	if off == h.next {
		h.h.Write(b[:n])
		h.next += int64(n)
	}
	return n, err
}

// sum returns the SHA-256 of the size bytes of r: the running hash if the
// reads covered them in order, else a second pass.
func (h *hashingReaderAt) sum(size int64) ([sha256.Size]byte, error) {
	var s [sha256.Size]byte
	if h.next == size {
		copy(s[:], h.h.Sum(nil))
		return s, nil
	}
	d := sha256.New()
	if _, err := io.Copy(d, io.NewSectionReader(h.r, 0, size)); err != nil {
		return s, err
	}
	copy(s[:], d.Sum(nil))
	return s, nil
}

// encryptPackage encrypts the OOXML package of size bytes in r into w and
// returns the verifier for the result.
func encryptPackage(w io.Writer, r io.ReaderAt, size int64, pw secret.Secret, opts *Options) (*officeVerifier, error) {
	head := make([]byte, 4)
	if _, err := r.ReadAt(head, 0); err != nil || !bytes.Equal(head, []byte("PK\x03\x04")) {
		if officecrypt.IsEncrypted(r, size) {
			return nil, ErrAlreadyEncrypted
		}
		return nil, fmt.Errorf("not an Office Open XML package: %w", ErrFormat)
	}
	if size > officecrypt.MaxPackageSize {
		return nil, fmt.Errorf("the package is larger than Office encryption allows: %w", ErrFormat)
	}
	hr := &hashingReaderAt{r: r, h: sha256.New()}
	if err := officecrypt.Encrypt(w, hr, size, pw.Reveal(), officeProgress(opts)); err != nil {
		return nil, err
	}
	sum, err := hr.sum(size)
	if err != nil {
		return nil, err
	}
	s := newSample()
	s.noZipStart = true
	if err := s.addReaderAt(r, size); err != nil {
		return nil, err
	}
	return &officeVerifier{sum: sum, sample: s}, nil
}

func writeOffice(p *plan, w io.Writer, pw secret.Secret, opts *Options) (verifier, error) {
	f, err := os.Open(p.inputs[0].path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInput, err)
	}
	return encryptPackage(w, f, fi.Size(), pw, opts)
}

func writeZip(p *plan, w io.Writer, pw secret.Secret, opts *Options, res *Result) (verifier, error) {
	neutral := opts.Names == NamesNeutral
	if opts.Names == NamesAuto {
		neutral = anyPersonalName(p.inputs)
	}
	var total int64
	for _, in := range p.inputs {
		if in.info.Mode().IsRegular() {
			total += in.info.Size()
		}
	}
	zw := aeszip.NewWriter(w, pw.Reveal(), aeszip.Options{NeutralNames: neutral})
	z := &zipVerifier{}
	var done int64
	for _, in := range p.inputs {
		if in.info.IsDir() {
			before := len(zw.Entries())
			if err := zw.AddTree(in.path); err != nil {
				if errors.Is(err, aeszip.ErrNotRegular) {
					return nil, fmt.Errorf("%w: %w", ErrInput, err)
				}
				return nil, err
			}
			parent := filepath.Dir(filepath.Clean(in.path))
			for _, e := range zw.Entries()[before:] {
				if !e.Dir {
					z.sources = append(z.sources, filepath.Join(parent, filepath.FromSlash(e.Name)))
				}
			}
			continue
		}
		f, err := os.Open(in.path)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrInput, err)
		}
		pr := &progressReader{r: f, total: total, done: done,
			report: func(d, t int64) { opts.progress(StageEncrypt, d, t) }}
		err = zw.AddFile(filepath.Base(in.path), pr, in.info.ModTime())
		f.Close()
		if err != nil {
			if errors.Is(err, aeszip.ErrName) {
				return nil, fmt.Errorf("%w: %w", ErrInput, err)
			}
			return nil, err
		}
		done = pr.done
		z.sources = append(z.sources, in.path)
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	z.entries = zw.Entries()
	if len(z.sources) == 0 {
		return nil, fmt.Errorf("no file to encrypt, only empty folders: %w", ErrInput)
	}
	res.Entries, res.Neutral = z.entries, neutral
	return z, nil
}
