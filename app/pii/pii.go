// Package pii tells, column by column, what personal data a CSV or XLSX
// file holds, and writes a compact export of it without that data.
//
// It is the core of "Check a file" and of the CLI's `grendel file`: it
// never prints, never translates and never logs a cell's value. A report
// holds at most one masked example per column.
//
// # Deciding per column
//
// [Scan] reads the header (synonyms in Dutch, German and English) and a
// sample of each column's cells, and decides from the share of non-empty
// cells that validate: e-mail syntax, the IBAN's length and mod-97, the
// BSN's 11-proef and the Steuer-ID's MOD 11,10, phone numbers through
// libphonenumber (on the sample only), dates that spread over decades of
// adults' birth years, known first and last names and places, streets,
// postcodes and salutations. Without a useful header a column is still
// found from its cells, except the kinds that only a header can tell (a
// customer number from an order number, a German postcode from a product
// code). Columns about orders, amounts, dates of other events, segments,
// campaigns and cost centres are recognised as such and not taken for
// personal data.
//
// # Compact export
//
// [Compact] writes a copy in the input's format without the personal
// columns, or with them kept, masked or pseudonymised as asked, and
// re-scans what it wrote: personal data that was not asked for refuses
// the export.
package pii

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"grendel/app/tabular"
)

// Kind is the kind of personal data a column holds.
type Kind string

// The kinds, as they appear in JSON.
const (
	Email      Kind = "email"
	Phone      Kind = "phone"
	Name       Kind = "name"
	Address    Kind = "address"
	Birthdate  Kind = "birthdate"
	IBAN       Kind = "iban"
	NationalID Kind = "national_id"
	Gender     Kind = "gender"
	CustomerID Kind = "customer_id"
	FreeText   Kind = "free_text"
	None       Kind = "none"
)

// Kinds lists every kind, personal ones first.
var Kinds = []Kind{Email, Phone, Name, Address, Birthdate, IBAN, NationalID, Gender, CustomerID, FreeText, None}

// Personal reports whether k is personal data.
func (k Kind) Personal() bool { return k != None && k != "" }

// Column is what a scan found in one column.
type Column struct {
	// Index is the column's 1-based position.
	Index int `json:"index"`
	// Name is the header text as in the file; "" without a header.
	Name string `json:"name"`
	// Kind is the kind of personal data, or None.
	Kind Kind `json:"kind"`
	// Matches is how many of the checked cells validate as Kind (for a
	// free-text column: hold personal data).
	Matches int `json:"matches"`
	// Checked is how many non-empty cells of the sample were checked.
	Checked int `json:"checked"`
	// Example is one masked value of Kind, or "".
	Example string `json:"example"`
}

// Sheet is what a scan found in one sheet (a CSV file has one, unnamed).
type Sheet struct {
	Name string `json:"name"`
	// Rows is the number of rows below the header.
	Rows int64 `json:"rows"`
	// Header is whether the first row is a header.
	Header  bool     `json:"header"`
	Columns []Column `json:"columns"`
}

// Report is what a scan found in a file.
type Report struct {
	File   string
	Info   tabular.Info
	Sheets []Sheet
}

// Rows is the number of data rows in every sheet.
func (r *Report) Rows() int64 {
	var n int64
	for _, s := range r.Sheets {
		n += s.Rows
	}
	return n
}

// Personal reports whether any column holds personal data.
func (r *Report) Personal() bool {
	for _, s := range r.Sheets {
		for _, c := range s.Columns {
			if c.Kind.Personal() {
				return true
			}
		}
	}
	return false
}

// Progress is how far a scan or export has come.
type Progress struct {
	// Done and Total are bytes of the input for a CSV file; for a workbook
	// Done counts rows and Total is 0 (unknown).
	Done, Total int64
}

// Options configure [Scan] and [Compact].
type Options struct {
	// Limits bound the reader; zero fields take tabular's defaults.
	Limits tabular.Limits
	// SampleRows is how many rows of each sheet are checked; 0 means 1000.
	SampleRows int
	// Progress, if set, is called now and then from the scanning
	// goroutine.
	Progress func(Progress)
	// Now is the time birth dates are judged against; nil means time.Now.
	Now func() time.Time
}

func (o Options) sampleRows() int {
	if o.SampleRows > 0 {
		return o.SampleRows
	}
	return 1000
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// progressEvery is how many rows pass between progress reports and
// checks of the context.
const progressEvery = 4096

// Scan reads the file at path and reports, per sheet and column, what
// personal data it holds. Its errors wrap tabular's sentinels, or the
// context's.
func Scan(ctx context.Context, path string, opts Options) (*Report, error) {
	f, err := tabular.Open(path, opts.Limits)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rep := &Report{File: path, Info: f.Info()}
	for i, name := range rep.Info.Sheets {
		s, err := scanSheet(ctx, f, i, opts)
		if err != nil {
			return nil, err
		}
		s.Name = name
		rep.Sheets = append(rep.Sheets, s)
	}
	if rep.Rows() == 0 && !anyColumns(rep) {
		return nil, &tabular.Error{Err: tabular.ErrEmpty}
	}
	return rep, nil
}

func anyColumns(r *Report) bool {
	for _, s := range r.Sheets {
		if len(s.Columns) > 0 {
			return true
		}
	}
	return false
}

func scanSheet(ctx context.Context, f *tabular.File, i int, opts Options) (Sheet, error) {
	rows, err := f.Rows(i)
	if err != nil {
		return Sheet{}, err
	}
	defer rows.Close()
	report := func() {
		if opts.Progress != nil {
			opts.Progress(progressOf(f, rows))
		}
	}
	var sample [][]string
	for len(sample) <= opts.sampleRows() {
		row, err := rows.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Sheet{}, err
		}
		sample = append(sample, sampleRow(row, rows.Types()))
		if len(sample)%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return Sheet{}, err
			}
			report()
		}
	}
	rest, err := rows.Count()
	if err != nil {
		return Sheet{}, err
	}
	report()
	s := analyse(sample, opts.now())
	s.Rows = int64(len(sample)) + rest
	if s.Header {
		s.Rows--
	}
	return s, ctx.Err()
}

// sampleRow copies row for the sample, with a workbook's dates written
// as dates ("2006-01-02") rather than serial numbers.
func sampleRow(row []string, types []tabular.Type) []string {
	out := append([]string(nil), row...)
	for i, t := range types {
		if t == tabular.Date && i < len(out) {
			if d, ok := excelDate(out[i]); ok {
				out[i] = d.Format("2006-01-02")
			}
		}
	}
	return out
}

// progressOf is how far rows of f have come: bytes of a CSV file, rows
// of a workbook's sheet.
func progressOf(f *tabular.File, rows tabular.Rows) Progress {
	if f.Info().Format == tabular.CSV {
		return Progress{Done: rows.Offset(), Total: f.Size()}
	}
	return Progress{Done: rows.Line()}
}

// analyse decides whether sample's first row is a header, and each
// column's kind.
func analyse(sample [][]string, now time.Time) Sheet {
	width := 0
	for _, row := range sample {
		width = max(width, len(row))
	}
	s := Sheet{Header: len(sample) > 1 && isHeader(sample[0])}
	data := sample
	if s.Header {
		data = sample[1:]
	}
	for col := range width {
		var cells []string
		for _, row := range data {
			if col < len(row) {
				if v := strings.TrimSpace(row[col]); v != "" {
					cells = append(cells, v)
				}
			}
		}
		header := ""
		if s.Header && col < len(sample[0]) {
			header = sample[0][col]
		}
		c := classify(header, cells, now)
		c.Index = col + 1
		c.Name = header
		s.Columns = append(s.Columns, c)
	}
	return s
}

// isHeader reports whether row is a header: it has text and no cell that
// looks like data (an address, a number, a date, an IBAN, a phone number).
func isHeader(row []string) bool {
	text := false
	for _, v := range row {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		text = true
		if _, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", "."), 64); err == nil {
			return false
		}
		if _, ok := parseDate(v); ok || isEmail(v) || isIBAN(v) || phoneShape(v) || isNLPostcode(v) {
			return false
		}
	}
	return text
}

// maxPhoneChecks bounds the cells per column given to libphonenumber.
const maxPhoneChecks = 200

// classify decides a column's kind from its header and its non-empty
// sampled cells.
func classify(header string, cells []string, now time.Time) Column {
	hk, trap := headerKind(header)
	n := len(cells)
	if n == 0 {
		return Column{Kind: None}
	}
	col := func(k Kind, matches, checked int, pred func(string) bool) Column {
		c := Column{Kind: k, Matches: matches, Checked: checked}
		for _, v := range cells {
			if pred(v) {
				c.Example = MaskExample(k, v)
				break
			}
		}
		return c
	}
	count := func(pred func(string) bool) int { return countIn(cells, pred) }
	// most: m of n validate, at least pct percent (or half under the
	// kind's own header).
	most := func(k Kind, m, n, pct int) bool {
		if hk == k {
			return m*2 >= n && m > 0
		}
		return m*100 >= pct*n
	}
	if m := count(isEmail); most(Email, m, n, 80) {
		return col(Email, m, n, isEmail)
	}
	if m := count(isIBAN); most(IBAN, m, n, 80) {
		return col(IBAN, m, n, isIBAN)
	}
	phoneCells := cells[:min(n, maxPhoneChecks)]
	if m := countIn(phoneCells, phoneShape); most(Phone, m, len(phoneCells), 80) {
		if m := countIn(phoneCells, isPhone); most(Phone, m, len(phoneCells), 80) {
			return col(Phone, m, len(phoneCells), isPhone)
		}
	}
	if trap {
		return Column{Kind: None, Checked: n}
	}
	if m := count(isBSN); most(NationalID, m, n, 90) {
		return col(NationalID, m, n, isBSN)
	}
	if m := count(isSteuerID); most(NationalID, m, n, 90) {
		return col(NationalID, m, n, isSteuerID)
	}
	date := func(v string) bool { _, ok := parseDate(v); return ok }
	if hk == Birthdate {
		anyDate := func(v string) bool { _, ok := excelDate(v); return ok || date(v) }
		if m := count(anyDate); most(Birthdate, m, n, 50) {
			return col(Birthdate, m, n, anyDate)
		}
	} else if m := count(date); m*100 >= 80*n && birthYears(cells, now) {
		return col(Birthdate, m, n, date)
	}
	if hk == Gender {
		g := func(v string) bool { return isGender(v, true) }
		if m := count(g); most(Gender, m, n, 90) {
			return col(Gender, m, n, g)
		}
	} else if m := count(func(v string) bool { return isGender(v, false) }); m*100 >= 90*n {
		return col(Gender, m, n, func(v string) bool { return isGender(v, false) })
	}
	street := func(v string) bool { return isStreet(v) || isNLPostcode(v) }
	switch hk {
	case Address:
		anyAddr := func(v string) bool { return street(v) || isPLZ(v) || isPlace(v) || nameShape(v) || houseNumber(v) }
		if m := count(anyAddr); m*2 >= n {
			return col(Address, m, n, anyAddr)
		}
	case Name:
		if m := count(nameShape); m*100 >= 70*n {
			return col(Name, m, n, nameShape)
		}
	case CustomerID:
		return col(CustomerID, n, n, func(string) bool { return true })
	}
	d := distinct(cells)
	if m := count(isNLPostcode); m*100 >= 80*n {
		return col(Address, m, n, isNLPostcode)
	}
	if m := count(isStreet); m*100 >= 70*n && d*2 >= n {
		return col(Address, m, n, isStreet)
	}
	if m := count(isStreetName); m*100 >= 70*n && d >= min(5, n) {
		return col(Address, m, n, isStreetName)
	}
	if m := count(isName); m*100 >= 70*n && d >= min(15, (n+1)/2) {
		return col(Name, m, n, isName)
	}
	if m := count(isPlace); m*100 >= 80*n && d >= min(5, n) {
		return col(Address, m, n, isPlace)
	}
	found := func(v string) bool { _, _, ok := findEmbedded(v); return ok }
	if m := count(found); m > 0 || hk == FreeText {
		c := Column{Kind: FreeText, Matches: m, Checked: n}
		for _, v := range cells {
			if k, s, ok := findEmbedded(v); ok {
				c.Example = MaskExample(k, s)
				break
			}
		}
		return c
	}
	return Column{Kind: None, Checked: n}
}

func countIn(cells []string, pred func(string) bool) int {
	m := 0
	for _, v := range cells {
		if pred(v) {
			m++
		}
	}
	return m
}

func distinct(cells []string) int {
	seen := make(map[string]struct{}, len(cells))
	for _, v := range cells {
		seen[v] = struct{}{}
	}
	return len(seen)
}

// houseNumber reports whether s is a house number ("12", "12a", "12-3").
func houseNumber(s string) bool {
	if s == "" || s[0] < '1' || s[0] > '9' || len(s) > 10 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == ' ' || c == '/') {
			return false
		}
	}
	return true
}

// birthYears reports whether the dates among cells are adults' birth
// dates: nearly all 14 to 110 years ago, spread over at least 15 years.
// Order and signup dates are recent and close together.
func birthYears(cells []string, now time.Time) bool {
	lo, hi, in, all := 10000, 0, 0, 0
	for _, v := range cells {
		t, ok := parseDate(v)
		if !ok {
			continue
		}
		all++
		age := now.Year() - t.Year()
		if age >= 14 && age <= 110 {
			in++
		}
		lo, hi = min(lo, t.Year()), max(hi, t.Year())
	}
	return all > 0 && in*100 >= 95*all && hi-lo >= 15
}

// findEmbedded finds personal data inside a longer text: an e-mail
// address, an IBAN, a phone number, or a BSN or Steuer-ID named as such.
func findEmbedded(s string) (Kind, string, bool) {
	if strings.IndexByte(s, '@') >= 0 {
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" \t\r\n,;:<>()[]\"", r) }) {
			w = strings.TrimRight(w, ".")
			if isEmail(w) {
				return Email, w, true
			}
		}
	}
	if m := embeddedIBAN(s); m != "" {
		return IBAN, m, true
	}
	for _, m := range phoneRE().FindAllString(s, 4) {
		if isPhone(m) {
			return Phone, m, true
		}
	}
	lower := strings.ToLower(s)
	if strings.Contains(lower, "bsn") || strings.Contains(lower, "sofi") || strings.Contains(lower, "steuer") {
		for _, m := range idRE().FindAllString(s, 4) {
			if isBSN(m) || isSteuerID(m) {
				return NationalID, m, true
			}
		}
	}
	return None, "", false
}

var (
	ibanRE  = lazyRegexp(`\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b`)
	phoneRE = lazyRegexp(`(?:\+|\b0)[0-9][0-9 \-/().]{7,18}[0-9]`)
	idRE    = lazyRegexp(`\b[0-9][0-9 .]{7,13}[0-9]\b`)
)

// embeddedIBAN returns the first IBAN in s, or "".
func embeddedIBAN(s string) string {
	if len(s) < 15 {
		return ""
	}
	for _, m := range ibanRE().FindAllString(s, 4) {
		if isIBAN(m) {
			return m
		}
	}
	return ""
}

// ErrNoColumn is returned by [Select] for a selector that names no column.
var ErrNoColumn = errors.New("no such column")
