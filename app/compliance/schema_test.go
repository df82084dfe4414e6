package compliance

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/status.schema.json and the README's field tables")

// schemaFile is the committed schema, relative to this package.
var schemaFile = filepath.Join("..", "..", "docs", "status.schema.json")

// TestSchemaCurrent: the committed docs/status.schema.json is the one the
// Go types make (go test ./app/compliance -update rewrites it).
func TestSchemaCurrent(t *testing.T) {
	want, err := JSONSchema(filepath.Join("..", ".."))
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
		t.Errorf("%s is not current: run go test ./app/compliance -update", schemaFile)
	}
}
