package officecrypt

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
	"unicode/utf16"
)

var sentinels = []error{ErrWrongPassword, ErrIntegrity, ErrNotEncrypted, ErrUnsupported, ErrCorrupt}

func isSentinel(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// dirEntryAt returns the offset of the directory entry named name in file.
func dirEntryAt(t *testing.T, file []byte, name string) int {
	t.Helper()
	var b []byte
	for _, u := range utf16.Encode([]rune(name + "\x00")) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	i := bytes.Index(file, b)
	if i < 0 || i%128 != 0 {
		t.Fatalf("no directory entry %q", name)
	}
	return i
}

func indexOf(t *testing.T, file []byte, s string) int {
	t.Helper()
	i := bytes.Index(file, []byte(s))
	if i < 0 {
		t.Fatalf("%q is not in the file", s)
	}
	return i
}

// TestTampered changes one byte in chosen places of a file Encrypt wrote and
// checks that Decrypt refuses it with the error that fits the place.
func TestTampered(t *testing.T) {
	for _, size := range []int{1 << 10, 5 << 10} {
		pkg := zipPackage(t, size, 7)
		file := encrypt(t, pkg, testPassword, fast())
		pkgEntry := dirEntryAt(t, file, streamPackage)
		infoEntry := dirEntryAt(t, file, streamInfo)
		xml := indexOf(t, file, "<?xml")
		attr := func(name string) int { return indexOf(t, file, name+`="`) + len(name) + 2 }
		pwSalt := indexOf(t, file, "<p:encryptedKey") + bytes.Index(file[indexOf(t, file, "<p:encryptedKey"):], []byte(`saltValue="`)) + 11
		// The EncryptedPackage stream: in the mini stream (1 KB) or from
		// sector 0 (5 KB); its first 8 bytes are the package's size.
		start := int(binary.LittleEndian.Uint32(file[pkgEntry+116:]))
		pkgAt := 512 + 512*start
		if size < 4000 {
			root := int(binary.LittleEndian.Uint32(file[116:]))
			_ = root
			pkgAt = indexOf(t, file, string(binary.LittleEndian.AppendUint64(nil, uint64(len(pkg)))))
		}
		for _, tc := range []struct {
			name string
			at   int
			want error
		}{
			{"signature", 0, ErrNotEncrypted},
			{"sector shift", 30, ErrCorrupt},
			{"FAT location", 76, ErrCorrupt},
			{"directory location", 48, ErrCorrupt},
			{"package size field", pkgAt, ErrIntegrity},
			{"package ciphertext", pkgAt + 8 + len(pkg)/2, ErrIntegrity},
			{"package last byte", pkgAt + 8 + len(pkg) - 1, ErrIntegrity},
			{"package entry size", pkgEntry + 121, ErrCorrupt},
			{"info entry size", infoEntry + 120, ErrCorrupt},
			{"info entry start", infoEntry + 116, ErrCorrupt},
			{"info version", xml - 8, ErrUnsupported},
			{"info flags", xml - 4, ErrCorrupt},
			{"XML", xml + 1, ErrCorrupt},
			{"spin count", attr("spinCount"), ErrWrongPassword},
			{"password salt", pwSalt + 3, ErrWrongPassword},
			{"verifier input", attr("encryptedVerifierHashInput"), ErrWrongPassword},
			{"verifier hash", attr("encryptedVerifierHashValue") + 30, ErrWrongPassword},
			{"encrypted key", attr("encryptedKeyValue") + 1, ErrIntegrity},
			{"key data salt", attr("saltValue"), ErrIntegrity},
			{"HMAC key", attr("encryptedHmacKey") + 10, ErrIntegrity},
			{"HMAC value", attr("encryptedHmacValue") + 70, ErrIntegrity},
			{"cipher", attr("cipherAlgorithm"), ErrUnsupported},
			{"hash", attr("hashAlgorithm") + 3, ErrUnsupported},
		} {
			bad := bytes.Clone(file)
			bad[tc.at] ^= 0x01
			if isBase64(file[tc.at]) && tc.at > xml && tc.name != "spin count" && tc.want != ErrUnsupported {
				// Another base64 letter: the value decodes, to other bytes.
				bad[tc.at] = 'A'
				if file[tc.at] == 'A' {
					bad[tc.at] = 'B'
				}
			}
			if tc.name == "package entry size" {
				bad[tc.at] ^= 0x41 // larger, so past the file
			}
			_, err := decrypt(bad, testPassword)
			if !errors.Is(err, tc.want) {
				t.Errorf("%d bytes, %s (offset %d) changed: Decrypt = %v, want %v", size, tc.name, tc.at, err, tc.want)
			}
		}
	}
}

func isBase64(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
}

// TestEveryByte changes each byte of small files in turn: Decrypt must never
// panic, and either refuse the file with one of the package's errors or (for
// bytes nobody reads: padding, free entries, timestamps) give the package.
func TestEveryByte(t *testing.T) {
	pkg := zipPackage(t, 1<<10, 8)
	big := zipPackage(t, 5<<10, 8)
	for name, tc := range map[string]struct{ file, pkg []byte }{
		"1 KB": {encrypt(t, pkg, "pw", fast()), pkg},
		"5 KB": {encrypt(t, big, "pw", fast()), big},
	} {
		accepted := 0
		for i := range tc.file {
			for _, flip := range []byte{0x01, 0x80} {
				bad := bytes.Clone(tc.file)
				bad[i] ^= flip
				got, err := decrypt(bad, "pw")
				switch {
				case err == nil && !bytes.Equal(got, tc.pkg):
					t.Fatalf("%s: byte %d ^ %#x: Decrypt gave a different package without an error", name, i, flip)
				case err == nil:
					accepted++
				case !isSentinel(err):
					t.Fatalf("%s: byte %d ^ %#x: Decrypt = %v, not one of the package's errors", name, i, flip, err)
				}
			}
		}
		t.Logf("%s: %d of %d changes in unread bytes", name, accepted, 2*len(tc.file))
	}
}

// TestTamperedOffice changes bytes of Excel's own file.
func TestTamperedOffice(t *testing.T) {
	file := readTestdata(t, "office-password.xlsx")
	for i := 0; i < len(file); i += 173 {
		bad := bytes.Clone(file)
		bad[i] ^= 0x10
		if _, err := decrypt(bad, "Password1234_"); err != nil && !isSentinel(err) {
			t.Errorf("byte %d changed: Decrypt = %v, not one of the package's errors", i, err)
		}
	}
}
