package cfb

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzOpen opens compound files and reads the streams an encrypted Office
// package has. Seeds: what Write makes of the round trip's layouts (the
// largest left out) and the encrypted files in ../testdata.
func FuzzOpen(f *testing.F) {
	for i, l := range layouts {
		if l.name == "difat" {
			continue
		}
		files := map[string][]byte{}
		for p, n := range l.sizes {
			files[p] = content(uint64(i), n)
		}
		f.Add(write(f, files))
	}
	seeds, _ := filepath.Glob(filepath.Join("..", "testdata", "*.*x"))
	for _, name := range seeds {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	paths := [][]string{
		{"EncryptionInfo"}, {"EncryptedPackage"}, {"A"}, {"B"},
		{"\x06DataSpaces", "TransformInfo", "StrongEncryptionTransform", "\x06Primary"},
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Open(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			if !errors.Is(err, ErrNotCFB) && !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Open = %v", err)
			}
			return
		}
		for _, p := range paths {
			s, err := c.Open(p...)
			if err != nil {
				if !errors.Is(err, ErrNotExist) && !errors.Is(err, ErrCorrupt) {
					t.Fatalf("Open(%q) = %v", p, err)
				}
				continue
			}
			if s.Size() > int64(len(b)) {
				t.Fatalf("stream %q of %d bytes in a file of %d", p, s.Size(), len(b))
			}
			got, err := io.ReadAll(io.NewSectionReader(s, 0, s.Size()))
			if err != nil && !errors.Is(err, ErrCorrupt) {
				t.Fatalf("reading %q: %v", p, err)
			}
			if err == nil && int64(len(got)) != s.Size() {
				t.Fatalf("read %d bytes of %q, Size %d", len(got), p, s.Size())
			}
		}
	})
}
