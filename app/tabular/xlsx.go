package tabular

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/richardlehane/mscfb"
)

// oleError tells a password-protected workbook (an OLE compound file
// holding EncryptionInfo and EncryptedPackage) from a legacy .xls.
func oleError(name string) error {
	fh, err := os.Open(name)
	if err != nil {
		return &Error{Err: ErrRead, Cause: err}
	}
	defer fh.Close()
	doc, err := mscfb.New(fh)
	if err != nil {
		return &Error{Err: ErrCorrupt}
	}
	for i := 0; i < 1000; i++ {
		entry, err := doc.Next()
		if err != nil {
			break
		}
		if entry.Name == "EncryptionInfo" || entry.Name == "EncryptedPackage" {
			return &Error{Err: ErrEncrypted}
		}
	}
	return &Error{Err: ErrLegacyFormat}
}

// workbook is an XLSX file checked against the limits, with its shared
// strings and date styles read; its sheets are streamed from the ZIP.
type workbook struct {
	zr     *zip.ReadCloser
	sheets []string
	parts  []*zip.File
	sst    []string
	dates  []bool // per cell style (cellXfs index): a date format
	lim    Limits
}

// maxParts bounds the number of entries in a workbook's ZIP.
const maxParts = 10000

// openWorkbook checks every part of the workbook at name against lim —
// declared sizes first, then inflating each part once to check its
// checksum, its XML depth and its number of cells — and then reads its
// sheet list, shared strings and styles.
func openWorkbook(name string, size int64, lim Limits) (*workbook, error) {
	if size > lim.MaxWorkbook {
		return nil, &Error{Err: ErrTooLarge, Limit: lim.MaxWorkbook}
	}
	zr, err := zip.OpenReader(name)
	if err != nil {
		return nil, &Error{Err: ErrCorrupt, Cause: err}
	}
	wb := &workbook{zr: zr, lim: lim}
	if err := wb.check(); err != nil {
		zr.Close()
		return nil, err
	}
	if err := wb.read(); err != nil {
		zr.Close()
		return nil, err
	}
	return wb, nil
}

func (wb *workbook) check() error {
	lim := wb.lim
	if len(wb.zr.File) > maxParts {
		return &Error{Err: ErrTooLarge, Limit: maxParts}
	}
	var total uint64
	for _, zf := range wb.zr.File {
		total += zf.UncompressedSize64
		if total > uint64(lim.MaxUnzipped) {
			return &Error{Err: ErrZipBomb, Limit: lim.MaxUnzipped}
		}
		if zf.UncompressedSize64 > 1<<20 && zf.UncompressedSize64/max(zf.CompressedSize64, 1) > uint64(lim.MaxRatio) {
			return &Error{Err: ErrZipBomb, Sheet: zf.Name, Limit: lim.MaxRatio}
		}
		if !isSheet(zf.Name) && zf.UncompressedSize64 > uint64(lim.MaxPart) {
			return &Error{Err: ErrTooLarge, Sheet: zf.Name, Limit: lim.MaxPart}
		}
	}
	for _, zf := range wb.zr.File {
		if err := checkPart(zf, lim); err != nil {
			return err
		}
	}
	return nil
}

// part returns the ZIP entry at name, or nil.
func (wb *workbook) part(name string) *zip.File {
	for _, zf := range wb.zr.File {
		if strings.EqualFold(zf.Name, name) {
			return zf
		}
	}
	return nil
}

// decode calls fn with each start element and the text of the part at
// name, in order. A missing part is no error.
func (wb *workbook) decode(name string, fn func(t xml.Token) error) error {
	zf := wb.part(name)
	if zf == nil {
		return nil
	}
	rc, err := zf.Open()
	if err != nil {
		return &Error{Err: ErrCorrupt, Sheet: name, Cause: err}
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		t, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &Error{Err: ErrCorrupt, Sheet: name, Cause: err}
		}
		if err := fn(t); err != nil {
			return err
		}
	}
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// read reads the sheets' names and parts, the shared strings and which
// cell styles are dates.
func (wb *workbook) read() error {
	targets := map[string]string{}
	err := wb.decode("xl/_rels/workbook.xml.rels", func(t xml.Token) error {
		if e, ok := t.(xml.StartElement); ok && e.Name.Local == "Relationship" {
			target := attr(e, "Target")
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join("xl", target)
			}
			targets[attr(e, "Id")] = target
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = wb.decode("xl/workbook.xml", func(t xml.Token) error {
		if e, ok := t.(xml.StartElement); ok && e.Name.Local == "sheet" {
			zf := wb.part(targets[attr(e, "id")])
			if zf == nil {
				return &Error{Err: ErrCorrupt, Sheet: attr(e, "name"), Cause: errors.New("the sheet's part is missing")}
			}
			wb.sheets = append(wb.sheets, attr(e, "name"))
			wb.parts = append(wb.parts, zf)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(wb.sheets) == 0 {
		return &Error{Err: ErrCorrupt, Cause: errors.New("no sheets")}
	}
	// Shared strings: the text of each <si>, rich text runs joined,
	// phonetic runs left out.
	var (
		si       strings.Builder
		inT, rph bool
	)
	err = wb.decode("xl/sharedStrings.xml", func(t xml.Token) error {
		switch e := t.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "si":
				si.Reset()
			case "t":
				inT = true
			case "rPh":
				rph = true
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "si":
				wb.sst = append(wb.sst, si.String())
			case "t":
				inT = false
			case "rPh":
				rph = false
			}
		case xml.CharData:
			if inT && !rph {
				si.Write(e)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Styles: which cellXfs use a date format (built-in 14–22, 45–47, or
	// a custom format with d, m or y outside quotes and brackets).
	custom := map[string]bool{}
	inXfs := false
	return wb.decode("xl/styles.xml", func(t xml.Token) error {
		switch e := t.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "numFmt":
				custom[attr(e, "numFmtId")] = dateFormat(attr(e, "formatCode"))
			case "cellXfs":
				inXfs = true
			case "xf":
				if inXfs {
					id := attr(e, "numFmtId")
					n, _ := strconv.Atoi(id)
					wb.dates = append(wb.dates, n >= 14 && n <= 22 || n >= 45 && n <= 47 || custom[id])
				}
			}
		case xml.EndElement:
			if e.Name.Local == "cellXfs" {
				inXfs = false
			}
		}
		return nil
	})
}

// dateFormat reports whether an Excel number format shows a date.
func dateFormat(code string) bool {
	quoted, bracket := false, false
	for _, c := range strings.ToLower(code) {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '[':
			bracket = true
		case c == ']':
			bracket = false
		case bracket:
		case c == 'd' || c == 'm' || c == 'y':
			return true
		}
	}
	return false
}

func (wb *workbook) close() error { return wb.zr.Close() }

func (wb *workbook) rows(sheet int) (Rows, error) {
	if sheet < 0 || sheet >= len(wb.sheets) {
		return nil, errors.New("tabular: no such sheet")
	}
	rc, err := wb.parts[sheet].Open()
	if err != nil {
		return nil, &Error{Err: ErrCorrupt, Sheet: wb.sheets[sheet], Cause: err}
	}
	return &xlsxRows{wb: wb, rc: rc, cr: &countReader{r: rc}, name: wb.sheets[sheet]}, nil
}

// xlsxRows streams a sheet's rows: the cells' values as Excel stores them
// (a date is its serial number), and their types.
type xlsxRows struct {
	wb    *workbook
	rc    io.ReadCloser
	cr    *countReader
	d     *xml.Decoder
	name  string
	line  int64 // rows returned
	next  int64 // the row number of the row element read ahead, if any
	ahead bool
	cells int64
	row   []string
	types []Type
	done  bool
}

// Type is the type of a workbook cell's value.
type Type uint8

// The types of cell values. A CSV file's are all String.
const (
	String Type = iota
	Number
	Bool
	Date
)

func (x *xlsxRows) fail(err error) ([]string, error) {
	x.done = true
	return nil, err
}

// Next implements [Rows]. Rows that the sheet leaves out are empty rows.
func (x *xlsxRows) Next() ([]string, error) {
	if x.done {
		return nil, io.EOF
	}
	if x.d == nil {
		x.d = xml.NewDecoder(x.cr)
	}
	if x.ahead && x.next > x.line+1 {
		// A gap before the row read ahead.
		return x.emptyRow()
	}
	if !x.ahead {
		if err := x.seekRow(); err != nil {
			if err == io.EOF {
				x.done = true
			}
			return nil, err
		}
		if x.next > x.line+1 {
			return x.emptyRow()
		}
	}
	x.ahead = false
	x.line = x.next
	x.row, x.types = x.row[:0], x.types[:0]
	if err := x.readCells(); err != nil {
		return x.fail(err)
	}
	return x.row, nil
}

func (x *xlsxRows) emptyRow() ([]string, error) {
	x.line++
	x.row, x.types = x.row[:0], x.types[:0]
	if x.cells++; x.cells > x.wb.lim.MaxCells {
		return x.fail(&Error{Err: ErrTooManyCells, Sheet: x.name, Line: x.line, Limit: x.wb.lim.MaxCells})
	}
	return x.row, nil
}

// seekRow reads up to the next <row> and sets x.next to its number.
func (x *xlsxRows) seekRow() error {
	for {
		t, err := x.d.Token()
		if err == io.EOF {
			return io.EOF
		}
		if err != nil {
			return &Error{Err: ErrCorrupt, Sheet: x.name, Line: x.line, Cause: err}
		}
		if e, ok := t.(xml.StartElement); ok && e.Name.Local == "row" {
			n := x.line + 1
			if r := attr(e, "r"); r != "" {
				v, err := strconv.ParseInt(r, 10, 64)
				if err != nil || v <= x.line || v > 1<<20 {
					return &Error{Err: ErrCorrupt, Sheet: x.name, Line: x.line, Cause: errors.New("bad row number")}
				}
				n = v
			}
			x.next, x.ahead = n, true
			return nil
		}
	}
}

// readCells reads the cells of the current row, up to </row>.
func (x *xlsxRows) readCells() error {
	lim := x.wb.lim
	var (
		col       = -1
		typ, text string
		style     int
		inValue   bool
		value     strings.Builder
	)
	for {
		t, err := x.d.Token()
		if err != nil {
			return &Error{Err: ErrCorrupt, Sheet: x.name, Line: x.line, Cause: err}
		}
		switch e := t.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "c":
				col++
				if ref := attr(e, "r"); ref != "" {
					c, ok := columnIndex(ref)
					if !ok || c < col {
						return &Error{Err: ErrCorrupt, Sheet: x.name, Line: x.line, Cause: errors.New("bad cell reference")}
					}
					col = c
				}
				if col >= lim.MaxFields {
					return &Error{Err: ErrTooManyFields, Sheet: x.name, Line: x.line, Limit: int64(lim.MaxFields)}
				}
				typ, style = attr(e, "t"), 0
				if s := attr(e, "s"); s != "" {
					style, _ = strconv.Atoi(s)
				}
				value.Reset()
			case "v", "t":
				inValue = true
			}
		case xml.CharData:
			if inValue {
				if value.Len()+len(e) > lim.MaxRecord {
					return &Error{Err: ErrRecordTooLong, Sheet: x.name, Line: x.line, Limit: int64(lim.MaxRecord)}
				}
				value.Write(e)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "v", "t":
				inValue = false
			case "c":
				text = value.String()
				ty := String
				switch typ {
				case "s":
					i, err := strconv.Atoi(text)
					if err != nil || i < 0 || i >= len(x.wb.sst) {
						return &Error{Err: ErrCorrupt, Sheet: x.name, Line: x.line, Cause: errors.New("bad shared string index")}
					}
					text = x.wb.sst[i]
				case "b":
					ty = Bool
				case "", "n":
					if text != "" {
						ty = Number
						if style >= 0 && style < len(x.wb.dates) && x.wb.dates[style] {
							ty = Date
						}
					}
				}
				for len(x.row) < col {
					x.row, x.types = append(x.row, ""), append(x.types, String)
				}
				x.row, x.types = append(x.row, text), append(x.types, ty)
				if x.cells++; x.cells > lim.MaxCells {
					return &Error{Err: ErrTooManyCells, Sheet: x.name, Line: x.line, Limit: lim.MaxCells}
				}
			case "row":
				if x.cells++; x.cells > lim.MaxCells {
					return &Error{Err: ErrTooManyCells, Sheet: x.name, Line: x.line, Limit: lim.MaxCells}
				}
				return nil
			}
		}
	}
}

// columnIndex returns the 0-based column of a cell reference such as
// "AB12".
func columnIndex(ref string) (int, bool) {
	n, i := 0, 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		n = n*26 + int(ref[i]-'A'+1)
		if n > 16384 {
			return 0, false
		}
	}
	return n - 1, i > 0
}

// Types implements [Rows].
func (x *xlsxRows) Types() []Type { return x.types }

func (x *xlsxRows) Count() (int64, error) {
	var n int64
	for {
		if _, err := x.Next(); err != nil {
			if err == io.EOF {
				return n, nil
			}
			return n, err
		}
		n++
	}
}

func (x *xlsxRows) Line() int64   { return x.line }
func (x *xlsxRows) Offset() int64 { return x.cr.n }
func (x *xlsxRows) Close() error  { return x.rc.Close() }

var _ Rows = (*xlsxRows)(nil)

// isSheet reports whether a ZIP entry is a worksheet.
func isSheet(name string) bool {
	return strings.HasPrefix(strings.ToLower(path.Clean(name)), "xl/worksheets/sheet")
}

// checkPart inflates one part of a workbook: archive/zip checks its size
// and checksum, and an XML part is checked for depth and, for a sheet, the
// number of cells.
func checkPart(zf *zip.File, lim Limits) error {
	if zf.FileInfo().IsDir() {
		return nil
	}
	rc, err := zf.Open()
	if err != nil {
		return &Error{Err: ErrCorrupt, Sheet: zf.Name, Cause: err}
	}
	defer rc.Close()
	lower := strings.ToLower(zf.Name)
	if !strings.HasSuffix(lower, ".xml") && !strings.HasSuffix(lower, ".rels") {
		if _, err := io.Copy(io.Discard, rc); err != nil {
			return &Error{Err: ErrCorrupt, Sheet: zf.Name, Cause: err}
		}
		return nil
	}
	x := xmlCheck{lim: lim, sheet: isSheet(zf.Name)}
	buf := make([]byte, 64<<10)
	for {
		n, err := rc.Read(buf)
		if cerr := x.feed(buf[:n]); cerr != nil {
			cerr.Sheet = zf.Name
			return cerr
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &Error{Err: ErrCorrupt, Sheet: zf.Name, Cause: err}
		}
	}
}

// xmlCheck follows an XML stream's element depth and counts a sheet's
// cells (<c> elements) without parsing it.
type xmlCheck struct {
	lim   Limits
	sheet bool
	depth int
	cells int64
	// state: 0 text, 1 just after '<', 2 in a tag, 3 in a <? or <!
	// construct, 4 in a closing tag, 5 after "<c".
	state int
	quote byte
	slash bool
}

func (x *xmlCheck) feed(b []byte) *Error {
	for _, c := range b {
		switch x.state {
		case 0:
			if c == '<' {
				x.state = 1
			}
		case 1:
			switch c {
			case '/':
				x.state = 4
			case '?', '!':
				x.state = 3
			default:
				x.depth++
				if x.depth > x.lim.MaxDepth {
					return &Error{Err: ErrTooDeep, Limit: int64(x.lim.MaxDepth)}
				}
				x.state, x.slash = 2, false
				if c == 'c' && x.sheet {
					x.state = 5
				}
			}
		case 5:
			if c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\r' || c == '\n' {
				x.cells++
				if x.cells > x.lim.MaxCells {
					return &Error{Err: ErrTooManyCells, Limit: x.lim.MaxCells}
				}
			}
			x.state = 2
			fallthrough
		case 2:
			switch {
			case x.quote != 0:
				if c == x.quote {
					x.quote = 0
				}
			case c == '"' || c == '\'':
				x.quote = c
			case c == '>':
				if x.slash {
					x.depth--
				}
				x.state = 0
			}
			x.slash = c == '/'
		case 3:
			// Comments and CDATA may hold '>'; they end at the next '>'
			// here, which at worst counts depth wrongly in a file that is
			// no real workbook.
			if c == '>' {
				x.state = 0
			}
		case 4:
			if c == '>' {
				x.depth--
				x.state = 0
			}
		}
	}
	return nil
}
