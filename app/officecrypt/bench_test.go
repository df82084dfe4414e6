package officecrypt

import (
	"bufio"
	"crypto/sha256"
	"crypto/sha512"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"grendel/internal/testdir"
)

// BenchmarkEncryptVerify200MB encrypts a 200 MB package from a file to a
// file, then verifies it as issue 11's check does: Decrypt (password,
// HMAC) into SHA-256, compared with the package's. It reports the package's
// MB/s for both steps together and the heap in use at the end of Encrypt.
func BenchmarkEncryptVerify200MB(b *testing.B) {
	const size = 200 << 20
	dir := testdir.New(b)
	name := filepath.Join(dir, "in.xlsx")
	f, err := os.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	bw := bufio.NewWriter(f)
	h := sha256.New()
	if err := writeZipPackage(bufioTee{bw, h}, size, 1); err != nil {
		b.Fatal(err)
	}
	if err := bw.Flush(); err != nil {
		b.Fatal(err)
	}
	want := h.Sum(nil)
	st, _ := f.Stat()
	pkgSize := st.Size()
	b.SetBytes(pkgSize)
	b.ReportAllocs()
	b.ResetTimer()
	var heap uint64
	for range b.N {
		out, err := os.Create(filepath.Join(dir, "out.xlsx"))
		if err != nil {
			b.Fatal(err)
		}
		opt := &Options{Progress: func(done, total int64) {
			if done == total {
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				heap = max(heap, m.HeapInuse)
			}
		}}
		if err := Encrypt(out, f, pkgSize, "correct horse battery", opt); err != nil {
			b.Fatal(err)
		}
		osz, _ := out.Seek(0, 2)
		h := sha256.New()
		if err := Decrypt(out, osz, "correct horse battery", h); err != nil {
			b.Fatal(err)
		}
		if string(h.Sum(nil)) != string(want) {
			b.Fatal("decrypted package differs")
		}
		out.Close()
	}
	b.ReportMetric(float64(heap)/(1<<20), "MB-heap")
	f.Close()
}

type bufioTee struct {
	w *bufio.Writer
	h interface{ Write([]byte) (int, error) }
}

func (t bufioTee) Write(p []byte) (int, error) {
	t.h.Write(p)
	return t.w.Write(p)
}

// BenchmarkKeyDerivation is the password key derivation alone: SHA-512
// iterated 100,000 times, which every Encrypt and Decrypt pays once.
func BenchmarkKeyDerivation(b *testing.B) {
	salt := make([]byte, 16)
	for range b.N {
		iterate(sha512.New, salt, "correct horse battery", DefaultSpinCount)
	}
}
