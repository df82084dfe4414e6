package matching

// Tests of Grendel's patch (third_party/zxcvbn/README.md): the ranked
// dictionaries, the keyboard graphs and the regular expressions are built
// on first use, once, whoever asks first. What a process does before its
// first use cannot be seen in a test binary whose other tests may already
// have used the dictionaries, so the test runs this binary again with only
// lazyChild in it, and GODEBUG=inittrace=1 to read what the inits of this
// package and of those it imports allocated.

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/trustelem/zxcvbn/adjacency"
	"github.com/trustelem/zxcvbn/frequency"
)

const lazyChildEnv = "ZXCVBN_LAZY_TEST_CHILD"

// initBudget is the most each package's init may allocate. What is left
// in that of matching (the l33t table, the tables of shifted characters and
// of date splits, one small regular expression) takes about 8 kB; the
// dictionaries take about 10 MB more, the keyboard graphs and the other
// regular expressions 24 kB more. That of adjacency allocates nothing (its
// graphs take 36 kB); that of scoring takes 4 kB (8 kB with -race; its
// regular expressions 10 kB more).
var initBudget = map[string]int{
	"github.com/trustelem/zxcvbn/matching":  16 << 10,
	"github.com/trustelem/zxcvbn/adjacency": 1 << 10,
	"github.com/trustelem/zxcvbn/scoring":   12 << 10,
}

func TestDictionariesBuiltOnFirstUse(t *testing.T) {
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
	if !strings.Contains(stderr.String(), "init github.com/trustelem/zxcvbn/matching ") {
		t.Fatalf("no inittrace line for this package in the child's standard error:\n%s", stderr.Bytes())
	}
	for pkg, budget := range initBudget {
		bytes, _ := initBytes(stderr.Bytes(), pkg) // none: the package has no init work left
		t.Logf("init of %s allocated %d bytes", pkg, bytes)
		if bytes > budget {
			t.Errorf("init of %s allocated %d bytes, want at most %d: are its dictionaries, graphs or regular expressions built at init again?", pkg, bytes, budget)
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

// TestLazyChild runs only as TestDictionariesBuiltOnFirstUse's child: in a
// fresh process nothing has asked for the dictionaries yet; then many
// goroutines score at once (run with -race), all see one set of
// dictionaries, and asking again costs nothing.
func TestLazyChild(t *testing.T) {
	if os.Getenv(lazyChildEnv) != "1" {
		t.Skip("runs as the child of TestDictionariesBuiltOnFirstUse")
	}
	if defaultDicts.rankedDictionaries != nil {
		t.Fatal("the dictionaries were built before their first use")
	}

	const n = 8
	start := make(chan struct{})
	got := make([]dictionaryMatch, n)
	scores := make([][]string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			for _, m := range Omnimatch("Tr0ub4dour&3password", []string{"grendel"}) {
				scores[i] = append(scores[i], m.Pattern+":"+m.Token)
			}
			got[i] = defaultRankedDictionnaries()
		}(i)
	}
	close(start)
	wg.Wait()

	if len(got[0].rankedDictionaries) != len(frequency.FrequencyLists) {
		t.Fatalf("%d dictionaries, want %d", len(got[0].rankedDictionaries), len(frequency.FrequencyLists))
	}
	for i := 1; i < n; i++ {
		if !reflect.DeepEqual(scores[i], scores[0]) {
			t.Errorf("goroutine %d matched %q, goroutine 0 %q", i, scores[i], scores[0])
		}
		for name, d := range got[0].rankedDictionaries {
			if reflect.ValueOf(got[i].rankedDictionaries[name]).Pointer() != reflect.ValueOf(d).Pointer() {
				t.Errorf("goroutine %d got another %s dictionary: built more than once", i, name)
			}
		}
	}
	if a := testing.AllocsPerRun(10, func() { defaultRankedDictionnaries() }); a != 0 {
		t.Errorf("defaultRankedDictionnaries after the first use: %v allocations, want 0", a)
	}
	if g := defaultGraphs(); len(g) != 4 || g[0] != adjacency.Graphs()["qwerty"] || &g[0] != &defaultGraphs()[0] {
		t.Errorf("defaultGraphs() = %v, want the four graphs of adjacency.Graphs(), built once", g)
	}
	if maybeDateWithSeparator() != maybeDateWithSeparator() || greedy() != greedy() || reDigits() != reDigits() {
		t.Error("a regular expression was compiled more than once")
	}
}
