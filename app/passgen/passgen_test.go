package passgen

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"grendel/app/secret"
)

// hashReader is a deterministic stream for tests: SHA-256 of the seed and
// a counter, block after block. Unlike math/rand it is a cryptographic
// hash, though with a public seed.
type hashReader struct {
	seed  uint64
	ctr   uint64
	block []byte
}

// newHashReader returns a hashReader for seed.
func newHashReader(seed uint64) *hashReader { return &hashReader{seed: seed} }

// Read implements [io.Reader].
func (h *hashReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(h.block) == 0 {
			var in [16]byte
			binary.BigEndian.PutUint64(in[:8], h.seed)
			binary.BigEndian.PutUint64(in[8:], h.ctr)
			h.ctr++
			sum := sha256.Sum256(in[:])
			h.block = sum[:]
		}
		c := copy(p[n:], h.block)
		h.block = h.block[c:]
		n += c
	}
	return n, nil
}

// values returns a reader that yields vs as big-endian uint32s, then
// io.EOF: each value is one draw of the sampler.
func values(vs ...uint32) io.Reader {
	b := make([]byte, 4*len(vs))
	for i, v := range vs {
		binary.BigEndian.PutUint32(b[4*i:], v)
	}
	return strings.NewReader(string(b))
}

// repeat returns a reader that yields b forever.
type repeat byte

// Read implements [io.Reader].
func (r repeat) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// failing is a reader that fails.
type failing struct{ err error }

// Read implements [io.Reader].
func (f failing) Read(p []byte) (int, error) { return 0, f.err }

// checkMessage fails t unless err's message is lower-case at the start and
// free of every secret.
func checkMessage(t *testing.T, err error, secrets ...string) {
	t.Helper()
	msg := err.Error()
	if r, _ := utf8.DecodeRuneInString(msg); unicode.IsUpper(r) {
		t.Errorf("error %q starts with a capital", msg)
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(msg, s) {
			t.Errorf("error %q holds the generated secret %q", msg, s)
		}
	}
}

func TestSamplerUniformCryptoRand(t *testing.T) {
	// 20,000 draws among 16 with crypto/rand: Pearson's chi-square with 15
	// degrees of freedom passes 50 with a chance of about 1e-5, and any
	// one count strays 250 (7 standard deviations) from its mean 1,250
	// with a chance below 1e-11.
	const draws, n = 20000, 16
	s := sampler{r: rand.Reader}
	var counts [n]int
	for range draws {
		k, err := s.intn(n)
		if err != nil {
			t.Fatal(err)
		}
		counts[k]++
	}
	want := float64(draws) / n
	chi2 := 0.0
	for k, c := range counts {
		chi2 += (float64(c) - want) * (float64(c) - want) / want
		if math.Abs(float64(c)-want) > 250 {
			t.Errorf("symbol %d drawn %d times, want about %.0f", k, c, want)
		}
	}
	if chi2 > 50 {
		t.Errorf("chi-square = %.1f over %v, want below 50", chi2, counts)
	}
}

func TestSamplerUniformOdd(t *testing.T) {
	// An alphabet size that does not divide 2^32, where a modulo alone
	// would be biased; here with the deterministic source.
	const draws, n = 60000, 57
	s := sampler{r: newHashReader(1)}
	counts := make([]int, n)
	for range draws {
		k, err := s.intn(n)
		if err != nil {
			t.Fatal(err)
		}
		counts[k]++
	}
	want := float64(draws) / n
	chi2 := 0.0
	for _, c := range counts {
		chi2 += (float64(c) - want) * (float64(c) - want) / want
	}
	// 56 degrees of freedom: mean 56, standard deviation 10.6.
	if chi2 > 120 {
		t.Errorf("chi-square = %.1f, want below 120", chi2)
	}
}

func TestSamplerRejects(t *testing.T) {
	// For n = 3 the largest multiple below 2^32 is 2^32-1: 0xFFFFFFFF is
	// rejected, 0xFFFFFFFE is taken (and is 2 mod 3).
	s := sampler{r: values(0xFFFFFFFF, 0xFFFFFFFE, 4)}
	for _, want := range []int{2, 1} {
		got, err := s.intn(3)
		if err != nil || got != want {
			t.Fatalf("intn(3) = %d, %v, want %d, nil", got, err, want)
		}
	}
	// n = 1 reads nothing.
	s = sampler{r: failing{errors.New("must not be read")}}
	if got, err := s.intn(1); got != 0 || err != nil {
		t.Errorf("intn(1) = %d, %v, want 0, nil", got, err)
	}
	for _, n := range []int{0, -1, math.MaxInt32 + 2} {
		if _, err := s.intn(n); !errors.Is(err, ErrRandom) {
			t.Errorf("intn(%d) error = %v, want ErrRandom", n, err)
		}
	}
}

func TestSamplerBrokenSource(t *testing.T) {
	s := sampler{r: repeat(0xFF)}
	if _, err := s.intn(3); !errors.Is(err, ErrRandom) {
		t.Errorf("intn(3) from all ones: error = %v, want ErrRandom", err)
	}
	boom := errors.New("boom")
	s = sampler{r: failing{boom}}
	if _, err := s.intn(3); !errors.Is(err, ErrRandom) || !errors.Is(err, boom) {
		t.Errorf("intn(3) from a failing source: error = %v, want ErrRandom wrapping boom", err)
	}
	s = sampler{r: strings.NewReader("ab")}
	if _, err := s.intn(3); !errors.Is(err, ErrRandom) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("intn(3) from a short source: error = %v, want ErrRandom wrapping io.ErrUnexpectedEOF", err)
	}
}

func TestPasswordRedacted(t *testing.T) {
	const text = "s3cret-Text!"
	p := newPassword(text, "-", 42, 1)
	type holder struct {
		Exported   Password
		unexported Password
		Ptr        *Password
	}
	h := holder{p, p, &p}
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T %v"} {
		for _, v := range []any{p, &p, h, &h, []Password{p}, map[string]Password{"k": p}} {
			got := fmt.Sprintf(format, v)
			if strings.Contains(got, text) || strings.Contains(got, fmt.Sprintf("%x", text)) ||
				strings.Contains(got, fmt.Sprintf("%X", text)) {
				t.Errorf("Sprintf(%q, %T) = %q, shows the password", format, v, got)
			}
		}
	}
	for _, v := range []any{p, h, []Password{p}} {
		if data, err := json.Marshal(v); err != nil || strings.Contains(string(data), text) {
			t.Errorf("json.Marshal(%T) = %s, %v; shows the password or fails", v, data, err)
		}
	}
	if got := fmt.Sprint(p); got != secret.Redacted {
		t.Errorf("Sprint(p) = %q, want %q", got, secret.Redacted)
	}
	if got := p.String() + p.GoString(); got != secret.Redacted+secret.Redacted {
		t.Errorf("String, GoString = %q, want %q twice", got, secret.Redacted)
	}
	if got := p.Reveal(); got != text {
		t.Errorf("Reveal() = %q, want %q", got, text)
	}
	var zero Password
	if zero.Reveal() != "" || zero.Entropy() != 0 || zero.Separator() != "" || zero.Attempts() != 0 || fmt.Sprint(zero) != secret.Redacted {
		t.Errorf("zero Password = %q, %v, %q, %d; want all empty",
			zero.Reveal(), zero.Entropy(), zero.Separator(), zero.Attempts())
	}
}

func TestClassString(t *testing.T) {
	tests := []struct {
		c    Class
		want string
	}{
		{0, "none"},
		{Lower, "lower"},
		{Lower | Digit, "lower|digit"},
		{AllClasses, "lower|upper|digit|symbol"},
		{Separator, "separator"},
		{Other, "other"},
		{Upper | 0x80, "upper|0x80"},
	}
	for _, tt := range tests {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("Class(%#x).String() = %q, want %q", uint8(tt.c), got, tt.want)
		}
	}
}

func TestLog2(t *testing.T) {
	if got := log2(bigPow(2, 1000)); got != 1000 {
		t.Errorf("log2(2^1000) = %v, want 1000", got)
	}
	if got, want := log2(bigPow(7776, 5)), 5*math.Log2(7776); math.Abs(got-want) > 1e-12 {
		t.Errorf("log2(7776^5) = %v, want %v", got, want)
	}
	if got := log2(bigPow(0, 3)); !math.IsInf(got, -1) {
		t.Errorf("log2(0) = %v, want -Inf", got)
	}
}
