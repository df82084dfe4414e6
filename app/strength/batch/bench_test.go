package batch_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"

	"grendel/app/strength"
	"grendel/app/strength/batch"
)

// benchLines is how many lines one operation of BenchmarkCheck scores:
// the size of the batches issue 12 measured `grendel check` on.
const benchLines = 20_000

// randomLines are n strings of 20 characters drawn uniformly from printable
// ASCII (space to tilde) by a seeded generator: the same lines every run.
func randomLines(n int) []string {
	r := rand.New(rand.NewPCG(2026, 12))
	lines := make([]string, n)
	var b [20]byte
	for i := range lines {
		for j := range b {
			b[j] = byte(' ' + r.IntN('~'-' '+1))
		}
		lines[i] = string(b[:])
	}
	return lines
}

// The pieces of habit-like passwords: words, names, seasons and greetings
// of Dutch, German and English office users, years, digit runs and
// symbols. Written here, apart from the scorer's development set.
var (
	habitWords = []string{
		"welkom", "willkommen", "welcome", "hallo", "hello", "moin",
		"zomer", "sommer", "summer", "winter", "lente", "frühling", "spring", "herfst", "herbst", "autumn",
		"januari", "februar", "march", "april", "mei", "juni", "juli", "august", "oktober", "december",
		"maandag", "montag", "monday", "vrijdag", "freitag", "friday",
		"wachtwoord", "passwort", "kennwort", "password", "geheim", "secret",
		"liefde", "liebe", "love", "schatje", "schatz", "sunshine", "dragon", "monkey",
		"voetbal", "fussball", "football", "ajax", "feyenoord", "psv", "bayern", "schalke", "arsenal",
		"amsterdam", "rotterdam", "utrecht", "berlin", "hamburg", "münchen", "london",
		"kantoor", "büro", "office", "klanten", "kunden", "marketing", "vertrieb", "sales",
		"koffie", "kaffee", "coffee", "bier", "pizza", "chocolade", "schokolade",
		"poes", "hond", "katze", "hund", "bello", "minoes", "snoopy",
	}
	habitNames = []string{
		"anna", "emma", "julia", "sophie", "lisa", "sanne", "femke", "laura", "marie", "lena",
		"jan", "daan", "lucas", "thomas", "peter", "stefan", "michael", "kevin", "jeroen", "lukas",
		"jansen", "devries", "bakker", "müller", "schmidt", "schneider", "smith", "jones",
	}
	habitYears   = []string{"1965", "1974", "1983", "1987", "1990", "1995", "1999", "2000", "2010", "2019", "2023", "2024", "2025", "2026"}
	habitDigits  = []string{"1", "01", "12", "123", "1234", "12345", "007", "69", "99", "11", "2", "0"}
	habitSymbols = []string{"!", "!!", "?", "#", "@", ".", "*", "$", "&", "+", "-", "_"}
	habitLeet    = strings.NewReplacer("a", "@", "e", "3", "i", "1", "o", "0", "s", "5")
)

// habitLines are n habit-like passwords ("Zomer2024!", "Welkom123",
// "Sommer1987#", "anna+jan2010"), built from the lists above by a seeded
// generator: the same lines every run.
func habitLines(n int) []string {
	r := rand.New(rand.NewPCG(2026, 120))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	title := func(s string) string {
		c, size := utf8.DecodeRuneInString(s)
		return strings.ToUpper(string(c)) + s[size:]
	}
	word := func() string {
		if r.IntN(3) == 0 {
			return pick(habitNames)
		}
		return pick(habitWords)
	}
	shapes := []func() string{
		func() string { return title(word()) + pick(habitYears) + pick(habitSymbols) }, // Zomer2024!
		func() string { return title(word()) + pick(habitDigits) },                     // Welkom123
		func() string { return title(word()) + pick(habitYears) },                      // Sommer1987
		func() string { return word() + pick(habitSymbols) + pick(habitDigits) },       // liebe!12
		func() string { return title(word()) + title(word()) + pick(habitDigits) },     // KoffieMelk1
		func() string { return word() + "+" + word() + pick(habitYears) },              // anna+jan2010
		func() string { return title(habitLeet.Replace(word())) + pick(habitYears) },   // P@55w0rd2024
		func() string { return pick(habitSymbols) + title(word()) + pick(habitDigits) },
		func() string { return strings.ToUpper(word()) + pick(habitYears)[2:] + pick(habitSymbols) },
		func() string { w := title(word()) + pick(habitDigits); return w + w }, // Welkom1Welkom1
	}
	lines := make([]string, n)
	for i := range lines {
		lines[i] = shapes[r.IntN(len(shapes))]()
	}
	return lines
}

// The benchmark's inputs are what they say, and the same every run.
func TestBenchInputs(t *testing.T) {
	random, habits := randomLines(benchLines), habitLines(benchLines)
	if len(random) != benchLines || len(habits) != benchLines {
		t.Fatalf("%d random and %d habit lines, want %d each", len(random), len(habits), benchLines)
	}
	for i, l := range random {
		if len(l) != 20 || strings.ContainsFunc(l, func(c rune) bool { return c < ' ' || c > '~' }) {
			t.Fatalf("random line %d is not 20 printable ASCII characters", i+1)
		}
	}
	distinct := map[string]bool{}
	for i, l := range habits {
		if l == "" || strings.ContainsAny(l, "\r\n") {
			t.Fatalf("habit line %d is empty or holds a line end", i+1)
		}
		distinct[l] = true
	}
	if len(distinct) < benchLines/2 {
		t.Errorf("%d distinct habit lines of %d, want at least half", len(distinct), benchLines)
	}
	if a, b := strings.Join(habitLines(50), "\n"), strings.Join(habitLines(50), "\n"); a != b {
		t.Error("habitLines gives other lines on a second call")
	}
	if a, b := strings.Join(randomLines(50), "\n"), strings.Join(randomLines(50), "\n"); a != b {
		t.Error("randomLines gives other lines on a second call")
	}
}

// BenchmarkCheck: passwords a second through the pipeline of `grendel
// check`, on 20,000 random 20-character lines and 20,000 habit-like
// lines, with Grendel's scorer and with plain trustelem, on one worker and
// on one per core. One operation is the whole batch.
//
//	go test -run '^$' -bench Check -benchtime 1x ./app/strength/batch
func BenchmarkCheck(b *testing.B) {
	grendel := strength.Default()
	// What the CLI passes: the user's own words (rules.Password), fixed
	// here so that every machine scores the same.
	user := strength.Context{UserInputs: []string{"jjansen", "Jan Jansen", "werkplek-07"}}
	grendel.Score("warm-up", user)
	zxcvbn.PasswordStrength("warm-up", nil)
	scorers := []struct {
		name  string
		score func(string) int
	}{
		{"grendel", func(pw string) int { return grendel.Score(pw, user).Score }},
		{"vanilla", func(pw string) int { return zxcvbn.PasswordStrength(pw, nil).Score }},
	}
	sets := []struct {
		name  string
		lines []string
	}{
		{"random20", randomLines(benchLines)},
		{"habits", habitLines(benchLines)},
	}
	for _, set := range sets {
		in := strings.Join(set.lines, "\n") + "\n"
		for _, s := range scorers {
			for _, workers := range []int{1, runtime.GOMAXPROCS(0)} {
				name := fmt.Sprintf("%s/%s/workers=%d", set.name, s.name, workers)
				b.Run(name, func(b *testing.B) {
					lines := 0
					for b.Loop() {
						err := batch.Run(context.Background(), strings.NewReader(in), batch.Options{Workers: workers}, s.score,
							func(int, int) error {
								lines++
								return nil
							})
						if err != nil {
							b.Fatal(err)
						}
					}
					if lines != b.N*len(set.lines) {
						b.Fatalf("%d lines scored, want %d", lines, b.N*len(set.lines))
					}
					b.ReportMetric(float64(lines)/b.Elapsed().Seconds(), "passwords/s")
				})
			}
		}
	}
}
