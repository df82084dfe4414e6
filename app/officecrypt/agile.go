package officecrypt

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"hash"
	"strconv"
	"unicode/utf16"
)

// Block keys of [MS-OFFCRYPTO] 2.3.4.13 and 2.3.4.14.
var (
	blockVerifierInput = []byte{0xFE, 0xA7, 0xD2, 0x76, 0x3B, 0x4B, 0x9E, 0x79}
	blockVerifierHash  = []byte{0xD7, 0xAA, 0x0F, 0x6D, 0x30, 0x61, 0x34, 0x4E}
	blockKeyValue      = []byte{0x14, 0x6E, 0x0B, 0xE7, 0xAB, 0xAC, 0xD0, 0xD6}
	blockHmacKey       = []byte{0x5F, 0xB2, 0xAD, 0x01, 0x0C, 0xB9, 0xE1, 0xF6}
	blockHmacValue     = []byte{0xA0, 0x67, 0x7F, 0x02, 0xB2, 0x2C, 0x84, 0x33}
)

const (
	// DefaultSpinCount is the number of hash iterations of the password key
	// derivation that Office uses and Encrypt writes.
	DefaultSpinCount = 100000
	maxSpinCount     = 10000000 // [MS-OFFCRYPTO] 2.3.4.10
	segmentSize      = 4096
	maxPasswordUnits = 255 // what Office accepts
	maxInfoSize      = 1 << 20

	nsEncryption  = "http://schemas.microsoft.com/office/2006/encryption"
	nsPassword    = "http://schemas.microsoft.com/office/2006/keyEncryptor/password"
	nsCertificate = "http://schemas.microsoft.com/office/2006/keyEncryptor/certificate"
)

// params are the cipher and hash parameters shared by keyData and the
// password's encryptedKey.
type params struct {
	salt      []byte
	blockSize int
	keyBits   int
	hashSize  int
	hash      func() hash.Hash
}

// info is a parsed Agile EncryptionInfo.
type info struct {
	keyData                  params
	encHmacKey, encHmacValue []byte
	pw                       params
	spinCount                int
	encVerifierInput         []byte
	encVerifierHash          []byte
	encKeyValue              []byte
}

var hashes = map[string]struct {
	size int
	new  func() hash.Hash
}{
	"SHA1":   {sha1.Size, sha1.New},
	"SHA256": {sha256.Size, sha256.New},
	"SHA384": {sha512.Size384, sha512.New384},
	"SHA512": {sha512.Size, sha512.New},
}

// adjust returns b cut or padded with 0x36 to n bytes ([MS-OFFCRYPTO]
// 2.3.4.11 and 2.3.4.12).
func adjust(b []byte, n int) []byte {
	out := make([]byte, n)
	k := copy(out, b)
	for i := k; i < n; i++ {
		out[i] = 0x36
	}
	return out
}

// iterate is H_n of [MS-OFFCRYPTO] 2.3.4.11: the hash of salt and the
// password in UTF-16LE, hashed again spinCount times with the iteration's
// number in front.
func iterate(newHash func() hash.Hash, salt []byte, password string, spinCount int) []byte {
	h := newHash()
	h.Write(salt)
	pw := utf16.Encode([]rune(password))
	b := make([]byte, 2*len(pw))
	for i, u := range pw {
		binary.LittleEndian.PutUint16(b[2*i:], u)
	}
	h.Write(b)
	buf := h.Sum(make([]byte, 4, 4+h.Size()))
	for i := 0; i < spinCount; i++ {
		binary.LittleEndian.PutUint32(buf, uint32(i))
		h.Reset()
		h.Write(buf)
		buf = h.Sum(buf[:4])
	}
	return buf[4:]
}

// derive finishes a key from the iterated hash and a block key.
func derive(p *params, base, blockKey []byte, keyBytes int) []byte {
	h := p.hash()
	h.Write(base)
	h.Write(blockKey)
	return adjust(h.Sum(nil), keyBytes)
}

// blockIV is the IV made from a salt and a block key.
func blockIV(p *params, blockKey []byte) []byte {
	h := p.hash()
	h.Write(p.salt)
	h.Write(blockKey)
	return adjust(h.Sum(nil), p.blockSize)
}

// cbc encrypts or decrypts data (a multiple of the block size) into a new
// slice.
func cbc(encrypt bool, key, iv, data []byte) ([]byte, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	if len(data)%aes.BlockSize != 0 || len(iv) != aes.BlockSize {
		return nil, fmt.Errorf("%w: %d bytes of ciphertext", ErrCorrupt, len(data))
	}
	out := make([]byte, len(data))
	if encrypt {
		cipher.NewCBCEncrypter(b, iv).CryptBlocks(out, data)
	} else {
		cipher.NewCBCDecrypter(b, iv).CryptBlocks(out, data)
	}
	return out, nil
}

// The XML of EncryptionInfo, as far as Agile password encryption needs it.
// Names are matched without regard to namespace; the key encryptor is chosen
// by its uri.
type xmlEncryption struct {
	XMLName       xml.Name         `xml:"encryption"`
	KeyData       *xmlParams       `xml:"keyData"`
	DataIntegrity *xmlIntegrity    `xml:"dataIntegrity"`
	KeyEncryptors []xmlKeyEncrypto `xml:"keyEncryptors>keyEncryptor"`
}

type xmlParams struct {
	SaltSize        string `xml:"saltSize,attr"`
	BlockSize       string `xml:"blockSize,attr"`
	KeyBits         string `xml:"keyBits,attr"`
	HashSize        string `xml:"hashSize,attr"`
	CipherAlgorithm string `xml:"cipherAlgorithm,attr"`
	CipherChaining  string `xml:"cipherChaining,attr"`
	HashAlgorithm   string `xml:"hashAlgorithm,attr"`
	SaltValue       string `xml:"saltValue,attr"`
}

type xmlIntegrity struct {
	EncryptedHmacKey   string `xml:"encryptedHmacKey,attr"`
	EncryptedHmacValue string `xml:"encryptedHmacValue,attr"`
}

type xmlKeyEncrypto struct {
	URI          string           `xml:"uri,attr"`
	EncryptedKey *xmlEncryptedKey `xml:"encryptedKey"`
}

type xmlEncryptedKey struct {
	xmlParams
	SpinCount                  string `xml:"spinCount,attr"`
	EncryptedVerifierHashInput string `xml:"encryptedVerifierHashInput,attr"`
	EncryptedVerifierHashValue string `xml:"encryptedVerifierHashValue,attr"`
	EncryptedKeyValue          string `xml:"encryptedKeyValue,attr"`
}

func corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))
}

func unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUnsupported, fmt.Sprintf(format, args...))
}

// parseInfo parses the content of an EncryptionInfo stream.
func parseInfo(b []byte) (*info, error) {
	if len(b) < 8 {
		return nil, corrupt("EncryptionInfo of %d bytes", len(b))
	}
	major, minor := binary.LittleEndian.Uint16(b), binary.LittleEndian.Uint16(b[2:])
	switch {
	case major == 4 && minor == 4:
	case minor == 2 && major >= 2 && major <= 4:
		return nil, unsupported("Standard encryption (version %d.%d)", major, minor)
	case minor == 3 && (major == 3 || major == 4):
		return nil, unsupported("Extensible encryption (version %d.%d)", major, minor)
	default:
		return nil, unsupported("EncryptionInfo version %d.%d", major, minor)
	}
	if flags := binary.LittleEndian.Uint32(b[4:]); flags != 0x40 {
		return nil, corrupt("Agile EncryptionInfo flags %#x", flags)
	}
	var x xmlEncryption
	if err := xml.Unmarshal(b[8:], &x); err != nil {
		return nil, corrupt("EncryptionInfo XML: %v", err)
	}
	if x.KeyData == nil {
		return nil, corrupt("EncryptionInfo without keyData")
	}
	in := &info{}
	var err error
	if in.keyData, err = x.KeyData.parse("keyData"); err != nil {
		return nil, err
	}
	if x.DataIntegrity == nil {
		return nil, unsupported("no dataIntegrity (the data cannot be checked)")
	}
	if in.encHmacKey, err = decode("encryptedHmacKey", x.DataIntegrity.EncryptedHmacKey, in.keyData.hashSize, in.keyData.blockSize); err != nil {
		return nil, err
	}
	if in.encHmacValue, err = decode("encryptedHmacValue", x.DataIntegrity.EncryptedHmacValue, in.keyData.hashSize, in.keyData.blockSize); err != nil {
		return nil, err
	}
	var k *xmlEncryptedKey
	for _, e := range x.KeyEncryptors {
		if e.URI == nsPassword && e.EncryptedKey != nil {
			k = e.EncryptedKey
			break
		}
	}
	if k == nil {
		return nil, unsupported("no password key encryptor")
	}
	if in.pw, err = k.parse("encryptedKey"); err != nil {
		return nil, err
	}
	if in.spinCount, err = number("spinCount", k.SpinCount, 0, maxSpinCount); err != nil {
		return nil, err
	}
	bs := in.pw.blockSize
	if in.encVerifierInput, err = decode("encryptedVerifierHashInput", k.EncryptedVerifierHashInput, len(in.pw.salt), bs); err != nil {
		return nil, err
	}
	if in.encVerifierHash, err = decode("encryptedVerifierHashValue", k.EncryptedVerifierHashValue, in.pw.hashSize, bs); err != nil {
		return nil, err
	}
	if in.encKeyValue, err = decode("encryptedKeyValue", k.EncryptedKeyValue, in.keyData.keyBits/8, bs); err != nil {
		return nil, err
	}
	return in, nil
}

func (x *xmlParams) parse(where string) (params, error) {
	var p params
	if x.CipherAlgorithm != "AES" {
		return p, unsupported("%s: cipher %q", where, x.CipherAlgorithm)
	}
	if x.CipherChaining != "ChainingModeCBC" {
		return p, unsupported("%s: chaining %q", where, x.CipherChaining)
	}
	h, ok := hashes[x.HashAlgorithm]
	if !ok {
		return p, unsupported("%s: hash %q", where, x.HashAlgorithm)
	}
	p.hash = h.new
	var err error
	if p.blockSize, err = number(where+" blockSize", x.BlockSize, 16, 16); err != nil {
		return p, err
	}
	if p.keyBits, err = number(where+" keyBits", x.KeyBits, 128, 256); err != nil {
		return p, err
	}
	if p.keyBits%64 != 0 {
		return p, corrupt("%s keyBits %d", where, p.keyBits)
	}
	if p.hashSize, err = number(where+" hashSize", x.HashSize, h.size, h.size); err != nil {
		return p, err
	}
	saltSize, err := number(where+" saltSize", x.SaltSize, 1, 65536)
	if err != nil {
		return p, err
	}
	if p.salt, err = decode(where+" saltValue", x.SaltValue, saltSize, 1); err != nil {
		return p, err
	}
	if len(p.salt) != saltSize {
		return p, corrupt("%s: salt of %d bytes, saltSize %d", where, len(p.salt), saltSize)
	}
	return p, nil
}

// number parses a decimal attribute that must lie in [lo, hi].
func number(name, s string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, corrupt("%s %q", name, s)
	}
	return n, nil
}

// decode decodes a base64 attribute of at least min bytes, a multiple of
// unit.
func decode(name, s string, min, unit int) ([]byte, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) < min || len(b)%unit != 0 {
		return nil, corrupt("%s of %d bytes", name, len(b))
	}
	return b, nil
}

// marshalInfo encodes in as an EncryptionInfo stream, laid out as Office
// writes it.
func marshalInfo(in *info) []byte {
	b64 := base64.StdEncoding.EncodeToString
	attrs := func(p *params) string {
		return fmt.Sprintf(`saltSize="%d" blockSize="%d" keyBits="%d" hashSize="%d" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="%s"`,
			len(p.salt), p.blockSize, p.keyBits, p.hashSize, b64(p.salt))
	}
	s := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
		`<encryption xmlns="` + nsEncryption + `" xmlns:p="` + nsPassword + `" xmlns:c="` + nsCertificate + `">` +
		`<keyData ` + attrs(&in.keyData) + `/>` +
		`<dataIntegrity encryptedHmacKey="` + b64(in.encHmacKey) + `" encryptedHmacValue="` + b64(in.encHmacValue) + `"/>` +
		`<keyEncryptors><keyEncryptor uri="` + nsPassword + `">` +
		`<p:encryptedKey spinCount="` + strconv.Itoa(in.spinCount) + `" ` + attrs(&in.pw) +
		` encryptedVerifierHashInput="` + b64(in.encVerifierInput) +
		`" encryptedVerifierHashValue="` + b64(in.encVerifierHash) +
		`" encryptedKeyValue="` + b64(in.encKeyValue) + `"/>` +
		`</keyEncryptor></keyEncryptors></encryption>`
	out := make([]byte, 8, 8+len(s))
	binary.LittleEndian.PutUint16(out, 4)
	binary.LittleEndian.PutUint16(out[2:], 4)
	binary.LittleEndian.PutUint32(out[4:], 0x40)
	return append(out, s...)
}
