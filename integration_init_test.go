//go:build integration

package main

import (
	"fmt"
	"os"
	"os/exec"
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
// libphonenumber's metadata (2.2 MB) are loaded on first use, excelize's
// regular expressions and tables (1.3 MB) and goldmark's (250 kB) built on
// first use (the READMEs in third_party/); this fails if they are loaded
// at init again, for example after a version bump that left the patched
// copy behind. Bytes,
// not time: the runtime counts them exactly.
func TestIntegrationInitCost(t *testing.T) {
	budget := map[string]int{ // most a package's init may allocate
		"github.com/trustelem/zxcvbn/matching":  256 << 10, // 10 MB when the dictionaries are built at init
		"github.com/trustelem/zxcvbn/frequency": 64 << 10,  // 1.5 MB when its lists are copied to the heap
		"github.com/nyaruka/phonenumbers":       512 << 10, // 2.5 MB when the metadata is loaded at init
		"github.com/xuri/excelize/v2":           512 << 10, // 1.4 MB when its regular expressions and tables are built at init
		"github.com/yuin/goldmark/util":         32 << 10,  // 146 kB when its case-folding table is built at init
		"github.com/yuin/goldmark/parser":       96 << 10,  // 110 kB when its regular expressions are compiled at init
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
	total := 0
	for _, in := range inits {
		total += in.bytes
		if limit, ok := budget[in.pkg]; ok {
			seen[in.pkg] = true
			if in.bytes > limit {
				t.Errorf("init of %s allocates %d bytes, want at most %d: is its copy in third_party still used (go.mod's replace) and its patch in place?", in.pkg, in.bytes, limit)
			}
		}
	}
	for pkg := range budget {
		if !seen[pkg] {
			t.Errorf("no inittrace line for %s: is it still linked? Update this test", pkg)
		}
	}
	slices.SortFunc(inits, func(a, b initAlloc) int { return b.bytes - a.bytes })
	var top []string
	for _, in := range inits[:min(5, len(inits))] {
		top = append(top, fmt.Sprintf("%s %d", in.pkg, in.bytes))
	}
	t.Logf("package inits allocate %d bytes in all; most: %s", total, strings.Join(top, ", "))
}
