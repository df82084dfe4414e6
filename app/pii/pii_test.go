package pii

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"grendel/app/tabular"
	"grendel/internal/testdir"
)

// now is the fixed day the corpora are judged on.
var now = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

var testOpts = Options{Now: func() time.Time { return now }}

// Kinds of the columns of the generated corpora (go run
// ./app/pii/testdata/gen), sheet by sheet.
var corpora = []struct {
	file  string
	info  tabular.Info
	kinds [][]Kind
}{
	{"klanten_nl.csv", tabular.Info{Format: tabular.CSV, Encoding: tabular.UTF8, Separator: ';'}, [][]Kind{{
		CustomerID, Gender, Name, Name, Name, Address, Address, Address, Address, Phone, Email, Birthdate, IBAN, NationalID,
		None, None, None, FreeText}}},
	// Without headers, a customer number and a house number cannot be
	// told from an order number and a quantity, and "van", "de" alone
	// are no names: those three are none.
	{"kolom.csv", tabular.Info{Format: tabular.CSV, Encoding: tabular.UTF8, Separator: ';'}, [][]Kind{{
		None, Gender, Name, None, Name, Address, None, Address, Address, Phone, Email, Birthdate, IBAN, NationalID,
		None, None, None, FreeText}}},
	{"kunden_de.csv", tabular.Info{Format: tabular.CSV, Encoding: tabular.Windows1252, Separator: ';', CRLF: true}, [][]Kind{{
		CustomerID, Gender, Name, Name, Address, Address, Address, Phone, Email, Birthdate, IBAN, NationalID, None, None, None, FreeText}}},
	{"customers_en.csv", tabular.Info{Format: tabular.CSV, Encoding: tabular.UTF8, BOM: true, Separator: ','}, [][]Kind{{
		CustomerID, Gender, Name, Name, Address, Address, Address, Phone, Email, Birthdate, IBAN, FreeText, None, None}}},
	{"marketing.csv", tabular.Info{Format: tabular.CSV, Encoding: tabular.UTF8, Separator: ';'}, [][]Kind{{
		None, None, None, None, None, None, None, None, None, None, None, None, None, None}}},
	{"werkmap.xlsx", tabular.Info{Format: tabular.XLSX}, [][]Kind{
		{CustomerID, Name, Email, Phone, Address, Birthdate, None},
		{None, CustomerID, None, None, None}}},
}

func TestCorpora(t *testing.T) {
	for _, c := range corpora {
		t.Run(c.file, func(t *testing.T) {
			rep, err := Scan(context.Background(), filepath.Join("testdata", c.file), testOpts)
			if err != nil {
				t.Fatal(err)
			}
			i := rep.Info
			if i.Format != c.info.Format || i.Encoding != c.info.Encoding || i.BOM != c.info.BOM || i.Separator != c.info.Separator || i.CRLF != c.info.CRLF {
				t.Errorf("info = %+v, want %+v", i, c.info)
			}
			if len(rep.Sheets) != len(c.kinds) {
				t.Fatalf("%d sheets, want %d", len(rep.Sheets), len(c.kinds))
			}
			for si, s := range rep.Sheets {
				if s.Rows != 300 {
					t.Errorf("sheet %d: %d rows, want 300", si, s.Rows)
				}
				if len(s.Columns) != len(c.kinds[si]) {
					t.Fatalf("sheet %d: %d columns, want %d", si, len(s.Columns), len(c.kinds[si]))
				}
				for ci, col := range s.Columns {
					if want := c.kinds[si][ci]; col.Kind != want {
						t.Errorf("sheet %d column %d %q: kind %s (%d/%d), want %s", si, col.Index, col.Name, col.Kind, col.Matches, col.Checked, want)
					}
					if col.Kind.Personal() && col.Kind != CustomerID && col.Example == "" {
						t.Errorf("column %q: no example", col.Name)
					}
				}
			}
			if got, want := rep.Personal(), c.file != "marketing.csv"; got != want {
				t.Errorf("Personal() = %v, want %v", got, want)
			}
		})
	}
}

// TestExamplesMasked: no example holds a whole value of the file.
func TestExamplesMasked(t *testing.T) {
	for _, c := range corpora {
		rep, err := Scan(context.Background(), filepath.Join("testdata", c.file), testOpts)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(filepath.Join("testdata", c.file))
		for _, s := range rep.Sheets {
			for _, col := range s.Columns {
				if col.Example != "" && !strings.Contains(col.Example, "*") && col.Kind != Name {
					t.Errorf("%s %q: example %q is not masked", c.file, col.Name, col.Example)
				}
				if len(col.Example) > 3 && strings.Contains(string(data), col.Example) {
					t.Errorf("%s %q: example %q is in the file", c.file, col.Name, col.Example)
				}
			}
		}
	}
}

func TestValidators(t *testing.T) {
	for _, c := range []struct {
		f    func(string) bool
		name string
		in   string
		want bool
	}{
		{isBSN, "BSN", "111222333", true},
		{isBSN, "BSN", "123456782", true},
		{isBSN, "BSN", "123456789", false},
		{isBSN, "BSN 8 digits", "11222333", false},
		{isSteuerID, "Steuer-ID", "86095742719", true},
		{isSteuerID, "Steuer-ID", "65929970489", true},
		{isSteuerID, "Steuer-ID bad check", "86095742718", false},
		{isSteuerID, "Steuer-ID digit rule", "12345678903", false},
		{isIBAN, "IBAN", "NL91 ABNA 0417 1643 00", true},
		{isIBAN, "IBAN", "DE89370400440532013000", true},
		{isIBAN, "IBAN wrong length", "NL91ABNA041716430", false},
		{isIBAN, "IBAN wrong check", "NL92ABNA0417164300", false},
		{isEmail, "e-mail", "jan.jansen@example.nl", true},
		{isEmail, "e-mail", "not an@address", false},
		{isPhone, "phone NL", "06-12345678", true},
		{isPhone, "phone DE", "+49 30 12345678", true},
		{isPhone, "order number", "131234567", false},
		{isNLPostcode, "postcode", "1234 AB", true},
		{isNLPostcode, "postcode SS", "1234 SS", false},
		{isStreet, "street", "Kerkstraat 12a", true},
		{isStreet, "Straße", "Hauptstraße 5", true},
		{isStreet, "campaign", "Zomer sale 2024", false},
		{isName, "name", "Jan de Vries", true},
		{isName, "not a name", "Nieuwsbrief maart", false},
	} {
		if got := c.f(c.in); got != c.want {
			t.Errorf("%s(%q) = %v, want %v", c.name, c.in, got, c.want)
		}
	}
}

func TestMasks(t *testing.T) {
	for _, c := range []struct {
		kind     Kind
		in       string
		example  string
		exported string
	}{
		{Email, "sanne@gmail.com", "s***@gmail.com", "s***@gmail.com"},
		{IBAN, "NL91 ABNA 0417 1643 27", "NL** **** **** **** 27", "NL** **** **** **43 27"},
		{Birthdate, "13-09-1971", "**-**-****", "1971"},
		{Address, "1234 AB", "**** A*", "1234"},
		{Address, "10115", "*****", "10***"},
		{Name, "Jan de Vries", "J** d* V****", "J. d. V."},
		{Phone, "06-12345678", "06-1*****78", "06-1*****78"},
		{FreeText, "mail naar jan@example.nl svp", "m*** n*** j**@*******.** s**", "mail naar j***@example.nl svp"},
	} {
		if got := MaskExample(c.kind, c.in); got != c.example {
			t.Errorf("MaskExample(%s, %q) = %q, want %q", c.kind, c.in, got, c.example)
		}
		if got := Mask(c.kind, c.in); got != c.exported {
			t.Errorf("Mask(%s, %q) = %q, want %q", c.kind, c.in, got, c.exported)
		}
	}
}

// TestRandomBytes: a megabyte of random bytes is an error, not a panic.
func TestRandomBytes(t *testing.T) {
	for seed := range uint64(5) {
		b := make([]byte, 1<<20)
		rand.NewChaCha8([32]byte{byte(seed)}).Read(b)
		p := filepath.Join(testdir.New(t), "random.csv")
		os.WriteFile(p, b, 0o600)
		if _, err := Scan(context.Background(), p, testOpts); err == nil {
			t.Errorf("seed %d: no error", seed)
		}
	}
}

func TestScanErrors(t *testing.T) {
	dir := testdir.New(t)
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(empty, nil, 0o600)
	if _, err := Scan(context.Background(), empty, testOpts); !errors.Is(err, tabular.ErrEmpty) {
		t.Errorf("empty: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Scan(ctx, filepath.Join("testdata", "klanten_nl.csv"), testOpts); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v", err)
	}
}

// TestProgress: a scan reports how far it came, ending at the file's size.
func TestProgress(t *testing.T) {
	var last Progress
	calls := 0
	opts := testOpts
	opts.Progress = func(p Progress) {
		calls++
		if p.Done < last.Done || p.Total > 0 && p.Done > p.Total {
			t.Errorf("progress %+v after %+v", p, last)
		}
		last = p
	}
	p := filepath.Join("testdata", "klanten_nl.csv")
	if _, err := Scan(context.Background(), p, opts); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	if calls == 0 || last.Done != st.Size() || last.Total != st.Size() {
		t.Errorf("%d calls, last %+v; want the file's size %d", calls, last, st.Size())
	}
}
