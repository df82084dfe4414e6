package officecrypt

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"grendel/app/officecrypt/cfb"
)

// file is an opened encrypted package.
type file struct {
	info *info
	pkg  *cfb.Stream
}

// open finds and parses the streams of an encrypted package.
func open(r io.ReaderAt, size int64) (*file, error) {
	c, err := cfb.Open(r, size)
	switch {
	case errors.Is(err, cfb.ErrNotCFB):
		return nil, fmt.Errorf("%w: %w", ErrNotEncrypted, err)
	case errors.Is(err, cfb.ErrCorrupt):
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	case err != nil:
		return nil, err
	}
	stream := func(name string) (*cfb.Stream, error) {
		s, err := c.Open(name)
		switch {
		case errors.Is(err, cfb.ErrNotExist):
			return nil, fmt.Errorf("%w: no %s stream", ErrNotEncrypted, name)
		case errors.Is(err, cfb.ErrCorrupt):
			return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		return s, err
	}
	is, err := stream(streamInfo)
	if err != nil {
		return nil, err
	}
	pkg, err := stream(streamPackage)
	if err != nil {
		return nil, err
	}
	if is.Size() > maxInfoSize {
		return nil, corrupt("EncryptionInfo of %d bytes", is.Size())
	}
	b := make([]byte, is.Size())
	if _, err := is.ReadAt(b, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, readErr(err)
	}
	in, err := parseInfo(b)
	if err != nil {
		return nil, err
	}
	return &file{info: in, pkg: pkg}, nil
}

// readErr classifies an error from reading a stream.
func readErr(err error) error {
	if err == nil || errors.Is(err, io.EOF) {
		return corrupt("a stream ends early")
	}
	if errors.Is(err, cfb.ErrCorrupt) {
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return err
}

// unlock checks password against the verifier and returns the package key.
func (f *file) unlock(password string) ([]byte, error) {
	in := f.info
	p := &in.pw
	base := iterate(p.hash, p.salt, password, in.spinCount)
	iv := adjust(p.salt, p.blockSize)
	keyBytes := p.keyBits / 8
	input, err := cbc(false, derive(p, base, blockVerifierInput, keyBytes), iv, in.encVerifierInput)
	if err != nil {
		return nil, err
	}
	want, err := cbc(false, derive(p, base, blockVerifierHash, keyBytes), iv, in.encVerifierHash)
	if err != nil {
		return nil, err
	}
	h := p.hash()
	h.Write(input[:len(p.salt)])
	if subtle.ConstantTimeCompare(h.Sum(nil), want[:p.hashSize]) != 1 {
		return nil, ErrWrongPassword
	}
	key, err := cbc(false, derive(p, base, blockKeyValue, keyBytes), iv, in.encKeyValue)
	if err != nil {
		return nil, err
	}
	return key[:in.keyData.keyBits/8], nil
}

// verify checks the HMAC over the whole EncryptedPackage stream.
func (f *file) verify(key []byte) error {
	kd := &f.info.keyData
	hmacKey, err := cbc(false, key, blockIV(kd, blockHmacKey), f.info.encHmacKey)
	if err != nil {
		return err
	}
	want, err := cbc(false, key, blockIV(kd, blockHmacValue), f.info.encHmacValue)
	if err != nil {
		return err
	}
	mac := hmac.New(kd.hash, hmacKey[:kd.hashSize])
	if _, err := io.Copy(mac, io.NewSectionReader(f.pkg, 0, f.pkg.Size())); err != nil {
		return readErr(err)
	}
	if !hmac.Equal(mac.Sum(nil), want[:kd.hashSize]) {
		return ErrIntegrity
	}
	return nil
}

// decrypt writes the decrypted package to w.
func (f *file) decrypt(key []byte, w io.Writer) error {
	kd := &f.info.keyData
	var head [8]byte
	if _, err := f.pkg.ReadAt(head[:], 0); err != nil {
		return corrupt("EncryptedPackage of %d bytes", f.pkg.Size())
	}
	size := binary.LittleEndian.Uint64(head[:])
	if size > uint64(f.pkg.Size()-8) || roundUp(int64(size), int64(kd.blockSize)) > f.pkg.Size()-8 {
		return corrupt("EncryptedPackage says %d bytes and holds %d", size, f.pkg.Size()-8)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return err
	}
	const chunk = 16 * segmentSize
	buf := make([]byte, chunk)
	ivIn := make([]byte, len(kd.salt)+4)
	copy(ivIn, kd.salt)
	h := kd.hash()
	var ivSum []byte
	total := int64(size)
	for off := int64(0); off < total; off += chunk {
		n := min(chunk, total-off)
		padded := int(roundUp(n, int64(kd.blockSize)))
		if k, err := f.pkg.ReadAt(buf[:padded], 8+off); k != padded {
			return readErr(err)
		}
		for s := 0; s < padded; s += segmentSize {
			binary.LittleEndian.PutUint32(ivIn[len(kd.salt):], uint32((off+int64(s))/segmentSize))
			h.Reset()
			h.Write(ivIn)
			ivSum = h.Sum(ivSum[:0])
			seg := buf[s:min(s+segmentSize, padded)]
			cipher.NewCBCDecrypter(block, ivSum[:kd.blockSize]).CryptBlocks(seg, seg) // every hash gives ≥ 16 bytes
		}
		if _, err := w.Write(buf[:n]); err != nil {
			return err
		}
	}
	return nil
}

// Decrypt writes to w the package in the encrypted Office file of size bytes
// in r. It checks the password first, then the integrity of the whole
// encrypted data, and writes nothing to w unless both pass. Errors wrap
// [ErrNotEncrypted], [ErrUnsupported], [ErrCorrupt], [ErrWrongPassword] or
// [ErrIntegrity], or come from reading r or writing w.
//
// The file sets the key derivation's cost: Office writes 100,000 iterations,
// the format allows up to 10,000,000 (2 to 6 s of one core on the build machine), which is
// the most a hostile file can make Decrypt spend before the password check.
func Decrypt(r io.ReaderAt, size int64, password string, w io.Writer) error {
	f, err := open(r, size)
	if err != nil {
		return err
	}
	key, err := f.unlock(password)
	if err != nil {
		return err
	}
	if err := f.verify(key); err != nil {
		return err
	}
	return f.decrypt(key, w)
}
