package statusschema

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/status.schema.json and the README's field tables")

// schemaFile is the committed schema, relative to this package.
var schemaFile = filepath.Join("..", "..", "..", "docs", "status.schema.json")

// TestSchemaCurrent: the committed docs/status.schema.json is the one the
// Go types make (go test ./app/compliance/statusschema -update rewrites it).
func TestSchemaCurrent(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the schema is reflected from the Go sources' doc comments, which a Windows test binary does not find where the build left them; it is generated and checked on Linux and macOS")
	}
	want, err := JSONSchema(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(schemaFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not current: run go test ./app/compliance/statusschema -update", schemaFile)
	}
}

// TestNotInProgram: the program links neither this package nor the schema
// libraries (the validator's init costs every process 1.7 MB).
func TestNotInProgram(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	// -e: the graph also where cgo is off and Fyne's GL cannot build.
	cmd := exec.Command(gobin, "list", "-e", "-deps", "grendel")
	cmd.Dir = filepath.Join("..", "..", "..")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps grendel: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.HasPrefix(pkg, "github.com/santhosh-tekuri/") || strings.HasPrefix(pkg, "github.com/invopop/") || strings.HasPrefix(pkg, "grendel/app/compliance/") {
			t.Errorf("the program links %s", pkg)
		}
	}
}
