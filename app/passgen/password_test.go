package passgen

import (
	"crypto/rand"
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
	"unicode/utf8"
)

// bigPow returns x^y.
func bigPow(x, y int64) *big.Int {
	return new(big.Int).Exp(big.NewInt(x), big.NewInt(y), nil)
}

// classesOf returns the classes of the characters of pw.
func classesOf(pw string) Class {
	var c Class
	for _, r := range pw {
		switch {
		case strings.ContainsRune(lowerLetters, r):
			c |= Lower
		case strings.ContainsRune(upperLetters, r):
			c |= Upper
		case strings.ContainsRune(digits, r):
			c |= Digit
		default:
			c |= Symbol
		}
	}
	return c
}

func TestPasswordOptions(t *testing.T) {
	tests := []struct {
		name    string
		opts    PasswordOptions
		wantErr error
		length  int    // the password's length in characters, when valid
		allowed string // every character it may hold, when valid
	}{
		{name: "zero value", length: 20, allowed: lowerLetters + upperLetters + digits + DefaultSymbols},
		{name: "shortest", opts: PasswordOptions{Length: MinLength}, length: 8,
			allowed: lowerLetters + upperLetters + digits + DefaultSymbols},
		{name: "longest", opts: PasswordOptions{Length: MaxLength}, length: 128,
			allowed: lowerLetters + upperLetters + digits + DefaultSymbols},
		{name: "lower only", opts: PasswordOptions{Classes: Lower}, length: 20, allowed: lowerLetters},
		{name: "digits only", opts: PasswordOptions{Classes: Digit, Length: 12}, length: 12, allowed: digits},
		{name: "letters", opts: PasswordOptions{Classes: Lower | Upper}, length: 20, allowed: lowerLetters + upperLetters},
		{name: "own symbols", opts: PasswordOptions{Classes: Lower | Symbol, Symbols: "€§_"}, length: 20,
			allowed: lowerLetters + "€§_"},
		{name: "own symbols ignored without Symbol", opts: PasswordOptions{Classes: Digit, Symbols: "a"}, length: 20,
			allowed: digits},
		{name: "no look-alikes", opts: PasswordOptions{NoLookAlikes: true}, length: 20,
			allowed: "abcdefghijkmnpqrstuvwxyz" + "ACEFHJKLMNPRTUVWXY" + "3479" + DefaultSymbols},
		{name: "too short", opts: PasswordOptions{Length: 7}, wantErr: ErrLength},
		{name: "too long", opts: PasswordOptions{Length: 129}, wantErr: ErrLength},
		{name: "negative length", opts: PasswordOptions{Length: -1}, wantErr: ErrLength},
		{name: "separator class", opts: PasswordOptions{Classes: Lower | Separator}, wantErr: ErrClasses},
		{name: "unknown class", opts: PasswordOptions{Classes: 0x80}, wantErr: ErrClasses},
		{name: "letter as symbol", opts: PasswordOptions{Symbols: "!a"}, wantErr: ErrSymbols},
		{name: "digit as symbol", opts: PasswordOptions{Symbols: "!7"}, wantErr: ErrSymbols},
		{name: "space as symbol", opts: PasswordOptions{Symbols: "! "}, wantErr: ErrSymbols},
		{name: "control character as symbol", opts: PasswordOptions{Symbols: "!\t"}, wantErr: ErrSymbols},
		{name: "symbol twice", opts: PasswordOptions{Symbols: "!#!"}, wantErr: ErrSymbols},
		{name: "invalid UTF-8 symbols", opts: PasswordOptions{Symbols: "!\xff"}, wantErr: ErrSymbols},
		{name: "only look-alike symbols", opts: PasswordOptions{Symbols: "|'`", NoLookAlikes: true}, wantErr: ErrSymbols},
		{name: "negative attempts", opts: PasswordOptions{Attempts: -1}, wantErr: ErrAttempts},
		{name: "too many attempts", opts: PasswordOptions{Attempts: MaxAttempts + 1}, wantErr: ErrAttempts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for seed := range uint64(50) {
				opts := tt.opts
				opts.Rand = newHashReader(seed)
				p, err := opts.Generate()
				if tt.wantErr != nil {
					if !errors.Is(err, tt.wantErr) {
						t.Fatalf("Generate() error = %v, want %v", err, tt.wantErr)
					}
					checkMessage(t, err)
					if _, err := opts.Entropy(); !errors.Is(err, tt.wantErr) && !errors.Is(tt.wantErr, ErrAttempts) {
						t.Errorf("Entropy() error = %v, want %v", err, tt.wantErr)
					}
					return
				}
				if err != nil {
					t.Fatalf("Generate() error = %v", err)
				}
				pw := p.Reveal()
				if n := utf8.RuneCountInString(pw); n != tt.length {
					t.Errorf("Generate() gave %d characters, want %d", n, tt.length)
				}
				for _, r := range pw {
					if !strings.ContainsRune(tt.allowed, r) {
						t.Errorf("Generate() gave %q, not one of %q", r, tt.allowed)
					}
				}
				want := tt.opts.Classes
				if want == 0 {
					want = AllClasses
				}
				if got := classesOf(pw); got != want {
					t.Errorf("Generate() gave classes %v, want %v", got, want)
				}
				if p.Separator() != "" || p.Attempts() != 1 {
					t.Errorf("Separator(), Attempts() = %q, %d, want \"\", 1", p.Separator(), p.Attempts())
				}
				bits, err := opts.Entropy()
				if err != nil || bits != p.Entropy() {
					t.Errorf("Entropy() = %v, %v, want %v, nil", bits, err, p.Entropy())
				}
			}
		})
	}
}

func TestPasswordDeterministic(t *testing.T) {
	// Lower only: each value is one letter's index; 0xFFFFFFFF lies above
	// the largest multiple of 26 and is skipped.
	opts := PasswordOptions{Classes: Lower, Length: 8, Rand: values(0, 1, 0xFFFFFFFF, 2, 3, 4, 5, 6, 26+7)}
	p, err := opts.Generate()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Reveal(), "abcdefgh"; got != want {
		t.Errorf("Generate() = %q, want %q", got, want)
	}
	// The same seed gives the same password; another gives another.
	gen := func(seed uint64) string {
		p, err := PasswordOptions{Rand: newHashReader(seed)}.Generate()
		if err != nil {
			t.Fatal(err)
		}
		return p.Reveal()
	}
	if a, b := gen(7), gen(7); a != b {
		t.Errorf("seed 7 gave %q, then %q", a, b)
	}
	if a, b := gen(7), gen(8); a == b {
		t.Errorf("seeds 7 and 8 both gave %q", a)
	}
}

func TestPasswordRedrawsForMissingClass(t *testing.T) {
	// Lower|Digit: the alphabet is a-z (0-25) then 0-9 (26-35). The first
	// draw is all letters, so it is drawn again from scratch.
	vs := []uint32{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 26 + 9}
	p, err := PasswordOptions{Classes: Lower | Digit, Length: 8, Rand: values(vs...)}.Generate()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Reveal(), "bbbbbbb9"; got != want {
		t.Errorf("Generate() = %q, want %q", got, want)
	}
	// A source stuck on one value never gives every class.
	_, err = PasswordOptions{Rand: repeat(0)}.Generate()
	if !errors.Is(err, ErrRandom) {
		t.Errorf("Generate() from zeros: error = %v, want ErrRandom", err)
	}
	checkMessage(t, err)
}

func TestPasswordEveryClassCryptoRand(t *testing.T) {
	combos := []Class{Lower | Digit, Upper | Symbol, Lower | Upper | Digit, AllClasses}
	for _, classes := range combos {
		for _, noLookAlikes := range []bool{false, true} {
			for range 500 {
				p, err := PasswordOptions{Length: MinLength, Classes: classes, NoLookAlikes: noLookAlikes}.Generate()
				if err != nil {
					t.Fatal(err)
				}
				if got := classesOf(p.Reveal()); got != classes {
					t.Fatalf("Generate(%v, look-alikes left out: %v) had classes %v", classes, noLookAlikes, got)
				}
			}
		}
	}
}

func TestNoLookAlikes(t *testing.T) {
	seen := make(map[rune]bool)
	for seed := range uint64(2000) {
		p, err := PasswordOptions{Length: MaxLength, NoLookAlikes: true, Symbols: DefaultSymbols + `|'"`,
			Rand: newHashReader(seed)}.Generate()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Reveal() {
			if strings.ContainsRune(LookAlikes, r) {
				t.Fatalf("Generate() gave the look-alike %q", r)
			}
			seen[r] = true
		}
	}
	// Every other character turns up.
	if want := 24 + 18 + 4 + len(DefaultSymbols); len(seen) != want {
		t.Errorf("2000 passwords used %d characters, want %d", len(seen), want)
	}
}

func TestPasswordUniformCryptoRand(t *testing.T) {
	// 1,000 passwords of 20 lower-case letters: 20,000 letters. With 25
	// degrees of freedom, chi-square passes 75 with a chance below 1e-6.
	counts := make(map[rune]int)
	for range 1000 {
		p, err := PasswordOptions{Classes: Lower}.Generate()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Reveal() {
			counts[r]++
		}
	}
	want := 20000.0 / 26
	chi2 := 0.0
	for _, r := range lowerLetters {
		chi2 += (float64(counts[r]) - want) * (float64(counts[r]) - want) / want
	}
	if chi2 > 75 {
		t.Errorf("chi-square = %.1f over %v, want below 75", chi2, counts)
	}
}

// entropyFloat is the entropy of length characters from classes of the
// given sizes, every class present, computed in float64 apart from
// charset.entropy's big integers.
func entropyFloat(length int, sizes ...int) float64 {
	n := 0
	for _, s := range sizes {
		n += s
	}
	sum := 0.0
	for subset := range 1 << len(sizes) {
		left, sign := n, 1.0
		for i, s := range sizes {
			if subset&(1<<i) != 0 {
				left -= s
				sign = -sign
			}
		}
		sum += sign * math.Pow(float64(left)/float64(n), float64(length))
	}
	return float64(length)*math.Log2(float64(n)) + math.Log2(sum)
}

func TestPasswordEntropy(t *testing.T) {
	tests := []struct {
		name string
		opts PasswordOptions
		want float64
	}{
		{"8 lower", PasswordOptions{Classes: Lower, Length: 8}, 8 * math.Log2(26)},
		{"20 digits", PasswordOptions{Classes: Digit}, 20 * math.Log2(10)},
		// 36^8 - 26^8 - 10^8 strings hold a letter and a digit; all fit
		// a float64 exactly.
		{"8 lower and digits", PasswordOptions{Classes: Lower | Digit, Length: 8},
			math.Log2(math.Pow(36, 8) - math.Pow(26, 8) - math.Pow(10, 8))},
		{"default", PasswordOptions{}, entropyFloat(20, 26, 26, 10, 11)},
		{"default without look-alikes", PasswordOptions{NoLookAlikes: true}, entropyFloat(20, 24, 18, 4, 11)},
		{"8 of all", PasswordOptions{Length: 8}, entropyFloat(8, 26, 26, 10, 11)},
		{"128 of all", PasswordOptions{Length: 128}, entropyFloat(128, 26, 26, 10, 11)},
		{"own symbols", PasswordOptions{Classes: Lower | Symbol, Symbols: "!?"}, entropyFloat(20, 26, 2)},
	}
	for _, tt := range tests {
		got, err := tt.opts.Entropy()
		if err != nil {
			t.Fatalf("%s: Entropy() error = %v", tt.name, err)
		}
		if math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: Entropy() = %.12f, want %.12f", tt.name, got, tt.want)
		}
	}
	// Without classes to miss, the figure is length·log2(alphabet):
	// 20·log2(73) for the default alphabet, less the few strings that lack
	// a class.
	got, _ := PasswordOptions{}.Entropy()
	if upper := 20 * math.Log2(73); got >= upper || got < upper-1 {
		t.Errorf("Entropy() = %v, want just below %v", got, upper)
	}
}

func TestCharsetEntropyBruteForce(t *testing.T) {
	// Count by enumeration the strings of a tiny alphabet that hold every
	// class, and compare with the inclusion-exclusion count.
	cs := &charset{
		length:  5,
		runes:   []rune("abcXY1!"),
		classOf: []Class{Lower, Lower, Lower, Upper, Upper, Digit, Symbol},
		sizes:   []int{3, 2, 1, 1},
		classes: AllClasses,
	}
	n := len(cs.runes)
	count := 0
	idx := make([]int, cs.length)
	for {
		var have Class
		for _, k := range idx {
			have |= cs.classOf[k]
		}
		if have == cs.classes {
			count++
		}
		i := 0
		for ; i < len(idx); i++ {
			idx[i]++
			if idx[i] < n {
				break
			}
			idx[i] = 0
		}
		if i == len(idx) {
			break
		}
	}
	if got, want := cs.entropy(), math.Log2(float64(count)); math.Abs(got-want) > 1e-12 {
		t.Errorf("entropy() = %v, want log2(%d) = %v", got, count, want)
	}
}

func TestPasswordMeets(t *testing.T) {
	// Meets rejects the first three passwords: the fourth is returned.
	var tried []string
	p, err := PasswordOptions{Rand: newHashReader(3), Meets: func(pw string) bool {
		tried = append(tried, pw)
		return len(tried) == 4
	}}.Generate()
	if err != nil {
		t.Fatal(err)
	}
	if p.Attempts() != 4 || len(tried) != 4 || p.Reveal() != tried[3] {
		t.Errorf("Attempts() = %d after %d calls, want 4 and the last one tried", p.Attempts(), len(tried))
	}
	for i := range 3 {
		if tried[i] == tried[3] {
			t.Errorf("attempt %d repeated attempt 4", i+1)
		}
	}
	bits, _ := PasswordOptions{}.Entropy()
	if p.Entropy() != bits {
		t.Errorf("Entropy() = %v, want %v", p.Entropy(), bits)
	}

	// A policy that never passes is tried Attempts times, then given up.
	for _, attempts := range []int{0, 1, 7} {
		tried = nil
		_, err := PasswordOptions{Attempts: attempts, Meets: func(pw string) bool {
			tried = append(tried, pw)
			return false
		}}.Generate()
		if !errors.Is(err, ErrPolicy) {
			t.Fatalf("Generate() error = %v, want ErrPolicy", err)
		}
		want := attempts
		if want == 0 {
			want = DefaultAttempts
		}
		if len(tried) != want {
			t.Errorf("Attempts %d: Meets called %d times, want %d", attempts, len(tried), want)
		}
		checkMessage(t, err, tried...)
	}
}

func TestPasswordRandomFailure(t *testing.T) {
	boom := errors.New("boom")
	_, err := PasswordOptions{Rand: failing{boom}}.Generate()
	if !errors.Is(err, ErrRandom) || !errors.Is(err, boom) {
		t.Errorf("Generate() error = %v, want ErrRandom wrapping boom", err)
	}
	_, err = PasswordOptions{Rand: repeat(0xFF)}.Generate()
	if !errors.Is(err, ErrRandom) {
		t.Errorf("Generate() from all ones: error = %v, want ErrRandom", err)
	}
}

func TestPasswordDefaultSourceIsCryptoRand(t *testing.T) {
	if source(nil) != rand.Reader {
		t.Error("source(nil) is not crypto/rand.Reader")
	}
	r := newHashReader(0)
	if source(r) != r {
		t.Error("source(r) is not r")
	}
}

func TestDefaultSymbolsSafe(t *testing.T) {
	if err := checkSymbols(DefaultSymbols); err != nil {
		t.Fatal(err)
	}
	for _, r := range DefaultSymbols {
		if strings.ContainsRune(LookAlikes, r) {
			t.Errorf("default symbol %q is a look-alike", r)
		}
		if r > 0x7E {
			t.Errorf("default symbol %q is not ASCII", r)
		}
	}
	for _, r := range "'\"`^~[]{}\\|<>/_.,;: " {
		if strings.ContainsRune(DefaultSymbols, r) {
			t.Errorf("default symbols hold %q, hard to type or to say", r)
		}
	}
}
