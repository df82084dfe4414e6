package tabular

import (
	"archive/zip"
	"errors"
	"io"
	"os"
	"path"
	"strings"

	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"
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

// workbook is an XLSX file checked against the limits and opened with
// excelize.
type workbook struct {
	f      *excelize.File
	sheets []string
	lim    Limits
}

// maxParts bounds the number of entries in a workbook's ZIP.
const maxParts = 10000

// openWorkbook checks every part of the workbook at name against lim —
// declared sizes first, then inflating each part once to check its
// checksum, its XML depth and its number of cells — and then opens it.
func openWorkbook(name string, size int64, lim Limits) (*workbook, error) {
	if size > lim.MaxWorkbook {
		return nil, &Error{Err: ErrTooLarge, Limit: lim.MaxWorkbook}
	}
	zr, err := zip.OpenReader(name)
	if err != nil {
		return nil, &Error{Err: ErrCorrupt, Cause: err}
	}
	defer zr.Close()
	if len(zr.File) > maxParts {
		return nil, &Error{Err: ErrTooLarge, Limit: maxParts}
	}
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > uint64(lim.MaxUnzipped) {
			return nil, &Error{Err: ErrZipBomb, Limit: lim.MaxUnzipped}
		}
		if zf.UncompressedSize64 > 1<<20 && zf.UncompressedSize64/max(zf.CompressedSize64, 1) > uint64(lim.MaxRatio) {
			return nil, &Error{Err: ErrZipBomb, Sheet: zf.Name, Limit: lim.MaxRatio}
		}
		if !isSheet(zf.Name) && zf.UncompressedSize64 > uint64(lim.MaxPart) {
			return nil, &Error{Err: ErrTooLarge, Sheet: zf.Name, Limit: lim.MaxPart}
		}
	}
	for _, zf := range zr.File {
		if err := checkPart(zf, lim); err != nil {
			return nil, err
		}
	}
	opts := excelize.Options{
		UnzipSizeLimit:    lim.MaxUnzipped,
		UnzipXMLSizeLimit: min(8<<20, lim.MaxPart),
		TmpDir:            lim.TempDir,
	}
	f, err := excelize.OpenFile(name, opts)
	if err != nil {
		return nil, &Error{Err: ErrCorrupt, Cause: err}
	}
	wb := &workbook{f: f, sheets: f.GetSheetList(), lim: lim}
	if len(wb.sheets) == 0 {
		f.Close()
		return nil, &Error{Err: ErrCorrupt, Cause: errors.New("no sheets")}
	}
	return wb, nil
}

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

func (w *workbook) close() error { return w.f.Close() }

func (w *workbook) rows(sheet int) (Rows, error) {
	if sheet < 0 || sheet >= len(w.sheets) {
		return nil, errors.New("tabular: no such sheet")
	}
	r, err := w.f.Rows(w.sheets[sheet])
	if err != nil {
		return nil, &Error{Err: ErrCorrupt, Sheet: w.sheets[sheet], Cause: err}
	}
	return &xlsxRows{r: r, name: w.sheets[sheet], lim: w.lim}, nil
}

// xlsxRows reads a sheet's rows with excelize, raw values (no number
// formats applied: a date is its serial number).
type xlsxRows struct {
	r     *excelize.Rows
	name  string
	lim   Limits
	line  int64
	cells int64
	done  bool
}

var rawValues = excelize.Options{RawCellValue: true}

func (x *xlsxRows) Next() ([]string, error) {
	if x.done {
		return nil, io.EOF
	}
	if !x.r.Next() {
		x.done = true
		if err := x.r.Error(); err != nil {
			return nil, &Error{Err: ErrCorrupt, Sheet: x.name, Line: x.line, Cause: err}
		}
		return nil, io.EOF
	}
	x.line++
	row, err := x.r.Columns(rawValues)
	if err != nil {
		x.done = true
		return nil, &Error{Err: ErrCorrupt, Sheet: x.name, Line: x.line, Cause: err}
	}
	x.cells += int64(len(row)) + 1
	if x.cells > x.lim.MaxCells {
		x.done = true
		return nil, &Error{Err: ErrTooManyCells, Sheet: x.name, Line: x.line, Limit: x.lim.MaxCells}
	}
	if len(row) > x.lim.MaxFields {
		x.done = true
		return nil, &Error{Err: ErrTooManyFields, Sheet: x.name, Line: x.line, Limit: int64(x.lim.MaxFields)}
	}
	return row, nil
}

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
func (x *xlsxRows) Offset() int64 { return 0 }
func (x *xlsxRows) Close() error  { return x.r.Close() }

var _ Rows = (*xlsxRows)(nil)
