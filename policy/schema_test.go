package policy

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestSchemaCoversEveryKey(t *testing.T) {
	for _, lang := range []string{"en", "nl", "de"} {
		b, err := Schema(lang)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Properties map[string]struct {
				Properties map[string]struct {
					Description string `json:"description"`
					Type        string `json:"type"`
				} `json:"properties"`
			} `json:"properties"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("Schema(%s) is not JSON: %v", lang, err)
		}
		for _, k := range Keys() {
			group, leaf, _ := strings.Cut(string(k.Name), ".")
			p, ok := doc.Properties[group].Properties[leaf]
			if !ok {
				t.Errorf("Schema(%s) lacks %s", lang, k.Name)
				continue
			}
			if !strings.HasPrefix(p.Description, k.Doc.In(lang)) || p.Type == "" {
				t.Errorf("Schema(%s) %s = %+v", lang, k.Name, p)
			}
		}
	}
}

// TestReadmeReference keeps the README's policy reference equal to the key
// definitions. Run with GRENDEL_UPDATE_README=1 to rewrite it.
func TestReadmeReference(t *testing.T) {
	const start, end = "<!-- policy-reference:start -->\n", "<!-- policy-reference:end -->"
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	i, j := strings.Index(readme, start), strings.Index(readme, end)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %q … %q markers", start, end)
	}
	want := readme[:i+len(start)] + Reference() + readme[j:]
	if readme == want {
		return
	}
	if os.Getenv("GRENDEL_UPDATE_README") != "" {
		if err := os.WriteFile("../README.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's policy reference is out of date; run GRENDEL_UPDATE_README=1 go test ./policy -run TestReadmeReference")
}
