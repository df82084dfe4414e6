package aeszip

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"grendel/internal/testdir"
)

// These tests check our archives with independent tools and read theirs:
// 7-Zip's 7zz (Debian package 7zip) and libarchive's bsdtar (package
// libarchive-tools), both installed by scripts/install-deps.sh.

// tool returns the path of an external program. Without it the test is
// skipped, except in CI (CI=true), where install-deps has installed it and
// its absence is a failure.
func tool(t testing.TB, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	msg := name + " is not installed (Debian package " + pkg + "; scripts/install-deps.sh installs it)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// run runs a command with stdin from /dev/null and returns its combined
// output.
func run(t testing.TB, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// treeFiles is a folder with what a customer folder holds.
var treeFiles = map[string][]byte{
	"Kunden/kunden.csv":           csvLike(1<<20, 11),
	"Kunden/leer.txt":             nil,
	"Kunden/Übersicht Müller.csv": []byte("Straße;Größe\n"),
	"Kunden/2024/q1/bestand.csv":  csvLike(30_000, 12),
	"Kunden/2024/random.bin": func() []byte {
		b := make([]byte, 200_000)
		for i := range b {
			b[i] = byte(i*7919>>3) ^ byte(i>>11)
		}
		return b
	}(),
}

// writeTree writes treeFiles and an empty folder under dir.
func writeTree(t testing.TB, dir string) {
	t.Helper()
	for name, data := range treeFiles {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "Kunden", "leer"), 0o755); err != nil {
		t.Fatal(err)
	}
}

// ourTreeArchive writes the tree into an archive file and returns its path.
func ourTreeArchive(t *testing.T) string {
	t.Helper()
	dir := testdir.New(t)
	writeTree(t, dir)
	out := filepath.Join(testdir.New(t), "ours.zip")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	w := NewWriter(f, testPassword, Options{})
	if err := w.AddTree(filepath.Join(dir, "Kunden")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return out
}

// compareTree checks that dir holds exactly treeFiles and the empty folder.
func compareTree(t *testing.T, dir string) {
	t.Helper()
	seen := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		want, ok := treeFiles[filepath.ToSlash(rel)]
		got, err := os.ReadFile(p)
		switch {
		case err != nil:
			return err
		case !ok:
			t.Errorf("extracted %q, which was not added", rel)
		case !bytes.Equal(got, want):
			t.Errorf("%q: %d bytes extracted differ from the %d added", rel, len(got), len(want))
		}
		seen++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen != len(treeFiles) {
		t.Errorf("extracted %d files, want %d", seen, len(treeFiles))
	}
	if fi, err := os.Stat(filepath.Join(dir, "Kunden", "leer")); err != nil || !fi.IsDir() {
		t.Errorf("empty folder Kunden/leer not extracted: %v", err)
	}
}

func Test7zzAcceptsOurArchive(t *testing.T) {
	sevenZip := tool(t, "7zz", "7zip")
	archive := ourTreeArchive(t)

	out, err := run(t, sevenZip, "t", "-p"+testPassword, archive)
	if err != nil || !strings.Contains(out, "Everything is Ok") {
		t.Fatalf("7zz t: %v\n%s", err, out)
	}

	out, err = run(t, sevenZip, "l", "-slt", archive)
	if err != nil {
		t.Fatalf("7zz l -slt: %v\n%s", err, out)
	}
	files := 0
	for _, item := range strings.Split(out, "\n\n") {
		if !strings.Contains(item, "Path = Kunden") || strings.Contains(item, "Folder = +") {
			continue
		}
		files++
		if !strings.Contains(item, "Method = AES-256 Deflate") || !strings.Contains(item, "Encrypted = +") {
			t.Errorf("7zz l -slt shows an entry that is not AES-256:\n%s", item)
		}
		if !strings.Contains(item, "UTF8") {
			t.Errorf("7zz l -slt: name not flagged UTF-8:\n%s", item)
		}
	}
	if files != len(treeFiles) {
		t.Errorf("7zz l -slt lists %d files, want %d\n%s", files, len(treeFiles), out)
	}

	dest := testdir.New(t)
	if out, err := run(t, sevenZip, "x", "-p"+testPassword, "-o"+dest, archive); err != nil {
		t.Fatalf("7zz x: %v\n%s", err, out)
	}
	compareTree(t, dest)

	out, err = run(t, sevenZip, "t", "-pwrong", archive)
	if err == nil || !strings.Contains(out, "Wrong password") {
		t.Errorf("7zz t with a wrong password: err %v, want a failure saying Wrong password\n%s", err, out)
	}
}

func TestBsdtarExtractsOurArchive(t *testing.T) {
	bsdtar := tool(t, "bsdtar", "libarchive-tools")
	archive := ourTreeArchive(t)

	dest := testdir.New(t)
	if out, err := run(t, bsdtar, "-x", "-f", archive, "-C", dest, "--passphrase", testPassword); err != nil {
		t.Fatalf("bsdtar -x: %v\n%s", err, out)
	}
	compareTree(t, dest)

	dest = testdir.New(t)
	out, err := run(t, bsdtar, "-x", "-f", archive, "-C", dest, "--passphrase", "wrong")
	if err == nil || !strings.Contains(out, "Incorrect passphrase") {
		t.Errorf("bsdtar -x with a wrong password: err %v, want a failure saying Incorrect passphrase\n%s", err, out)
	}
}

// TestRead7zzArchives reads archives that 7-Zip makes, on the fly.
func TestRead7zzArchives(t *testing.T) {
	sevenZip := tool(t, "7zz", "7zip")
	src := testdir.New(t)
	writeTree(t, src)
	tests := []struct {
		name string
		args []string
		want error
	}{
		{"AES-256 deflate", []string{"-mem=AES256"}, nil},
		{"AES-256 store", []string{"-mem=AES256", "-mx0"}, nil},
		{"AES-128", []string{"-mem=AES128"}, nil},
		{"AES-256 best", []string{"-mem=AES256", "-mx9"}, nil},
		{"AES-256 Deflate64", []string{"-mem=AES256", "-mm=Deflate64"}, ErrUnsupported},
		{"ZipCrypto", []string{"-mem=ZipCrypto"}, ErrZipCrypto},
		{"no password", nil, ErrNotEncrypted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			archive := filepath.Join(testdir.New(t), "7zz.zip")
			args := append([]string{"a", "-tzip"}, tt.args...)
			if tt.args != nil {
				args = append(args, "-p"+testPassword)
			}
			cmd := exec.Command(sevenZip, append(args, archive, "Kunden")...)
			cmd.Dir = src
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("7zz a: %v\n%s", err, out)
			}
			b, err := os.ReadFile(archive)
			if err != nil {
				t.Fatal(err)
			}
			sums, err := verify(b, testPassword)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Fatalf("Verify() = %v, want %v", err, tt.want)
			}
			if tt.want != nil {
				return
			}
			files := 0
			for _, s := range sums {
				if s.Dir {
					continue
				}
				files++
				if want := sha256.Sum256(treeFiles[s.Name]); s.SHA256 != want || s.Size != int64(len(treeFiles[s.Name])) {
					t.Errorf("%q: SHA-256 %x size %d, want %x size %d", s.Name, s.SHA256, s.Size, want, len(treeFiles[s.Name]))
				}
			}
			if files != len(treeFiles) {
				t.Errorf("Verify found %d files, want %d", files, len(treeFiles))
			}
			if _, err := verify(b, "wrong"); !errors.Is(err, ErrWrongPassword) {
				t.Errorf("Verify(wrong password) = %v, want ErrWrongPassword", err)
			}
		})
	}
}
