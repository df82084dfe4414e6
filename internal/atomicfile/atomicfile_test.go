package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"grendel/internal/testdir"
)

// TestWrite: the file gets the data and the mode, its missing directory
// 0700, and no temporary file stays.
func TestWrite(t *testing.T) {
	dir := filepath.Join(testdir.New(t), "a", "b")
	path := filepath.Join(dir, "f.json")
	for _, data := range []string{"first", "second, longer than the first"} {
		if err := Write(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(path); err != nil || string(got) != data {
			t.Errorf("ReadFile = %q, %v; want %q", got, err, data)
		}
	}
	if runtime.GOOS != "windows" {
		for p, want := range map[string]os.FileMode{path: 0o600, dir: 0o700} {
			if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != want {
				t.Errorf("%s: mode %v, %v; want %v", p, fi.Mode().Perm(), err, want)
			}
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the directory holds %v", entries)
	}
	if err := Write(filepath.Join(path, "under-a-file"), nil, 0o600); err == nil {
		t.Error("Write under a regular file succeeded")
	}
}

// TestWriteFailsCleanly: when the rename fails (path is a directory that
// is not empty), Write returns the error, path is as it was and no
// temporary file stays.
func TestWriteFailsCleanly(t *testing.T) {
	dir := testdir.New(t)
	path := filepath.Join(dir, "taken")
	if err := os.MkdirAll(filepath.Join(path, "inside"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("data"), 0o600); err == nil {
		t.Fatal("Write over a directory that is not empty succeeded")
	}
	if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
		t.Errorf("after the failed Write, %s: %v, %v; want the directory", path, fi, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "taken" {
			t.Errorf("the failed Write left %s", e.Name())
		}
	}
}

// TestIsTemp: IsTemp knows the names Write gives its temporary files, and
// no others.
func TestIsTemp(t *testing.T) {
	for name, want := range map[string]bool{
		".grendel-123456.tmp": true,
		".grendel-.tmp":       true,
		"grendel-123.tmp":     false,
		".grendel-123.json":   false,
		"shares.json":         false,
		".shares-123.tmp":     false,
	} {
		if got := IsTemp(name); got != want {
			t.Errorf("IsTemp(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestPlace: Place moves a finished file to a new name; over an existing
// file only with overwrite, else an error wrapping fs.ErrExist that
// leaves both files as they were.
func TestPlace(t *testing.T) {
	dir := testdir.New(t)
	tmpFile := func(data string) string {
		t.Helper()
		f, err := os.CreateTemp(dir, tempPrefix+"*"+tempSuffix)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString(data); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		return f.Name()
	}
	content := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			return "(" + err.Error() + ")"
		}
		return string(b)
	}
	dst := filepath.Join(dir, "out.csv")

	first := tmpFile("first")
	if err := Place(first, dst, false); err != nil || content(dst) != "first" {
		t.Fatalf("Place to a new name = %v; dst holds %q, want first", err, content(dst))
	}
	if _, err := os.Lstat(first); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after Place, the temporary file: %v; want it gone", err)
	}

	second := tmpFile("second")
	if err := Place(second, dst, false); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Place over a file without overwrite = %v, want fs.ErrExist", err)
	}
	if content(dst) != "first" || content(second) != "second" {
		t.Errorf("after the refused Place: dst %q, tmp %q; want both as they were", content(dst), content(second))
	}

	if err := Place(second, dst, true); err != nil || content(dst) != "second" {
		t.Errorf("Place with overwrite = %v; dst holds %q, want second", err, content(dst))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the directory holds %v, want out.csv alone", entries)
	}
}
