package strength

import (
	"fmt"
	"sort"

	"testing"
	"time"

	"github.com/trustelem/zxcvbn"
)

// benchPasswords are the development sets, weak and strong together.
func benchPasswords(b *testing.B) []string {
	return append(devSet(b, "dev-weak.txt"), devSet(b, "dev-strong.txt")...)
}

// reportLatency runs score over the passwords b.N times and reports the
// mean and the 99th percentile per password.
func reportLatency(b *testing.B, pws []string, score func(string)) {
	var lat []time.Duration
	b.ResetTimer()
	for b.Loop() {
		for _, pw := range pws {
			t := time.Now()
			score(pw)
			lat = append(lat, time.Since(t))
		}
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	var sum time.Duration
	for _, l := range lat {
		sum += l
	}
	b.ReportMetric(float64(sum.Microseconds())/float64(len(lat)), "µs/password")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs/password")
	b.ReportMetric(0, "ns/op") // the per-password figures are the ones to read
}

// BenchmarkScoreDevSets: Grendel's scorer on the development sets.
func BenchmarkScoreDevSets(b *testing.B) {
	s := Default()
	s.Score("warm up", Context{})
	reportLatency(b, benchPasswords(b), func(pw string) { s.Score(pw, Context{}) })
}

// BenchmarkVanillaDevSets: plain trustelem on the same passwords, in the
// same run, for comparison.
func BenchmarkVanillaDevSets(b *testing.B) {
	reportLatency(b, benchPasswords(b), func(pw string) { zxcvbn.PasswordStrength(pw, nil) })
}

// BenchmarkAdversarial: the worst case over hostile families at 1 KB,
// 100 KB and 1 MB.
func BenchmarkAdversarial(b *testing.B) {
	s := Default()
	for _, n := range []int{1 << 10, 100 << 10, 1 << 20} {
		fams := adversarial(n)
		names := make([]string, 0, len(fams))
		for k := range fams {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, name := range names {
			pw := fams[name]
			b.Run(fmt.Sprintf("%s/%dKB", name, n>>10), func(b *testing.B) {
				for b.Loop() {
					s.Score(pw, Context{})
				}
			})
		}
	}
}

// BenchmarkBuildDictionaries: the start-up cost of the embedded
// dictionaries (what Default pays once).
func BenchmarkBuildDictionaries(b *testing.B) {
	dicts := EmbeddedDictionaries()
	words := 0
	for _, d := range dicts {
		words += len(d.Words)
	}
	b.ReportAllocs()
	for b.Loop() {
		New(dicts)
	}
	b.ReportMetric(float64(words), "words")
}
