package pii

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"grendel/internal/testdir"
)

// benchDir holds the large generated files, made once for all benchmarks
// and removed by TestMain.
var benchDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

func benchFile(b *testing.B, name string, gen func(string) error) string {
	b.Helper()
	if benchDir == "" {
		d, err := os.MkdirTemp("", "pii-bench")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = d
	}
	p := filepath.Join(benchDir, name)
	if _, err := os.Stat(p); err != nil {
		if err := gen(p); err != nil {
			b.Fatal(err)
		}
	}
	return p
}

const benchRows = 1_000_000

// genCSV writes a Dutch CRM export of benchRows rows, about 150 MB.
func genCSV(p string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("Klantnummer;Aanhef;Voornaam;Achternaam;Straat;Huisnummer;Postcode;Woonplaats;Telefoon;E-mailadres;Geboortedatum;IBAN;BSN;Segment;Omzet;Opmerkingen\n")
	first := []string{"Jan", "Anna", "Piet", "Sanne", "Daan", "Lotte"}
	last := []string{"Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer"}
	for i := range benchRows {
		f, l := first[i%6], last[i/6%6]
		fmt.Fprintf(w, "KL-%07d;Dhr.;%s;%s;Kerkstraat;%d;%d AB;Amsterdam;06-%08d;%s.%s%d@example.nl;%02d-%02d-%d;NL91 ABNA 0417 1643 00;111222333;Gold;%d,%02d;%s\n",
			i, f, l, i%200+1, 1000+i%9000, i, strings.ToLower(f), strings.ReplaceAll(strings.ToLower(l), " ", ""), i%100,
			i%28+1, i%12+1, 1940+i%60, i%5000, i%100, []string{"", "Tevreden klant", "Wil geen nieuwsbrief meer"}[i%3])
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

const benchXLSXRows = 200_000

// genXLSX writes a workbook with one sheet of benchXLSXRows rows.
func genXLSX(p string) error {
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	sw.SetRow("A1", []any{"Klantnummer", "Naam", "E-mail", "Woonplaats", "Segment", "Omzet"})
	for i := range benchXLSXRows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{fmt.Sprintf("KL-%07d", i), "Jan de Vries", fmt.Sprintf("jan%d@example.nl", i), "Utrecht", "Gold", float64(i%5000) / 7})
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(p)
}

// peakRSS resets the process's peak resident set (Linux) and returns a
// function that reports the peak since, in MB, as a metric.
func peakRSS(b *testing.B) func() {
	runtime.GC()
	debug.FreeOSMemory()
	if os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) != nil {
		return func() {}
	}
	return func() {
		data, err := os.ReadFile("/proc/self/status")
		if err != nil {
			return
		}
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
				b.ReportMetric(float64(kb)/1024, "peak-RSS-MB")
			}
		}
	}
}

var benchOnce sync.Mutex

func BenchmarkScanCSV(b *testing.B) {
	benchOnce.Lock()
	p := benchFile(b, "big.csv", genCSV)
	benchOnce.Unlock()
	st, _ := os.Stat(p)
	report := peakRSS(b)
	b.SetBytes(st.Size())
	b.ResetTimer()
	for b.Loop() {
		rep, err := Scan(context.Background(), p, testOpts)
		if err != nil || rep.Rows() != benchRows {
			b.Fatalf("Scan: %v, %d rows", err, rep.Rows())
		}
	}
	report()
}

func BenchmarkCompactCSV(b *testing.B) {
	benchOnce.Lock()
	p := benchFile(b, "big.csv", genCSV)
	benchOnce.Unlock()
	st, _ := os.Stat(p)
	rep, err := Scan(context.Background(), p, testOpts)
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(testdir.New(b), "out.csv")
	report := peakRSS(b)
	b.SetBytes(st.Size())
	b.ResetTimer()
	for b.Loop() {
		os.Remove(out)
		res, err := Compact(context.Background(), rep, CompactOptions{Options: testOpts, Output: out})
		if err != nil || res.Rows != benchRows {
			b.Fatalf("Compact: %v", err)
		}
	}
	report()
}

func BenchmarkCompactXLSX(b *testing.B) {
	benchOnce.Lock()
	p := benchFile(b, "big.xlsx", genXLSX)
	benchOnce.Unlock()
	out := filepath.Join(testdir.New(b), "out.xlsx")
	report := peakRSS(b)
	start := time.Now()
	b.ResetTimer()
	for b.Loop() {
		rep, err := Scan(context.Background(), p, testOpts)
		if err != nil || rep.Rows() != benchXLSXRows {
			b.Fatalf("Scan: %v", err)
		}
		os.Remove(out)
		if _, err := Compact(context.Background(), rep, CompactOptions{Options: testOpts, Output: out}); err != nil {
			b.Fatal(err)
		}
	}
	// Each round reads the sheet three times (scan, export, re-scan) and
	// writes it once.
	b.ReportMetric(float64(benchXLSXRows)*float64(b.N)/time.Since(start).Seconds(), "rows/s")
	report()
}

func BenchmarkScanXLSX(b *testing.B) {
	benchOnce.Lock()
	p := benchFile(b, "big.xlsx", genXLSX)
	benchOnce.Unlock()
	report := peakRSS(b)
	start := time.Now()
	b.ResetTimer()
	for b.Loop() {
		// A scan reads every row of the sheet: the sample, then the count.
		rep, err := Scan(context.Background(), p, testOpts)
		if err != nil || rep.Rows() != benchXLSXRows {
			b.Fatalf("Scan: %v", err)
		}
	}
	b.ReportMetric(float64(benchXLSXRows)*float64(b.N)/time.Since(start).Seconds(), "rows/s")
	report()
}
