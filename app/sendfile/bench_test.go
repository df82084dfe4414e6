package sendfile

import (
	"archive/zip"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"grendel/internal/testdir"
)

// benchInput writes a 200 MB input once per benchmark: a text-like file
// (for the ZIP) or an OOXML package holding it (for Office).
func benchInput(b *testing.B, office bool) string {
	b.Helper()
	dir := testdir.New(b)
	data := make([]byte, 200<<20)
	x := uint64(88172645463325252)
	for i := range data {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		data[i] = "0123456789;abcdefghij\n"[x%22]
	}
	if !office {
		p := filepath.Join(dir, "big.csv.bin")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			b.Fatal(err)
		}
		return p
	}
	p := filepath.Join(dir, "big.xlsx")
	f, _ := os.Create(p)
	zw := zip.NewWriter(f)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "xl/data.bin", Method: zip.Store})
	w.Write(data)
	zw.Close()
	f.Close()
	return p
}

// BenchmarkEncryptVerify200MB: Encrypt with every check, 200 MB as an AES
// ZIP and as an Office package, beside 7zz a -tzip -mem=AES256 on the same
// file in the same run.
func BenchmarkEncryptVerify200MB(b *testing.B) {
	for _, tc := range []struct {
		name   string
		office bool
	}{{"zip", false}, {"office", true}} {
		in := benchInput(b, tc.office)
		fi, _ := os.Stat(in)
		b.Run(tc.name, func(b *testing.B) {
			v, _ := testVaultB(b)
			b.SetBytes(fi.Size())
			for i := 0; b.Loop(); i++ {
				out := filepath.Join(testdir.New(b), "out")
				if _, err := Encrypt(context.Background(), []string{in}, Options{Shares: v, Output: out}); err != nil {
					b.Fatal(err)
				}
			}
		})
		if tc.office {
			continue
		}
		b.Run("7zz-a-AES256", func(b *testing.B) {
			z7, err := exec.LookPath("7zz")
			if err != nil {
				b.Skip("7zz is not installed")
			}
			b.SetBytes(fi.Size())
			for b.Loop() {
				out := filepath.Join(testdir.New(b), "out.zip")
				if o, err := exec.Command(z7, "a", "-tzip", "-mem=AES256", "-pPASSWORD-1234", out, in).CombinedOutput(); err != nil {
					b.Fatalf("%v\n%s", err, o)
				}
			}
		})
	}
}
