package audittest

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"grendel/app/audit"

	"grendel/internal/testdir"
)

// TestLeaks finds a text planted as it is, in base64 and in hex, in the
// current and in a rotated file, and nothing in a clean one.
func TestLeaks(t *testing.T) {
	dir := testdir.New(t)
	l := audit.New(audit.Config{Role: audit.RoleCLI, Sinks: []audit.Sink{&audit.FileSink{Dir: dir}}})
	l.Record(audit.ShareCreated{Share: "abcdefgh23"})
	if got, err := Leaks(dir, "Welkom123", "klanten.csv", "ab"); err != nil || got != nil {
		t.Errorf("Leaks in a clean file = %q, %v", got, err)
	}
	if es, err := Entries(dir); err != nil || len(es) != 1 {
		t.Errorf("Entries = %v, %v", es, err)
	}
	plant := func(name, text string) {
		f, _ := os.OpenFile(filepath.Join(dir, name), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
		f.WriteString(text + "\n")
		f.Close()
	}
	plant(audit.FileName+".1", base64.StdEncoding.EncodeToString([]byte("Welkom123")))
	plant(audit.FileName, "x6b6c616e74656e2e637376x") // hex of klanten.csv
	got, err := Leaks(dir, "Welkom123", "klanten.csv")
	if err != nil || !slices.Equal(got, []string{"V2Vsa29tMTIz", "6b6c616e74656e2e637376"}) {
		t.Errorf("Leaks = %q, %v", got, err)
	}
	if _, err := Entries(dir); err == nil {
		t.Error("Entries took a planted line for an entry")
	}
}
