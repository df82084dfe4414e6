package phonenumbers

// Tests of Grendel's patch (third_party/phonenumbers/README.md): the
// metadata is loaded and the regular expressions are compiled on first use,
// once, whoever asks first. What a process
// does before its first use cannot be seen in a test binary whose other
// tests may already have parsed numbers, so the test runs this binary again
// with only TestLazyChild in it, and GODEBUG=inittrace=1 to read what this
// package's init allocated.

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

const lazyChildEnv = "PHONENUMBERS_LAZY_TEST_CHILD"

// initBudget is the most this package's init may allocate: what is left in
// it (the protobuf types, a few small maps) takes about 21 kB; the regular
// expressions take 280 kB more, the metadata 2.2 MB more.
const initBudget = 64 << 10

func TestMetadataLoadedOnFirstUse(t *testing.T) {
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
	n, ok := initBytes(stderr.Bytes(), "github.com/nyaruka/phonenumbers")
	if !ok {
		t.Fatalf("no inittrace line for this package in the child's standard error:\n%s", stderr.Bytes())
	}
	t.Logf("init of phonenumbers allocated %d bytes", n)
	if n > initBudget {
		t.Errorf("init of phonenumbers allocated %d bytes, want at most %d: is the metadata loaded or a regular expression compiled at init again?", n, initBudget)
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

// TestLazyChild runs only as TestMetadataLoadedOnFirstUse's child: in a
// fresh process nothing is loaded yet; then goroutines use every way in at
// once (run with -race), and all see one set of metadata.
func TestLazyChild(t *testing.T) {
	if os.Getenv(lazyChildEnv) != "1" {
		t.Skip("runs as the child of TestMetadataLoadedOnFirstUse")
	}
	if currentMetadata != nil || currMetadataColl != nil || currShortNumberMetadataColl != nil || len(shortNumberRegionToMetadataMap) != 0 {
		t.Fatal("metadata was loaded before its first use")
	}

	const n = 8
	start := make(chan struct{})
	valid := make([]bool, n)
	colls := make([]*PhoneMetadataCollection, n)
	shorts := make([]*PhoneMetadataCollection, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			switch i % 4 {
			case 0:
				num, err := Parse("+31 20 123 4567", "NL")
				valid[i] = err == nil && IsValidNumber(num)
			case 1:
				num, err := Parse("030 12345678", "DE")
				valid[i] = err == nil && IsValidNumber(num)
			case 2:
				valid[i] = IsEmergencyNumber("112", "NL")
			case 3:
				valid[i] = len(GetSupportedRegions()) > 200
			}
			colls[i], _ = MetadataCollection()
			shorts[i], _ = ShortNumberMetadataCollection()
		}(i)
	}
	close(start)
	wg.Wait()

	for _, p := range []func() *regexp.Regexp{VALID_PHONE_NUMBER_PATTERN, EXTN_PATTERN, UNWANTED_END_CHAR_PATTERN, PLUS_CHARS_PATTERN} {
		if p() != p() {
			t.Errorf("%s compiled more than once", p())
		}
	}
	for i := 0; i < n; i++ {
		if !valid[i] {
			t.Errorf("goroutine %d: its number or region was not recognised", i)
		}
		if colls[i] == nil || colls[i] != colls[0] || shorts[i] == nil || shorts[i] != shorts[0] {
			t.Errorf("goroutine %d got other metadata: loaded more than once", i)
		}
	}
}
