package tabular

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"grendel/internal/testdir"
)

// readAll opens the file at name and returns its info and every row of
// every sheet.
func readAll(t testing.TB, name string) (Info, [][][]string, error) {
	t.Helper()
	f, err := Open(name, Limits{})
	if err != nil {
		return Info{}, nil, err
	}
	defer f.Close()
	var sheets [][][]string
	for i := range f.Info().Sheets {
		rows, err := f.Rows(i)
		if err != nil {
			return f.Info(), nil, err
		}
		var all [][]string
		for {
			row, err := rows.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				rows.Close()
				return f.Info(), sheets, err
			}
			all = append(all, append([]string(nil), row...))
		}
		rows.Close()
		sheets = append(sheets, all)
	}
	return f.Info(), sheets, nil
}

func writeFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(testdir.New(t), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func utf16le(s string) []byte {
	b, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	return b
}

func win1252(s string) []byte {
	b, _ := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	return b
}

// csvCases feed the reader's table test and the fuzz seeds.
var csvCases = []struct {
	name string
	data []byte
	sep  rune
	enc  Encoding
	bom  bool
	crlf bool
	rows [][]string
}{
	{"semicolon", []byte("a;b;c\n1;2;3\n"), ';', UTF8, false, false, [][]string{{"a", "b", "c"}, {"1", "2", "3"}}},
	{"comma bom crlf", []byte("\xEF\xBB\xBFa,b\r\n\"x, y\",2\r\n"), ',', UTF8, true, true, [][]string{{"a", "b"}, {"x, y", "2"}}},
	{"tab", []byte("a\tb\n1\t2"), '\t', UTF8, false, false, [][]string{{"a", "b"}, {"1", "2"}}},
	{"sep line", []byte("sep=,\na;b,c\n"), ',', UTF8, false, false, [][]string{{"a;b", "c"}}},
	{"multi-line quoted", []byte("n;note\n1;\"line one\nline \"\"two\"\"\"\n2;x\n"), ';', UTF8, false, false,
		[][]string{{"n", "note"}, {"1", "line one\nline \"two\""}, {"2", "x"}}},
	{"blank lines skipped", []byte("a;b\n\n1;2\r\n\r\n"), ';', UTF8, false, false, [][]string{{"a", "b"}, {"1", "2"}}},
	{"empty fields", []byte("a;;c;\n"), ';', UTF8, false, false, [][]string{{"a", "", "c", ""}}},
	{"lazy quote", []byte("a;b\"c;d\n"), ';', UTF8, false, false, [][]string{{"a", "b\"c", "d"}}},
	{"windows-1252", win1252("Straße;Geschäft\r\nMüller;Bäckerei\r\n"), ';', Windows1252, false, true,
		[][]string{{"Straße", "Geschäft"}, {"Müller", "Bäckerei"}}},
	{"utf-16 bom", utf16le("naam;stad\nJansen;Zwolle\n"), ';', UTF16LE, true, false, [][]string{{"naam", "stad"}, {"Jansen", "Zwolle"}}},
}

func TestReadCSV(t *testing.T) {
	for _, c := range csvCases {
		t.Run(c.name, func(t *testing.T) {
			info, sheets, err := readAll(t, writeFile(t, "t.csv", c.data))
			if err != nil {
				t.Fatal(err)
			}
			if info.Separator != c.sep || info.Encoding != c.enc || info.BOM != c.bom || info.CRLF != c.crlf {
				t.Errorf("info = %+v, want sep %q enc %s bom %v crlf %v", info, c.sep, c.enc, c.bom, c.crlf)
			}
			if !reflect.DeepEqual(sheets[0], c.rows) {
				t.Errorf("rows = %q, want %q", sheets[0], c.rows)
			}
			// Count agrees with Next.
			f, _ := Open(writeFile(t, "c.csv", c.data), Limits{})
			defer f.Close()
			rows, _ := f.Rows(0)
			defer rows.Close()
			if n, err := rows.Count(); err != nil || n != int64(len(c.rows)) {
				t.Errorf("Count() = %d, %v; want %d", n, err, len(c.rows))
			}
		})
	}
}

// TestRoundTrip writes what it read, the same way, and reads it back.
func TestRoundTrip(t *testing.T) {
	for _, c := range csvCases {
		t.Run(c.name, func(t *testing.T) {
			in := writeFile(t, "in.csv", c.data)
			info, sheets, err := readAll(t, in)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(testdir.New(t), "out.csv")
			w, err := Create(out, info, CreateOptions{Input: in})
			if err != nil {
				t.Fatal(err)
			}
			w.Sheet("")
			for _, row := range sheets[0] {
				if err := w.Write(row, nil); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Commit(); err != nil {
				t.Fatal(err)
			}
			info2, sheets2, err := readAll(t, out)
			if err != nil {
				t.Fatal(err)
			}
			info.Sheets, info2.Sheets = nil, nil
			if !reflect.DeepEqual(info, info2) || !reflect.DeepEqual(sheets, sheets2) {
				t.Errorf("round trip: %+v %q, want %+v %q", info2, sheets2, info, sheets)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	long := append([]byte("a;b\n1;"), bytes.Repeat([]byte("x"), 10<<20)...)
	random := make([]byte, 1<<20)
	rand.NewChaCha8([32]byte{1}).Read(random)
	for _, c := range []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"blank", []byte(" \n\r\n"), ErrEmpty},
		{"binary", random, ErrBinary},
		{"nul bytes", []byte("a;b\x00\x00;c\n"), ErrBinary},
		{"10 MB line", long, ErrLineTooLong},
		{"invalid utf-8 late", append(append([]byte("a;b\n"), bytes.Repeat([]byte("é;x\n"), 20000)...), "\xff\xfe;x\n"...), ErrInvalidText},
		{"broken utf-8 early", []byte("naam;stad\nJosé;Köln\nMüller;\xff\n"), ErrInvalidText},
		{"unclosed quote", []byte("a;b\n1;\"open\n2;3\n"), ErrQuote},
		{"undefined 1252 bytes", []byte("a;b\n\x81\x8d;c\n"), ErrBinary},
		{"legacy xls", append(append([]byte{}, oleMagic...), make([]byte, 600)...), ErrCorrupt},
		{"truncated zip", []byte("PK\x03\x04garbage"), ErrCorrupt},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := readAll(t, writeFile(t, "bad", c.data))
			if !errors.Is(err, c.want) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
		})
	}
}

// TestCountLongLine: Count, which a scan uses past its sample, enforces
// the line limit too.
func TestCountLongLine(t *testing.T) {
	data := append([]byte("a;b\n1;2\n"), bytes.Repeat([]byte("y"), 2<<20)...)
	f, err := Open(writeFile(t, "l.csv", data), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.Rows(0)
	defer rows.Close()
	if _, err := rows.Count(); !errors.Is(err, ErrLineTooLong) {
		t.Errorf("Count() err = %v, want ErrLineTooLong", err)
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, c := range csvCases {
		f.Add(c.data)
	}
	f.Add([]byte("\"\n\"\"\n;;\"x"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(testdir.New(t), "f.csv")
		os.WriteFile(p, data, 0o600)
		file, err := Open(p, Limits{MaxLine: 4096, MaxRecord: 8192})
		if err != nil {
			return
		}
		defer file.Close()
		rows, err := file.Rows(0)
		if err != nil {
			return
		}
		n, clean := int64(0), false
		for {
			row, err := rows.Next()
			if err == io.EOF {
				clean = true
			}
			if err != nil {
				break
			}
			if len(row) == 0 {
				t.Fatal("a row with no fields")
			}
			n++
		}
		rows.Close()
		rows, _ = file.Rows(0)
		defer rows.Close()
		// Count follows quotes and line breaks as Next does.
		if c, err := rows.Count(); clean && (err != nil || c != n) {
			t.Fatalf("Count() = %d, %v; Next read %d rows", c, err, n)
		}
	})
}

// xlsxFile writes a workbook with the given sheets.
func xlsxFile(t testing.TB, sheets map[string][][]any, order ...string) string {
	t.Helper()
	f := excelize.NewFile()
	for i, name := range order {
		if i == 0 {
			f.SetSheetName("Sheet1", name)
		} else {
			f.NewSheet(name)
		}
		for r, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			f.SetSheetRow(name, cell, &row)
			for c, v := range row {
				if _, ok := v.(time.Time); ok {
					cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
					style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
					f.SetCellStyle(name, cell, cell, style)
				}
			}
		}
	}
	p := filepath.Join(testdir.New(t), "w.xlsx")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	return p
}

// readTyped reads every sheet of the workbook at name with its types.
func readTyped(t *testing.T, name string) ([]string, [][][]string, [][][]Type) {
	t.Helper()
	f, err := Open(name, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sheets [][][]string
	var types [][][]Type
	for i := range f.Info().Sheets {
		rows, err := f.Rows(i)
		if err != nil {
			t.Fatal(err)
		}
		var all [][]string
		var ts [][]Type
		for {
			row, err := rows.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, append([]string(nil), row...))
			ts = append(ts, append([]Type(nil), rows.Types()...))
		}
		rows.Close()
		sheets, types = append(sheets, all), append(types, ts)
	}
	return f.Info().Sheets, sheets, types
}

func TestXLSXRoundTrip(t *testing.T) {
	in := xlsxFile(t, map[string][][]any{
		"Klanten": {{"naam", "nummer", "code", "geboren", "actief"}, {"Jansen", 12, "0031", time.Date(1980, 2, 1, 0, 0, 0, 0, time.UTC), true},
			{"de Vries", 3.5, "x", nil, false}, nil, {"na een gat"}},
		"Orders": {{"order", "bedrag"}, {"A-1", 10}},
	}, "Klanten", "Orders")
	names, sheets, types := readTyped(t, in)
	if !reflect.DeepEqual(names, []string{"Klanten", "Orders"}) {
		t.Fatalf("sheets = %q", names)
	}
	if want := []Type{String, Number, String, Date, Bool}; !reflect.DeepEqual(types[0][1], want) {
		t.Errorf("types = %v, want %v", types[0][1], want)
	}
	if len(sheets[0]) != 5 || len(sheets[0][3]) != 0 || sheets[0][4][0] != "na een gat" {
		t.Errorf("rows = %q, want an empty fourth row", sheets[0])
	}
	out := filepath.Join(testdir.New(t), "out.xlsx")
	w, err := Create(out, Info{Format: XLSX, Sheets: names}, CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range names {
		w.Sheet(name)
		for r, row := range sheets[i] {
			w.Write(row, types[i][r])
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	names2, sheets2, types2 := readTyped(t, out)
	if !reflect.DeepEqual(names2, names) || !reflect.DeepEqual(sheets2, sheets) || !reflect.DeepEqual(types2, types) {
		t.Errorf("round trip = %v %q %v, want %v %q %v", names2, sheets2, types2, names, sheets, types)
	}
}

// zipOf builds a ZIP with the given entries, deflated, each written by
// its function in pieces, so that a test builds a bomb without holding it.
func zipOf(t testing.TB, entries map[string]func(io.Writer)) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, write := range entries {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		write(w)
	}
	zw.Close()
	return buf.Bytes()
}

// repeat writes head, n times unit, then tail.
func repeat(head, unit, tail string, n int) func(io.Writer) {
	return func(w io.Writer) {
		io.WriteString(w, head)
		chunk := strings.Repeat(unit, max(1, (64<<10)/len(unit)))
		per := len(chunk) / len(unit)
		for ; n >= per; n -= per {
			io.WriteString(w, chunk)
		}
		io.WriteString(w, strings.Repeat(unit, n))
		io.WriteString(w, tail)
	}
}

// TestHostileWorkbooks: each ends with its error, within bounded time and
// memory.
func TestHostileWorkbooks(t *testing.T) {
	const sheetHead = `<?xml version="1.0"?><worksheet><sheetData><row r="1">`
	good := xlsxFile(t, map[string][][]any{"S": {{"a"}}}, "S")
	goodBytes, _ := os.ReadFile(good)
	truncated := goodBytes[:len(goodBytes)/2]
	for _, c := range []struct {
		name string
		data []byte
		want error
	}{
		{"zip bomb", zipOf(t, map[string]func(io.Writer){"xl/worksheets/sheet1.xml": repeat("", " ", "", 300<<20)}), ErrZipBomb},
		{"empty cells", zipOf(t, map[string]func(io.Writer){"xl/worksheets/sheet1.xml": repeat(sheetHead, `<c r="A1"/>`, `</row></sheetData></worksheet>`, 3_000_000)}), ErrTooManyCells},
		{"huge shared strings", zipOf(t, map[string]func(io.Writer){"xl/sharedStrings.xml": repeat("<sst>", "<si><t>x</t></si>", "</sst>", 5_000_000)}), ErrTooLarge},
		{"deep xml", zipOf(t, map[string]func(io.Writer){"xl/workbook.xml": repeat("", "<a>", "", 100_000)}), ErrTooDeep},
		{"deep sheet", zipOf(t, map[string]func(io.Writer){"xl/worksheets/sheet1.xml": repeat(sheetHead, "<is>", "", 100_000)}), ErrTooDeep},
		{"truncated", truncated, ErrCorrupt},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := writeFile(t, "h.xlsx", c.data)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := Open(p, Limits{MaxCells: 2_000_000, MaxPart: 32 << 20, MaxUnzipped: 256 << 20})
			if !errors.Is(err, c.want) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
			runtime.ReadMemStats(&after)
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
				t.Errorf("allocated %d MiB", alloc>>20)
			}
		})
	}
}

func TestEncryptedWorkbook(t *testing.T) {
	f := excelize.NewFile()
	p := filepath.Join(testdir.New(t), "secret.xlsx")
	if err := f.SaveAs(p, excelize.Options{Password: "geheim"}); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(p, Limits{}); !errors.Is(err, ErrEncrypted) {
		t.Errorf("err = %v, want ErrEncrypted", err)
	}
}

func TestCreateRefuses(t *testing.T) {
	dir := testdir.New(t)
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte("a\n"), 0o600)
	out := filepath.Join(dir, "out.csv")
	os.WriteFile(out, []byte("old"), 0o600)
	info := Info{Format: CSV, Encoding: UTF8, Separator: ';'}
	if _, err := Create(out, info, CreateOptions{Input: in}); !errors.Is(err, ErrExists) {
		t.Errorf("existing output: err = %v, want ErrExists", err)
	}
	if _, err := Create(in, info, CreateOptions{Input: in, Force: true}); !errors.Is(err, ErrSameFile) {
		t.Errorf("output = input: err = %v, want ErrSameFile", err)
	}
	// A full disk: the write fails, no output and no temporary file.
	w, err := Create(filepath.Join(dir, "new.csv"), info, CreateOptions{Wrap: func(io.Writer) io.Writer { return failWriter{} }})
	if err != nil {
		t.Fatal(err)
	}
	w.Sheet("")
	for range 100000 {
		if w.Write([]string{"abcdefgh", "ijklmnop"}, nil) != nil {
			break
		}
	}
	if err := w.Commit(); !errors.Is(err, ErrWrite) {
		t.Errorf("full disk: err = %v, want ErrWrite", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("after a failed write the directory holds %d files, want 2", len(entries))
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// FuzzReadXLSX: any bytes after a ZIP header end in rows or an error,
// never a panic, within the limits.
func FuzzReadXLSX(f *testing.F) {
	dir := testdir.New(f)
	g := excelize.NewFile()
	g.SetSheetRow("Sheet1", "A1", &[]any{"naam", 12, true, 3.5})
	g.SetSheetRow("Sheet1", "A3", &[]any{"x"})
	p := filepath.Join(dir, "seed.xlsx")
	if err := g.SaveAs(p); err != nil {
		f.Fatal(err)
	}
	seed, _ := os.ReadFile(p)
	f.Add(seed)
	f.Add(zipOf(f, map[string]func(io.Writer){"xl/workbook.xml": repeat("", "<a>", "", 10)}))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(testdir.New(t), "f.xlsx")
		os.WriteFile(p, data, 0o600)
		file, err := Open(p, Limits{MaxCells: 100_000, MaxPart: 1 << 20, MaxUnzipped: 8 << 20})
		if err != nil {
			return
		}
		defer file.Close()
		for i := range file.Info().Sheets {
			rows, err := file.Rows(i)
			if err != nil {
				continue
			}
			for {
				if _, err := rows.Next(); err != nil {
					break
				}
			}
			rows.Close()
		}
	})
}
