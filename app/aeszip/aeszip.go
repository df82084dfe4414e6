// Package aeszip writes and verifies AES-256 encrypted ZIP archives in
// WinZip's AE-2 format, the ZIP encryption that 7-Zip, WinZip, Keka, The
// Unarchiver and libarchive (bsdtar) open.
//
// # Format
//
// Each file is deflated, then encrypted on its own, as WinZip's "AES
// Encryption Information: Encryption Specification AE-1 and AE-2" describes:
//
//   - PBKDF2-HMAC-SHA1 with 1000 iterations turns the password and a random
//     16-byte salt into a 32-byte AES key, a 32-byte HMAC key and a 2-byte
//     password verifier;
//   - AES-256 in counter mode, with a little-endian counter that starts at 1,
//     encrypts the deflated bytes;
//   - HMAC-SHA1, truncated to 10 bytes, authenticates the encrypted bytes.
//
// The entry's payload is salt, verifier, encrypted data and authentication
// code; its header says method 99 and carries the extra field 0x9901
// (vendor version 2, vendor "AE", strength 3, the real compression method).
// AE-2 stores no CRC-32, which would otherwise leak a checksum of the
// plaintext. ZipCrypto, the old PKWARE cipher that known-plaintext attacks
// break, is never written and never accepted.
//
// Entry names, sizes and times are not encrypted: [Options.NeutralNames]
// stores files as file-1.csv, file-2.xlsx and so on and reports the mapping.
//
// # Verifying
//
// [Verify] reopens an archive with the password, requires every entry to be
// AES-encrypted, checks the password verifier before it decrypts anything
// ([ErrWrongPassword]) and the authentication code ([ErrIntegrity]), inflates
// within [Limits] and returns each entry's SHA-256, which the caller compares
// with [Writer.Entries]. [CheckEncrypted] needs no password: it walks every
// local header and refuses an archive in which any byte of an entry could be
// plaintext.
//
// The password is a plain string here; callers keep it in a secret.Secret and
// reveal it at the call. It never appears in an error.
package aeszip

import (
	"errors"
)

// Errors that [Verify], [CheckEncrypted] and the [Writer] wrap; test with
// [errors.Is].
var (
	// ErrWrongPassword means that the password verifier of an entry does not
	// match the password. (A wrong password passes the 2-byte verifier once
	// in 65536 tries; the authentication code then fails with ErrIntegrity.)
	ErrWrongPassword = errors.New("wrong password")
	// ErrIntegrity means that an entry's authentication code does not match
	// its encrypted bytes: the archive was changed or damaged.
	ErrIntegrity = errors.New("authentication failed: the archive was changed or damaged")
	// ErrNotEncrypted means that an entry, a local header or a comment is
	// stored without encryption.
	ErrNotEncrypted = errors.New("not encrypted")
	// ErrZipCrypto means that an entry uses ZipCrypto (traditional PKWARE
	// encryption), which is broken and never accepted.
	ErrZipCrypto = errors.New("encrypted with ZipCrypto, which is broken")
	// ErrTooLarge means that an entry or the whole archive inflates beyond
	// the [Limits].
	ErrTooLarge = errors.New("too large")
	// ErrCorrupt means that the archive's structure is invalid or
	// inconsistent.
	ErrCorrupt = errors.New("corrupt archive")
	// ErrUnsupported means a valid but unsupported feature: a compression
	// method other than store and deflate, or another encryption scheme.
	ErrUnsupported = errors.New("unsupported")
	// ErrNotRegular means that [Writer.AddTree] met something that is
	// neither a regular file nor a folder, such as a symbolic link.
	ErrNotRegular = errors.New("not a regular file or folder")
	// ErrName means that an entry name is empty, absolute, holds "." or ".."
	// elements or backslashes, is not UTF-8, or was added before.
	ErrName = errors.New("invalid entry name")
)
