package policy

import (
	"os"
	"path/filepath"
	"testing"

	"grendel/internal/testdir"
)

// BenchmarkParse measures parsing a realistic managed file.
func BenchmarkParse(b *testing.B) {
	data := []byte(parseCases[1].in)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if f := Parse("p.json", data); !f.OK() {
			b.Fatal(f.Problems)
		}
	}
}

// BenchmarkLoad measures a full reload as the watcher does it: two managed
// files, a recommended file and the user's settings, read from disk and
// merged.
func BenchmarkLoad(b *testing.B) {
	root := testdir.New(b)
	files := map[string]string{
		"managed/10-base.json":       parseCases[1].in,
		"managed/20-team.json":       `{"lock": {"idle_timeout": "3m"}}`,
		"recommended/10.json":        `{"share": {"words": 6}}`,
		"user/grendel/settings.json": `{"lock": {"idle_timeout": "1m"}}`,
	}
	for name, content := range files {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	paths := Paths{Managed: filepath.Join(root, "managed"), Recommended: filepath.Join(root, "recommended"), User: filepath.Join(root, "user/grendel/settings.json")}
	for b.Loop() {
		if s := Load(paths); len(s.Problems) != 0 {
			b.Fatal(s.Problems)
		}
	}
}
