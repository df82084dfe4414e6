// Package officecrypt encrypts an OOXML package (.xlsx, .xlsm, .docx, .pptx)
// with a password the way Office does, and decrypts such files: the "Agile"
// encryption of [MS-OFFCRYPTO] 2.3.4.10–2.3.4.15, which Excel, Word,
// PowerPoint and LibreOffice open natively.
//
// # What Encrypt writes
//
// An OLE compound file ([cfb]) with the streams Office writes:
// EncryptionInfo (version 4.4, flags 0x40, the XML descriptor), EncryptedPackage
// (the package's size in 8 bytes, then the package in 4096-byte segments,
// each AES-256-CBC with its own IV) and the \x06DataSpaces storage that tells
// Office which transform was applied (Excel refuses a file without it). The
// package key is random; it is stored encrypted under a key derived from the
// password with SHA-512 iterated 100,000 times over a random salt, beside a
// password verifier and an HMAC-SHA512 of the whole EncryptedPackage stream
// (the data-integrity check).
//
// Encrypt streams: it reads the package segment by segment from an
// [io.ReaderAt] and writes the file in one pass, holding a few segments and
// the compound file's tables (about 1/128 of the package) in memory.
//
// # Reading
//
// [Decrypt] reads files from any producer that wrote Agile encryption with a
// password (AES with SHA-1, -256, -384 or -512), treating the file as hostile
// (see [cfb.Open]). It checks the password against the verifier first
// ([ErrWrongPassword]), then the HMAC over the whole encrypted stream
// ([ErrIntegrity]), and only then writes anything. Standard (AES-128/SHA-1)
// and Extensible encryption, and files encrypted for certificates only, are
// reported as [ErrUnsupported].
//
// The password is a plain string at this level (callers keep it in a
// secret.Secret and reveal it at the call); no error or log holds it.
//
// [MS-OFFCRYPTO]: https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-offcrypto/
package officecrypt

import (
	"errors"
	"io"

	"grendel/app/officecrypt/cfb"
)

// Errors returned by this package, usually wrapped with details; test with
// [errors.Is].
var (
	// ErrWrongPassword means the password does not match the file's
	// password verifier.
	ErrWrongPassword = errors.New("officecrypt: wrong password")
	// ErrIntegrity means the password is right but the encrypted data fails
	// the file's HMAC: the file was changed or damaged after encryption.
	ErrIntegrity = errors.New("officecrypt: the encrypted data fails its integrity check")
	// ErrNotEncrypted means the file is not a password-encrypted Office
	// package (an unencrypted .xlsx, a legacy .doc, something else).
	ErrNotEncrypted = errors.New("officecrypt: not an encrypted Office package")
	// ErrUnsupported means an encrypted Office package whose encryption this
	// package does not read (Standard or Extensible encryption, a
	// certificate-only key, another cipher), or a request it does not serve.
	ErrUnsupported = errors.New("officecrypt: unsupported encryption")
	// ErrCorrupt means a file that is broken: its compound file, its
	// EncryptionInfo or its EncryptedPackage breaks the format's rules.
	ErrCorrupt = errors.New("officecrypt: corrupt encrypted package")
)

// Stream names in the compound file.
const (
	streamInfo    = "EncryptionInfo"
	streamPackage = "EncryptedPackage"
)

// IsEncrypted reports whether the size bytes in r are an encrypted Office
// package: a compound file with an EncryptionInfo and an EncryptedPackage
// stream. It reads the compound file's tables, not the package.
func IsEncrypted(r io.ReaderAt, size int64) bool {
	c, err := cfb.Open(r, size)
	if err != nil {
		return false
	}
	_, err1 := c.Open(streamInfo)
	_, err2 := c.Open(streamPackage)
	return err1 == nil && err2 == nil
}
