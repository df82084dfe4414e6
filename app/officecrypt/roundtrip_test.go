package officecrypt

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
)

// zipPackage returns a ZIP of about n bytes (at least a few hundred) that
// looks like an OOXML package: a [Content_Types].xml and a stored part of
// random bytes, so that tools that check for a ZIP after decrypting accept it.
func zipPackage(t testing.TB, n int, seed uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := writeZipPackage(&buf, n, seed); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeZipPackage(w io.Writer, n int, seed uint64) error {
	cw := &countWriter{w: w}
	zw := zip.NewWriter(cw)
	ct, err := zw.Create("[Content_Types].xml")
	if err != nil {
		return err
	}
	fmt.Fprint(ct, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	part, err := zw.CreateHeader(&zip.FileHeader{Name: "xl/data.bin", Method: zip.Store})
	if err != nil {
		return err
	}
	zw.Flush()
	fill := max(0, n-int(cw.n)-190)
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	chunk := make([]byte, 64<<10)
	for fill > 0 {
		k := min(fill, len(chunk))
		for i := 0; i < k; i += 8 {
			binary.LittleEndian.PutUint64(chunk[i:], r.Uint64())
		}
		if _, err := part.Write(chunk[:k]); err != nil {
			return err
		}
		fill -= k
	}
	return zw.Close()
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// fast are Options with a low spin count, for tests that encrypt often.
func fast() *Options { return &Options{spinCount: 10} }

func encrypt(t testing.TB, pkg []byte, password string, opt *Options) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := Encrypt(&out, bytes.NewReader(pkg), int64(len(pkg)), password, opt); err != nil {
		t.Fatalf("Encrypt(%d bytes): %v", len(pkg), err)
	}
	return out.Bytes()
}

func decrypt(file []byte, password string) ([]byte, error) {
	var out bytes.Buffer
	err := Decrypt(bytes.NewReader(file), int64(len(file)), password, &out)
	return out.Bytes(), err
}

const testPassword = "Zeven-Kikkers_Springen 42 ö€"

func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		pkg  []byte
		opt  *Options
	}{
		{"1 KB", zipPackage(t, 1<<10, 1), nil},
		{"5 KB", zipPackage(t, 5<<10, 2), nil},
		{"10 MB", zipPackage(t, 10<<20, 3), nil},
		{"1 byte", []byte("P"), fast()},
		{"15 bytes", bytes.Repeat([]byte{1}, 15), fast()},
		{"16 bytes", bytes.Repeat([]byte{2}, 16), fast()},
		{"4080 bytes", bytes.Repeat([]byte{3}, 4080), fast()},
		{"4088 bytes", bytes.Repeat([]byte{4}, 4088), fast()},
		{"4096 bytes", bytes.Repeat([]byte{5}, 4096), fast()},
		{"4097 bytes", bytes.Repeat([]byte{6}, 4097), fast()},
		{"64 KiB + 1", zipPackage(t, 64<<10+1, 4), fast()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := encrypt(t, tc.pkg, testPassword, tc.opt)
			if !IsEncrypted(bytes.NewReader(file), int64(len(file))) {
				t.Errorf("IsEncrypted = false, want true")
			}
			got, err := decrypt(file, testPassword)
			if err != nil {
				t.Fatalf("Decrypt: %v", err)
			}
			if sha256.Sum256(got) != sha256.Sum256(tc.pkg) {
				t.Errorf("Decrypt gave %d bytes that differ from the %d bytes encrypted", len(got), len(tc.pkg))
			}
			if _, err := decrypt(file, testPassword+"x"); !errors.Is(err, ErrWrongPassword) {
				t.Errorf("Decrypt with a wrong password = %v, want ErrWrongPassword", err)
			}
		})
	}
}
