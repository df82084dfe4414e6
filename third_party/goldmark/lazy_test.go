package goldmark_test

// Tests of Grendel's patch (third_party/goldmark/README.md): the case
// folding table of package util and the regular expressions of util and
// parser are built on first use, once, whoever asks first. What a process
// does before its first use cannot be seen in a test binary whose other
// tests may already have used them, so the test runs this binary again with
// only TestLazyChild in it, and GODEBUG=inittrace=1 to read what the inits
// allocated.

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"

	. "github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer/html"
)

const lazyChildEnv = "GOLDMARK_LAZY_TEST_CHILD"

// initBudget is the most the inits of util and parser may allocate: what
// is left in them takes about 3 kB and 45 kB; the patched values took
// about 200 kB more.
var initBudget = map[string]int{
	"github.com/yuin/goldmark/util":   32 << 10,
	"github.com/yuin/goldmark/parser": 96 << 10,
}

func TestBuiltOnFirstUse(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestLazyChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), lazyChildEnv+"=1", "GODEBUG=inittrace=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("child: %v\n%s%s", err, stdout.Bytes(), stderr.Bytes())
	}
	if !strings.Contains(stdout.String(), "--- PASS: TestLazyChild") {
		t.Fatalf("child ran no TestLazyChild:\n%s", stdout.Bytes())
	}
	for pkg, budget := range initBudget {
		n, ok := initBytes(stderr.Bytes(), pkg)
		if !ok {
			t.Fatalf("no inittrace line for %s in the child's standard error:\n%s", pkg, stderr.Bytes())
		}
		t.Logf("init of %s allocated %d bytes", pkg, n)
		if n > budget {
			t.Errorf("init of %s allocated %d bytes, want at most %d: is a table or a regular expression built at init again?", pkg, n, budget)
		}
	}
}

// initBytes returns what GODEBUG=inittrace=1 says the init of pkg
// allocated: "init PKG @T ms, C ms clock, B bytes, A allocs".
func initBytes(trace []byte, pkg string) (int, bool) {
	sc := bufio.NewScanner(bytes.NewReader(trace))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 9 || f[0] != "init" || f[1] != pkg {
			continue
		}
		for i := 2; i+1 < len(f); i++ {
			if strings.TrimSuffix(f[i+1], ",") == "bytes" {
				n, err := strconv.Atoi(f[i])
				return n, err == nil
			}
		}
	}
	return 0, false
}

// TestLazyChild runs only as TestBuiltOnFirstUse's child: goroutines
// convert, at once (run with -race), documents that use each lazy value,
// and all get upstream's output.
func TestLazyChild(t *testing.T) {
	if os.Getenv(lazyChildEnv) != "1" {
		t.Skip("runs as the child of TestBuiltOnFirstUse")
	}
	cases := []struct{ in, want string }{
		// htmlBlockType1OpenRegexp, htmlBlockType1CloseRegexp and the other
		// HTML block expressions
		{"<pre>\nx\n</pre>\n\n<div>\ny\n</div>", "<pre>\nx\n</pre>\n<div>\ny\n</div>"},
		// openTagRegexp, closeTagRegexp
		{"a <span class=\"x\">b</span>", "<p>a <span class=\"x\">b</span></p>\n"},
		// emailDomainRegexp
		{"<someone@example.com>", "<p><a href=\"mailto:someone@example.com\">someone@example.com</a></p>\n"},
		// unicodeCaseFoldings: a link label matches its definition case-insensitively
		{"[ẞ]\n\n[SS]: /u", "<p><a href=\"/u\">ẞ</a></p>\n"},
	}
	md := New(WithRendererOptions(html.WithUnsafe()))
	const n = 8
	start := make(chan struct{})
	got := make([]string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			var buf bytes.Buffer
			if err := md.Convert([]byte(cases[i%len(cases)].in), &buf); err != nil {
				got[i] = err.Error()
				return
			}
			got[i] = buf.String()
		}(i)
	}
	close(start)
	wg.Wait()
	for i := range got {
		if c := cases[i%len(cases)]; got[i] != c.want {
			t.Errorf("goroutine %d: Convert(%q) = %q, want %q", i, c.in, got[i], c.want)
		}
	}
}
