package excelize

// Tests of Grendel's patch (third_party/excelize/README.md): the regular
// expressions of the formula engine's date, time and criteria parsing, the
// table of column names, the number formats' tables of languages and of
// currency formats, the tables of units of CONVERT and the table of font
// widths are built on first use, once, whoever asks first. What a process
// does before its first use cannot be seen in a test binary whose other
// tests may already have used them, so the test runs this binary again
// with only TestLazyChild in it, and GODEBUG=inittrace=1 to read what this
// package's init allocated.

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
)

const lazyChildEnv = "EXCELIZE_LAZY_TEST_CHILD"

// initBudget is the most this package's init may allocate: what is left in
// it (its other maps and seven small regular expressions) takes about
// 64 kB; the patched ones took 1.4 MB more (the tables of currency formats,
// units and font widths 70 kB of it).
const initBudget = 112 << 10

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
	n, ok := initBytes(stderr.Bytes(), "github.com/xuri/excelize/v2")
	if !ok {
		t.Fatalf("no inittrace line for this package in the child's standard error:\n%s", stderr.Bytes())
	}
	t.Logf("init of excelize allocated %d bytes", n)
	if n > initBudget {
		t.Errorf("init of excelize allocated %d bytes, want at most %d: are the regular expressions or the column names built at init again?", n, initBudget)
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

// TestLazyChild runs only as TestBuiltOnFirstUse's child: goroutines use
// every lazy value at once (run with -race), each through the public API,
// and all get upstream's results.
func TestLazyChild(t *testing.T) {
	if os.Getenv(lazyChildEnv) != "1" {
		t.Skip("runs as the child of TestBuiltOnFirstUse")
	}
	cases := []struct{ formula, want string }{
		{`DATEVALUE("01/01/2016")`, "42370"},                // dateOnlyFormats
		{`TIMEVALUE("2:23 am")`, "0.0993055555555555"},      // timeFormats
		{`YEAR("2016-05-10 12:00")`, "2016"},                // dateFormats
		{`COUNTIF(A1:A3,">=2")`, "2"},                       // formulaFormats
		{`TEXT(43466.189571759256,"[$-404]aaaa;@")`, "星期二"}, // supportedLanguageInfo
		{`CONVERT(2,"hr","mn")`, "120"},                     // conversionUnits, unitConversions
	}
	const n = 8
	start := make(chan struct{})
	errs := make([]error, n)
	names := make([]string, n)
	widths := make([]float64, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			f := NewFile()
			defer f.Close()
			for r, v := range []int{1, 2, 3} {
				if err := f.SetCellValue("Sheet1", fmt.Sprintf("A%d", r+1), v); err != nil {
					errs[i] = err
					return
				}
			}
			<-start
			names[i], errs[i] = ColumnNumberToName(MaxColumns) // columnNames
			if errs[i] != nil {
				return
			}
			c := cases[i%len(cases)]
			if err := f.SetCellFormula("Sheet1", "B1", c.formula); err != nil {
				errs[i] = err
				return
			}
			got, err := f.CalcCellValue("Sheet1", "B1")
			if err != nil || got != c.want {
				errs[i] = fmt.Errorf("%s = %q, %v; want %q", c.formula, got, err, c.want)
				return
			}
			style, err := f.NewStyle(&Style{NumFmt: 164, Font: &Font{Family: "Arial Black"}}) // currencyNumFmt
			if err == nil {
				err = f.SetCellStyle("Sheet1", "C1", "C1", style)
			}
			if err == nil {
				err = f.SetCellValue("Sheet1", "C1", "Grendel")
			}
			if err == nil {
				err = f.AutoFitColWidth("Sheet1", "C") // supportedFontWidthFactors
			}
			if err == nil {
				widths[i], err = f.GetColWidth("Sheet1", "C")
			}
			if err == nil {
				var got *Style
				if got, err = f.GetStyle(style); err == nil && got.NumFmt != 164 {
					err = fmt.Errorf("style's number format %d, want 164", got.NumFmt)
				}
			}
			errs[i] = err
		}(i)
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("goroutine %d: %v", i, err)
		}
		if widths[i] != widths[0] {
			t.Errorf("goroutine %d: width %v, goroutine 0 %v", i, widths[i], widths[0])
		}
		if names[i] != "XFD" {
			t.Errorf("goroutine %d: ColumnNumberToName(%d) = %q, want %q", i, MaxColumns, names[i], "XFD")
		}
	}
}
