package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestMakefileTrimsPaths: every binary the Makefile builds leaves the
// build machine's paths out (-trimpath), so that no log line or panic
// shows /root/go/pkg/mod/… to a user (issue 13).
func TestMakefileTrimsPaths(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	builds := regexp.MustCompile(`(?m)^\t.*\$\(GO\) build\b.*$`).FindAllString(string(b), -1)
	if len(builds) == 0 {
		t.Fatal("the Makefile builds nothing with $(GO) build")
	}
	for _, line := range builds {
		if !regexp.MustCompile(`\s-trimpath\b`).MatchString(line) {
			t.Errorf("the Makefile builds without -trimpath:\n%s", line)
		}
	}
}
