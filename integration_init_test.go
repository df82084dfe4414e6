//go:build integration

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// initAlloc is what GODEBUG=inittrace=1 says one package's init allocated.
type initAlloc struct {
	pkg   string
	bytes int
}

// parseInitTrace reads the runtime's inittrace lines:
// "init PKG @T ms, C ms clock, B bytes, A allocs".
func parseInitTrace(trace string) []initAlloc {
	var out []initAlloc
	for line := range strings.Lines(trace) {
		f := strings.Fields(line)
		if len(f) < 9 || f[0] != "init" || !strings.HasPrefix(f[2], "@") {
			continue
		}
		for i := 3; i+1 < len(f); i++ {
			if strings.TrimSuffix(f[i+1], ",") == "bytes" {
				if n, err := strconv.Atoi(f[i]); err == nil {
					out = append(out, initAlloc{pkg: f[1], bytes: n})
				}
				break
			}
		}
	}
	return out
}

// TestIntegrationInitCost: every process of the binary, the resident agent
// included, runs every package's init, so what an init builds is paid
// where it is never used. zxcvbn's English dictionaries (11 MB) and
// libphonenumber's metadata (2.2 MB) are loaded on first use, and
// excelize's, goldmark's, libphonenumber's and zxcvbn's regular
// expressions and tables built on first use (the READMEs in third_party/),
// and so are Fyne's built-in translations when the binary was built as
// make builds it (third_party/fyne-lang); this fails if they are loaded at
// init again, for example after a version bump that left the patched copy
// behind, or if the inits of all packages together allocate much more
// than they do now. Bytes, not time: the runtime counts them exactly.
func TestIntegrationInitCost(t *testing.T) {
	budget := map[string]int{ // most a package's init may allocate
		"github.com/trustelem/zxcvbn/matching":  16 << 10,  // 10 MB when the dictionaries are built at init, 30 kB with the graphs and regular expressions
		"github.com/trustelem/zxcvbn/frequency": 64 << 10,  // 1.5 MB when its lists are copied to the heap
		"github.com/nyaruka/phonenumbers":       64 << 10,  // 2.5 MB when the metadata is loaded at init, 300 kB with the regular expressions
		"github.com/xuri/excelize/v2":           112 << 10, // 1.4 MB when its regular expressions and tables are built at init
		"github.com/yuin/goldmark/util":         32 << 10,  // 146 kB when its case-folding table is built at init
		"github.com/yuin/goldmark/parser":       96 << 10,  // 110 kB when its regular expressions are compiled at init
	}
	// Packages whose init may be gone altogether, and what it may allocate.
	optional := map[string]int{
		"github.com/trustelem/zxcvbn/adjacency":            1 << 10, // 36 kB when the keyboard graphs are built at init
		"github.com/nyaruka/phonenumbers/internal/display": 8 << 10, // 200 kB when its matcher is built at init
	}
	// Packages that must not be linked: x/text's display, whose init
	// builds a matcher of 260 languages, is replaced by phonenumbers's copy.
	unlinked := []string{"golang.org/x/text/language/display"}
	// Fyne's lang package is patched by the workspace the Makefile builds in
	// (GOWORK, third_party/fyne-lang/README.md); built outside it, the
	// binary has upstream's lang.go, which parses every built-in
	// translation at init (930 kB).
	workspace := strings.HasSuffix(os.Getenv("GOWORK"), filepath.Join("fyne-lang", "go.work"))
	if workspace {
		budget["fyne.io/fyne/v2/lang"] = 16 << 10
	} else {
		t.Logf("built outside the workspace of third_party/fyne-lang (GOWORK=%q): Fyne's lang package is not checked", os.Getenv("GOWORK"))
	}
	// All inits together: about 770 kB with the patches (2.4 MB before the
	// last of them).
	total := 1 << 20
	if !workspace {
		total += 1 << 20
	}
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "GODEBUG="+strings.TrimPrefix(os.Getenv("GODEBUG")+",inittrace=1", ","))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if out, err := cmd.Output(); err != nil {
		t.Fatalf("grendel version: %v\n%s%s", err, out, stderr.String())
	}
	inits := parseInitTrace(stderr.String())
	if len(inits) == 0 {
		t.Fatalf("no inittrace lines in grendel version's standard error:\n%s", stderr.String())
	}
	seen := map[string]bool{}
	sum := 0
	for _, in := range inits {
		sum += in.bytes
		limit, ok := budget[in.pkg]
		if !ok {
			limit, ok = optional[in.pkg]
		}
		if ok {
			seen[in.pkg] = true
			if in.bytes > limit {
				t.Errorf("init of %s allocates %d bytes, want at most %d: is its copy in third_party still used (go.mod's replace, the Makefile's workspace) and its patch in place?", in.pkg, in.bytes, limit)
			}
		}
	}
	for pkg := range budget {
		if !seen[pkg] {
			t.Errorf("no inittrace line for %s: is it still linked? Update this test", pkg)
		}
	}
	for _, in := range inits {
		if slices.Contains(unlinked, in.pkg) {
			t.Errorf("%s is linked again (its init allocates %d bytes): who imports it?", in.pkg, in.bytes)
		}
	}
	if sum > total {
		t.Errorf("package inits allocate %d bytes in all, want at most %d: which package's init grew?", sum, total)
	}
	slices.SortFunc(inits, func(a, b initAlloc) int { return b.bytes - a.bytes })
	var top []string
	for _, in := range inits[:min(5, len(inits))] {
		top = append(top, fmt.Sprintf("%s %d", in.pkg, in.bytes))
	}
	t.Logf("package inits allocate %d bytes in all; most: %s", sum, strings.Join(top, ", "))
}
