package aeszip

import (
	"bufio"
	"compress/flate"
	"crypto/rand"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"grendel/internal/testdir"
)

// bigFile writes size bytes of semi-compressible customer-like text (about
// 3:1 with deflate) into dir and returns its path.
func bigFile(b *testing.B, dir string, size int) string {
	b.Helper()
	p := filepath.Join(dir, "kunden.csv")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i, left := uint64(0), size; left > 0; i++ {
		chunk := csvLike(min(left, 4<<20), i)
		w.Write(chunk)
		left -= len(chunk)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return p
}

// encryptVerify encrypts the file src into an archive at dst and verifies it.
func encryptVerify(b *testing.B, src, dst string, opt Options) {
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	info, _ := in.Stat()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	defer out.Close()
	w := NewWriter(out, testPassword, opt)
	if err := w.AddFile("kunden.csv", in, info.ModTime()); err != nil {
		b.Fatal(err)
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	size, _ := out.Seek(0, 1)
	sums, err := Verify(out, size, testPassword, Limits{MaxEntrySize: info.Size()})
	if err != nil {
		b.Fatal(err)
	}
	if sums[0].SHA256 != w.Entries()[0].SHA256 {
		b.Fatal("SHA-256 differs after the round trip")
	}
	b.ReportMetric(float64(info.Size())/float64(size), "ratio")
}

// BenchmarkEncryptVerify200MB encrypts and verifies a 200 MB file as an
// AES-256 ZIP, beside 7-Zip doing the same in the same run.
func BenchmarkEncryptVerify200MB(b *testing.B) {
	const size = 200 << 20
	dir := testdir.New(b)
	src := bigFile(b, dir, size)
	dst := filepath.Join(dir, "out.zip")
	for _, level := range []int{flate.BestSpeed, DefaultLevel} {
		b.Run(fmt.Sprintf("aeszip-level%d", level), func(b *testing.B) {
			b.SetBytes(size)
			for b.Loop() {
				encryptVerify(b, src, dst, Options{Level: level})
			}
		})
	}
	sevenZip, err := exec.LookPath("7zz")
	if err != nil {
		b.Log("7zz is not installed (Debian package 7zip): no comparison")
		return
	}
	sevenZipRun := func(b *testing.B, args ...string) {
		cmd := exec.Command(sevenZip, args...)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("7zz %v: %v\n%s", args[0], err, out)
		}
		if info, err := os.Stat(dst); err == nil {
			b.ReportMetric(float64(size)/float64(info.Size()), "ratio")
		}
	}
	b.Run("7zz-a", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			os.Remove(dst)
			sevenZipRun(b, "a", "-tzip", "-mem=AES256", "-p"+testPassword, dst, src)
		}
	})
	b.Run("7zz-a+t", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			os.Remove(dst)
			sevenZipRun(b, "a", "-tzip", "-mem=AES256", "-p"+testPassword, dst, src)
			sevenZipRun(b, "t", "-p"+testPassword, dst)
		}
	})
}

// BenchmarkPBKDF2 is the key derivation for one entry: PBKDF2-HMAC-SHA1,
// 1000 iterations, 66 bytes (4 blocks of SHA-1, so 4000 HMACs).
func BenchmarkPBKDF2(b *testing.B) {
	salt := make([]byte, 16)
	rand.Read(salt)
	for b.Loop() {
		if _, err := deriveKeys(testPassword, salt, 32); err != nil {
			b.Fatal(err)
		}
	}
}
