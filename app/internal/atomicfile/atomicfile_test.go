package atomicfile

import (
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
