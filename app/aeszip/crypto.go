package aeszip

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/binary"
	"fmt"
	"hash"
	"io"
)

// Constants of the WinZip AES format.
const (
	methodAES     = 99     // the entry's method in its headers
	extraAES      = 0x9901 // the AES extra field's header ID
	extraAESLen   = 7      // its data size
	vendorAE1     = 1      // AE-1: the CRC-32 is stored
	vendorAE2     = 2      // AE-2: the CRC-32 field is 0
	vendorID      = "AE"
	strength256   = 3
	verifierLen   = 2
	macLen        = 10
	kdfIterations = 1000

	flagEncrypted  = 0x0001
	flagDescriptor = 0x0008
	flagStrong     = 0x0040 // PKWARE's strong encryption, not supported
	flagUTF8       = 0x0800

	versionAES = 51 // "version needed to extract" for AES (APPNOTE 4.4.3.2)
)

// aesParams is what an entry's AES extra field says.
type aesParams struct {
	vendorVersion uint16
	strength      byte
	method        uint16 // the real compression method
}

// keyLen is the AES key length of the strength: 1, 2, 3 are AES-128, -192,
// -256.
func (p aesParams) keyLen() int { return 8 + 8*int(p.strength) }

// saltLen is the salt length, half the key length.
func (p aesParams) saltLen() int { return p.keyLen() / 2 }

// overhead is the size of the payload around the encrypted data.
func (p aesParams) overhead() int64 { return int64(p.saltLen() + verifierLen + macLen) }

// appendExtra appends the AES extra field for p to b.
func (p aesParams) appendExtra(b []byte) []byte {
	b = binary.LittleEndian.AppendUint16(b, extraAES)
	b = binary.LittleEndian.AppendUint16(b, extraAESLen)
	b = binary.LittleEndian.AppendUint16(b, p.vendorVersion)
	b = append(b, vendorID...)
	b = append(b, p.strength)
	return binary.LittleEndian.AppendUint16(b, p.method)
}

// findAESExtra finds and parses the AES extra field among the extra fields
// in extra. found is false when there is none; err reports a malformed one.
func findAESExtra(extra []byte) (p aesParams, found bool, err error) {
	for len(extra) > 0 {
		if len(extra) < 4 {
			return p, found, fmt.Errorf("%w: truncated extra field", ErrCorrupt)
		}
		tag := binary.LittleEndian.Uint16(extra)
		size := int(binary.LittleEndian.Uint16(extra[2:]))
		extra = extra[4:]
		if size > len(extra) {
			return p, found, fmt.Errorf("%w: extra field 0x%04x longer than its space", ErrCorrupt, tag)
		}
		data := extra[:size]
		extra = extra[size:]
		if tag != extraAES {
			continue
		}
		if found {
			return p, found, fmt.Errorf("%w: two AES extra fields", ErrCorrupt)
		}
		found = true
		if size != extraAESLen {
			return p, found, fmt.Errorf("%w: AES extra field of %d bytes, want %d", ErrCorrupt, size, extraAESLen)
		}
		p.vendorVersion = binary.LittleEndian.Uint16(data)
		if string(data[2:4]) != vendorID {
			return p, found, fmt.Errorf("%w: AES vendor %q, want %q", ErrUnsupported, data[2:4], vendorID)
		}
		p.strength = data[4]
		p.method = binary.LittleEndian.Uint16(data[5:])
		if p.vendorVersion != vendorAE1 && p.vendorVersion != vendorAE2 {
			return p, found, fmt.Errorf("%w: AES vendor version %d", ErrUnsupported, p.vendorVersion)
		}
		if p.strength < 1 || p.strength > 3 {
			return p, found, fmt.Errorf("%w: AES strength %d", ErrUnsupported, p.strength)
		}
	}
	return p, found, nil
}

// entryKeys are the keys PBKDF2 derives for one entry.
type entryKeys struct {
	block    cipher.Block
	macKey   []byte
	verifier [verifierLen]byte
}

// deriveKeys derives the AES key, the HMAC key and the password verifier
// from the password and the entry's salt.
func deriveKeys(password string, salt []byte, keyLen int) (entryKeys, error) {
	dk, err := pbkdf2.Key(sha1.New, password, salt, kdfIterations, 2*keyLen+verifierLen)
	if err != nil {
		return entryKeys{}, fmt.Errorf("aeszip: key derivation: %w", err)
	}
	block, err := aes.NewCipher(dk[:keyLen])
	if err != nil {
		return entryKeys{}, fmt.Errorf("aeszip: %w", err)
	}
	k := entryKeys{block: block, macKey: dk[keyLen : 2*keyLen]}
	copy(k.verifier[:], dk[2*keyLen:])
	clear(dk[:keyLen])
	return k, nil
}

// ctrStream is AES in counter mode as WinZip uses it: the counter is a
// 16-byte little-endian number that starts at 1. (crypto/cipher's CTR
// counts big-endian, so it cannot be used.)
type ctrStream struct {
	block cipher.Block
	ctr   [aes.BlockSize]byte
	ks    [32 * aes.BlockSize]byte // keystream for the next bytes
	pos   int                      // bytes of ks already used
}

func newCTR(block cipher.Block) *ctrStream {
	s := &ctrStream{block: block}
	s.ctr[0] = 1
	s.pos = len(s.ks)
	return s
}

func (s *ctrStream) refill() {
	for i := 0; i < len(s.ks); i += aes.BlockSize {
		s.block.Encrypt(s.ks[i:i+aes.BlockSize], s.ctr[:])
		for j := range s.ctr {
			s.ctr[j]++
			if s.ctr[j] != 0 {
				break
			}
		}
	}
	s.pos = 0
}

// xor sets dst to src XOR the next len(src) bytes of keystream; dst and src
// may be the same slice.
func (s *ctrStream) xor(dst, src []byte) {
	for len(src) > 0 {
		if s.pos == len(s.ks) {
			s.refill()
		}
		n := subtle.XORBytes(dst, src, s.ks[s.pos:])
		s.pos += n
		dst, src = dst[n:], src[n:]
	}
}

// encryptWriter encrypts what is written to it, authenticates the
// ciphertext and writes it to w.
type encryptWriter struct {
	w   io.Writer
	ctr *ctrStream
	mac hash.Hash
	buf []byte
	n   int64 // ciphertext bytes written
}

func newEncryptWriter(w io.Writer, k entryKeys) *encryptWriter {
	return &encryptWriter{w: w, ctr: newCTR(k.block), mac: hmac.New(sha1.New, k.macKey), buf: make([]byte, 64<<10)}
}

func (e *encryptWriter) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		chunk := p[:min(len(p), len(e.buf))]
		out := e.buf[:len(chunk)]
		e.ctr.xor(out, chunk)
		e.mac.Write(out)
		n, err := e.w.Write(out)
		written += n
		e.n += int64(n)
		if err != nil {
			return written, err
		}
		p = p[len(chunk):]
	}
	return written, nil
}

// tag returns the 10-byte authentication code of the ciphertext so far.
func (e *encryptWriter) tag() []byte { return e.mac.Sum(nil)[:macLen] }

// decryptReader authenticates and decrypts what it reads from r.
type decryptReader struct {
	r   io.Reader
	ctr *ctrStream
	mac hash.Hash
}

func newDecryptReader(r io.Reader, k entryKeys) *decryptReader {
	return &decryptReader{r: r, ctr: newCTR(k.block), mac: hmac.New(sha1.New, k.macKey)}
}

func (d *decryptReader) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	d.mac.Write(p[:n])
	d.ctr.xor(p[:n], p[:n])
	return n, err
}
