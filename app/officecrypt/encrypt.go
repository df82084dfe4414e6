package officecrypt

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha512"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"strings"
	"unicode/utf16"

	"grendel/app/officecrypt/cfb"
)

// MaxPackageSize is the largest package Encrypt takes: the EncryptedPackage
// stream must fit a version 3 compound file's 2 GB.
const MaxPackageSize = cfb.MaxStreamSize - 4096

// progressEvery is how often, in bytes, Encrypt reports progress.
const progressEvery = 1 << 20

// Options adjust [Encrypt]. The zero value and nil are the defaults.
type Options struct {
	// Progress, if not nil, is called during Encrypt with the number of bytes
	// of the package encrypted so far and the package's size: at the start,
	// every megabyte and at the end, on Encrypt's goroutine.
	Progress func(done, total int64)

	spinCount int       // tests only: 0 means DefaultSpinCount
	rand      io.Reader // tests only: nil means crypto/rand
}

// Encrypt writes to w the OOXML package of size bytes in pkg, encrypted with
// password in Office's Agile encryption (AES-256-CBC, SHA-512, 100,000
// iterations, HMAC-SHA512 over the encrypted data), as an OLE compound file
// that Excel, Word, PowerPoint and LibreOffice open with the password.
//
// The password has 1 to 255 characters. Encrypt reads pkg from start to end
// once and writes w in one pass; on error, what was written to w is useless.
func Encrypt(w io.Writer, pkg io.ReaderAt, size int64, password string, opt *Options) error {
	if opt == nil {
		opt = &Options{}
	}
	if size <= 0 || size > MaxPackageSize {
		return fmt.Errorf("officecrypt: a package of %d bytes: %w", size, ErrUnsupported)
	}
	if password == "" {
		return errors.New("officecrypt: empty password")
	}
	if len(utf16.Encode([]rune(password))) > maxPasswordUnits {
		return fmt.Errorf("officecrypt: a password of more than %d characters: %w", maxPasswordUnits, ErrUnsupported)
	}
	spin := opt.spinCount
	if spin == 0 {
		spin = DefaultSpinCount
	}
	rnd := opt.rand
	if rnd == nil {
		rnd = rand.Reader
	}
	random := func(n int) ([]byte, error) {
		b := make([]byte, n)
		_, err := io.ReadFull(rnd, b)
		return b, err
	}
	var secret, verifierInput, hmacKey []byte
	in := &info{spinCount: spin}
	var err error
	for _, p := range []*params{&in.keyData, &in.pw} {
		*p = params{blockSize: aes.BlockSize, keyBits: 256, hashSize: sha512.Size, hash: sha512.New}
		if p.salt, err = random(16); err != nil {
			return err
		}
	}
	// The package key, the verifier's input (saltSize bytes) and the HMAC key
	// (hashSize bytes).
	for _, b := range []struct {
		p *[]byte
		n int
	}{{&secret, 32}, {&verifierInput, 16}, {&hmacKey, sha512.Size}} {
		if *b.p, err = random(b.n); err != nil {
			return err
		}
	}

	// The password's keys: verifier and the encrypted package key.
	base := iterate(sha512.New, in.pw.salt, password, spin)
	iv := in.pw.salt
	verifierHash := sha512.Sum512(verifierInput)
	steps := []struct {
		block, plain []byte
		out          *[]byte
	}{
		{blockVerifierInput, verifierInput, &in.encVerifierInput},
		{blockVerifierHash, verifierHash[:], &in.encVerifierHash},
		{blockKeyValue, secret, &in.encKeyValue},
	}
	for _, s := range steps {
		if *s.out, err = cbc(true, derive(&in.pw, base, s.block, 32), iv, s.plain); err != nil {
			return err
		}
	}
	if in.encHmacKey, err = cbc(true, secret, blockIV(&in.keyData, blockHmacKey), hmacKey); err != nil {
		return err
	}
	// The HMAC is known only once the package is written; the stream's size
	// does not depend on it.
	in.encHmacValue = make([]byte, sha512.Size)
	infoSize := int64(len(marshalInfo(in)))

	enc := &encryptor{secret: secret, keyData: &in.keyData, mac: hmac.New(sha512.New, hmacKey), opt: opt}
	streams := []cfb.WriteStream{{
		Path:  []string{streamPackage},
		Size:  8 + roundUp(size, aes.BlockSize),
		Write: func(w io.Writer) error { return enc.write(w, pkg, size) },
	}, {
		Path: []string{streamInfo},
		Size: infoSize,
		Write: func(w io.Writer) error {
			mac := enc.mac.Sum(nil)
			v, err := cbc(true, secret, blockIV(&in.keyData, blockHmacValue), mac)
			if err != nil {
				return err
			}
			in.encHmacValue = v
			_, err = w.Write(marshalInfo(in))
			return err
		},
	}}
	for _, ds := range dataSpaceStreams() {
		content := ds[1]
		streams = append(streams, cfb.WriteStream{
			Path:  append([]string{dataSpaces}, strings.Split(ds[0], "/")...),
			Size:  int64(len(content)),
			Write: func(w io.Writer) error { _, err := io.WriteString(w, content); return err },
		})
	}
	return cfb.Write(w, streams)
}

func roundUp(n, unit int64) int64 { return (n + unit - 1) / unit * unit }

// encryptor writes the EncryptedPackage stream and keeps its HMAC.
type encryptor struct {
	secret  []byte
	keyData *params
	mac     hash.Hash
	opt     *Options
}

func (e *encryptor) write(w io.Writer, pkg io.ReaderAt, size int64) error {
	out := io.MultiWriter(w, e.mac)
	var head [8]byte
	binary.LittleEndian.PutUint64(head[:], uint64(size))
	if _, err := out.Write(head[:]); err != nil {
		return err
	}
	block, err := aes.NewCipher(e.secret)
	if err != nil {
		return err
	}
	// Read and encrypt 64 KiB at a time, one IV per 4096-byte segment.
	const chunk = 16 * segmentSize
	buf := make([]byte, chunk)
	ivIn := make([]byte, len(e.keyData.salt)+4)
	copy(ivIn, e.keyData.salt)
	h := e.keyData.hash()
	var ivSum []byte
	if e.opt.Progress != nil {
		e.opt.Progress(0, size)
	}
	for off := int64(0); off < size; off += chunk {
		n := int(min(chunk, size-off))
		if k, err := pkg.ReadAt(buf[:n], off); k != n {
			if err == nil || errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return fmt.Errorf("officecrypt: reading the package: %w", err)
		}
		padded := int(roundUp(int64(n), aes.BlockSize))
		clear(buf[n:padded])
		for s := 0; s < padded; s += segmentSize {
			binary.LittleEndian.PutUint32(ivIn[len(e.keyData.salt):], uint32((off+int64(s))/segmentSize))
			h.Reset()
			h.Write(ivIn)
			ivSum = h.Sum(ivSum[:0])
			seg := buf[s:min(s+segmentSize, padded)]
			cipher.NewCBCEncrypter(block, ivSum[:aes.BlockSize]).CryptBlocks(seg, seg)
		}
		if _, err := out.Write(buf[:padded]); err != nil {
			return err
		}
		if e.opt.Progress != nil && ((off+chunk)%progressEvery == 0 || off+chunk >= size) {
			e.opt.Progress(min(off+chunk, size), size)
		}
	}
	return nil
}
