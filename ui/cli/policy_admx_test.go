package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"grendel/internal/testdir"
	"grendel/policy/admx"
	"grendel/ui/exit"
)

// TestPolicyADMX: `policy admx -o DIR` writes the templates the generator
// makes, creating DIR; without -o, or where DIR cannot be made, it fails
// with a message naming the folder.
func TestPolicyADMX(t *testing.T) {
	isolate(t)
	dir := filepath.Join(testdir.New(t), "PolicyDefinitions")
	out, errOut, code := run(t, processes{}, "policy", "admx", "-o", dir)
	if code != 0 || !strings.Contains(out, "templates written to "+dir+": grendel.admx, en-US/grendel.adml") {
		t.Fatalf("policy admx -o DIR = %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	files, err := admx.Generate()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		if got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: not as generated (%v)", name, err)
		}
	}
	if _, errOut, code := run(t, processes{}, "policy", "admx"); code != exit.Usage || !strings.Contains(errOut, "with -o DIR") {
		t.Errorf("policy admx without -o = %d, %q; want a usage error", code, errOut)
	}
	file := filepath.Join(testdir.New(t), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := run(t, processes{}, "policy", "admx", "-o", file); code != exit.Failure || !strings.Contains(errOut, "cannot write the templates to "+file) {
		t.Errorf("policy admx -o FILE = %d, %q; want a failure naming the folder", code, errOut)
	}
}
