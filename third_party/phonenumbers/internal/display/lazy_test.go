package display

// Tests of Grendel's copy (third_party/phonenumbers/README.md): it names
// what golang.org/x/text/language/display names, and sets itself up on
// first use, once, whoever asks first. What a process does before its
// first use cannot be seen in a test binary whose other tests may already
// have used the package, so the test runs this binary again with only
// TestLazyChild in it, and GODEBUG=inittrace=1 to read what this
// package's init allocated.

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/language"
	xdisplay "golang.org/x/text/language/display"
)

// TestSameNames: every region, and a sample of languages, scripts and
// tags, named in every language display supports (and some it does not),
// as x/text's display names them.
func TestSameNames(t *testing.T) {
	tags := append(xdisplay.Supported.Tags(), language.Make("nl-BE"), language.Make("zh-TW"), language.Make("de-CH"), language.Und, language.Make("tlh"))
	regions := xdisplay.Values.Regions()
	scripts := xdisplay.Values.Scripts()
	bases := xdisplay.Values.BaseLanguages()
	sample := []language.Tag{language.Make("nl-BE"), language.Make("zh-Hant-TW"), language.Make("sr-Latn"), language.Make("pt-BR"), language.Make("en-US")}
	if len(tags) < 100 || len(regions) < 200 {
		t.Fatalf("%d tags, %d regions: too few to compare", len(tags), len(regions))
	}
	n := 0
	for _, in := range tags {
		if (Regions(in) == nil) != (xdisplay.Regions(in) == nil) || (Languages(in) == nil) != (xdisplay.Languages(in) == nil) ||
			(Scripts(in) == nil) != (xdisplay.Scripts(in) == nil) || (Tags(in) == nil) != (xdisplay.Tags(in) == nil) {
			t.Errorf("in %s: a Namer is nil here and not there", in)
			continue
		}
		if Regions(in) != nil {
			for _, r := range regions {
				if got, want := Regions(in).Name(r), xdisplay.Regions(in).Name(r); got != want {
					t.Errorf("Regions(%s).Name(%s) = %q, want %q", in, r, got, want)
				}
				n++
			}
		}
		if Languages(in) != nil {
			for _, b := range bases[:50] {
				if got, want := Languages(in).Name(b), xdisplay.Languages(in).Name(b); got != want {
					t.Errorf("Languages(%s).Name(%s) = %q, want %q", in, b, got, want)
				}
			}
		}
		if Scripts(in) != nil {
			for _, s := range scripts[:20] {
				if got, want := Scripts(in).Name(s), xdisplay.Scripts(in).Name(s); got != want {
					t.Errorf("Scripts(%s).Name(%s) = %q, want %q", in, s, got, want)
				}
			}
		}
		if Tags(in) != nil {
			for _, s := range sample {
				if got, want := Tags(in).Name(s), xdisplay.Tags(in).Name(s); got != want {
					t.Errorf("Tags(%s).Name(%s) = %q, want %q", in, s, got, want)
				}
			}
		}
	}
	for _, s := range sample {
		if got, want := Self.Name(s), xdisplay.Self.Name(s); got != want {
			t.Errorf("Self.Name(%s) = %q, want %q", s, got, want)
		}
	}
	t.Logf("%d region names compared", n)
}

const lazyChildEnv = "DISPLAY_LAZY_TEST_CHILD"

// initBudget is the most this package's init may allocate: nothing is
// left in it; upstream's took about 200 kB.
const initBudget = 8 << 10

func TestSetUpOnFirstUse(t *testing.T) {
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
	// No line: the init has nothing left to do.
	n, _ := initBytes(stderr.Bytes(), "github.com/nyaruka/phonenumbers/internal/display")
	t.Logf("init of display allocated %d bytes", n)
	if n > initBudget {
		t.Errorf("init of display allocated %d bytes, want at most %d: is the matcher built at init again?", n, initBudget)
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

// TestLazyChild runs only as TestSetUpOnFirstUse's child: in a fresh
// process nothing is set up; then goroutines name regions at once (run
// with -race) and all get x/text's names.
func TestLazyChild(t *testing.T) {
	if os.Getenv(lazyChildEnv) != "1" {
		t.Skip("runs as the child of TestSetUpOnFirstUse")
	}
	if matcher != nil || Supported != nil || Values != nil {
		t.Fatal("the package was set up before its first use")
	}
	in := []language.Tag{language.Dutch, language.German, language.English, language.Make("fr-CA")}
	region := language.MustParseRegion("BE")
	const n = 8
	start := make(chan struct{})
	got := make([]string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			got[i] = Regions(in[i%len(in)]).Name(region)
		}(i)
	}
	close(start)
	wg.Wait()
	for i := 0; i < n; i++ {
		if want := xdisplay.Regions(in[i%len(in)]).Name(region); got[i] != want {
			t.Errorf("goroutine %d: %s in %s = %q, want %q", i, region, in[i%len(in)], got[i], want)
		}
	}
}
