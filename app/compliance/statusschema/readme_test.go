package statusschema

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"grendel/app/compliance"
)

// TestReadmeTables keeps the README's tables of the status document's
// fields and of the flat fields equal to the Go types. Run with
// GRENDEL_UPDATE_README=1 to rewrite them.
func TestReadmeTables(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the schema is reflected from the Go sources' doc comments, which a Windows test binary does not find where the build left them; it is generated and checked on Linux and macOS")
	}
	readmePath := filepath.Join("..", "..", "..", "README.md")
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := JSONSchema(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	docTable, err := DocumentTable(schema)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(docTable, "| `schema` | string | yes |") || !strings.Contains(docTable, "| `pid` | integer | no |") {
		t.Errorf("DocumentTable:\n%s", docTable)
	}
	readme := string(b)
	want := readme
	for marker, table := range map[string]string{"status-document": docTable, "status-fields": compliance.FieldTable()} {
		start, end := "<!-- "+marker+":start -->\n", "<!-- "+marker+":end -->"
		i, j := strings.Index(want, start), strings.Index(want, end)
		if i < 0 || j < i {
			t.Fatalf("README.md lacks the %q … %q markers", start, end)
		}
		want = want[:i+len(start)] + table + want[j:]
	}
	if readme == want {
		return
	}
	if os.Getenv("GRENDEL_UPDATE_README") != "" {
		if err := os.WriteFile(readmePath, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's status tables are out of date; run GRENDEL_UPDATE_README=1 go test ./app/compliance/statusschema -run TestReadmeTables")
}
