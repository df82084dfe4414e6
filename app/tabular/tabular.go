// Package tabular reads and writes the tables that marketers exchange: CSV as
// spreadsheet programs and CRMs really write it, and XLSX workbooks.
//
// It reads files from outside, so every reader is bounded before it starts
// (see [Limits]): a line, a record, the unzipped size of a workbook, the
// depth of its XML and the number of cells of a sheet. It streams rows and
// never holds a whole file in memory, except a workbook's small parts.
//
// # Reading
//
// [Open] tells the format from the first bytes: a ZIP is an XLSX workbook,
// an OLE compound file is a password-protected workbook (or a legacy .xls),
// anything else is taken for CSV. A CSV's encoding is UTF-8 with or without
// a byte order mark, UTF-16 with one, or Windows-1252 (Excel's plain "CSV");
// its separator is a "sep=" first line when there is one, else sniffed from
// the first lines among ; , tab and |. [Info] says which were used.
//
// # Writing
//
// [Create] writes a table in the same format, encoding, byte order mark,
// separator and line ending as an [Info] read before, into a temporary file
// beside the destination that replaces it only when complete.
//
// # Errors
//
// Errors wrap one of the sentinels below, usually inside an [*Error] that
// says where (line, sheet) and which limit; ui/ translates them with
// errors.Is and errors.As. They never hold a cell's value.
package tabular

import (
	"errors"
	"fmt"
	"strconv"
)

// Format is a file format.
type Format string

// The formats.
const (
	CSV  Format = "csv"
	XLSX Format = "xlsx"
)

// Encoding is a CSV file's character encoding.
type Encoding string

// The encodings of CSV files.
const (
	UTF8        Encoding = "utf-8"
	UTF16LE     Encoding = "utf-16le"
	UTF16BE     Encoding = "utf-16be"
	Windows1252 Encoding = "windows-1252"
)

// Info says how a file is written, so that a copy can be written the same way.
type Info struct {
	Format Format
	// Encoding, BOM, Separator, SepLine and CRLF are a CSV file's.
	Encoding Encoding
	// BOM is whether the file starts with a byte order mark.
	BOM bool
	// Separator is the field separator.
	Separator rune
	// SepLine is whether the first line is Excel's "sep=X".
	SepLine bool
	// CRLF is whether lines end in CR LF rather than LF.
	CRLF bool
	// Sheets names the sheets of a workbook, in order; a CSV file has one
	// sheet with no name.
	Sheets []string
}

// SeparatorName is Separator as text for reports: ";", ",", "tab", "|".
func (i Info) SeparatorName() string {
	switch i.Separator {
	case 0:
		return ""
	case '\t':
		return "tab"
	}
	return string(i.Separator)
}

// The sentinels that errors of this package wrap.
var (
	ErrEmpty         = errors.New("the file is empty")
	ErrBinary        = errors.New("not a table: binary content")
	ErrEncrypted     = errors.New("the workbook is password-protected")
	ErrLegacyFormat  = errors.New("a legacy Excel 97-2003 (.xls) workbook")
	ErrCorrupt       = errors.New("the workbook is damaged or truncated")
	ErrLineTooLong   = errors.New("a line is too long")
	ErrRecordTooLong = errors.New("a record is too long")
	ErrTooManyFields = errors.New("a row has too many fields")
	ErrQuote         = errors.New("a quoted field is not closed")
	ErrInvalidText   = errors.New("invalid bytes for the file's encoding")
	ErrTooLarge      = errors.New("the file is too large")
	ErrZipBomb       = errors.New("the workbook inflates far beyond its size")
	ErrTooDeep       = errors.New("the workbook's XML is nested too deeply")
	ErrTooManyCells  = errors.New("a sheet has too many cells")
	ErrExists        = errors.New("the output file exists")
	ErrSameFile      = errors.New("the output is the input file")
	ErrWrite         = errors.New("the output could not be written")
	ErrRead          = errors.New("the file could not be read")
)

// Error is an error at a place in a file. It never holds a cell's value.
type Error struct {
	// Err is one of the sentinels.
	Err error
	// Line is the 1-based line of a CSV file, or row of a sheet; 0 if not
	// known.
	Line int64
	// Sheet names the workbook's sheet or part, if any.
	Sheet string
	// Limit is the limit that was reached, if any.
	Limit int64
	// Cause is the underlying error, if any (an I/O error).
	Cause error
}

func (e *Error) Error() string {
	s := e.Err.Error()
	if e.Sheet != "" {
		s += " (sheet " + strconv.Quote(e.Sheet) + ")"
	}
	if e.Line > 0 {
		s += fmt.Sprintf(" at line %d", e.Line)
	}
	if e.Limit > 0 {
		s += fmt.Sprintf(" (limit %d)", e.Limit)
	}
	if e.Cause != nil {
		s += ": " + e.Cause.Error()
	}
	return s
}

// Unwrap returns the sentinel and the cause.
func (e *Error) Unwrap() []error {
	if e.Cause != nil {
		return []error{e.Err, e.Cause}
	}
	return []error{e.Err}
}

// Limits bound what reading a file may cost. The zero value of a field
// means its default from [DefaultLimits].
type Limits struct {
	// MaxLine is the longest physical line of a CSV file, in bytes.
	MaxLine int
	// MaxRecord is the longest record (a row, with the lines of its quoted
	// fields), in bytes.
	MaxRecord int
	// MaxFields is the most fields a row may have.
	MaxFields int
	// MaxWorkbook is the largest XLSX file.
	MaxWorkbook int64
	// MaxUnzipped is the most a workbook may inflate to, all parts together.
	MaxUnzipped int64
	// MaxPart is the largest part other than a sheet: the shared strings,
	// styles, the workbook. Larger sheets are streamed from temporary files.
	MaxPart int64
	// MaxRatio is the most a large part may inflate relative to its
	// compressed size.
	MaxRatio int64
	// MaxDepth is the deepest XML nesting.
	MaxDepth int
	// MaxCells is the most cells, empty ones included, a sheet may have.
	MaxCells int64
	// TempDir is where a workbook's large parts are streamed from; "" is
	// the system's.
	TempDir string
}

// DefaultLimits are the limits for a zero [Limits] field.
var DefaultLimits = Limits{
	MaxLine:     1 << 20,
	MaxRecord:   4 << 20,
	MaxFields:   16384,
	MaxWorkbook: 256 << 20,
	MaxUnzipped: 2 << 30,
	MaxPart:     64 << 20,
	MaxRatio:    1000,
	MaxDepth:    64,
	MaxCells:    64 << 20,
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	pick := func(v, def int64) int64 {
		if v > 0 {
			return v
		}
		return def
	}
	l.MaxLine = int(pick(int64(l.MaxLine), int64(d.MaxLine)))
	l.MaxRecord = int(pick(int64(l.MaxRecord), int64(d.MaxRecord)))
	l.MaxFields = int(pick(int64(l.MaxFields), int64(d.MaxFields)))
	l.MaxDepth = int(pick(int64(l.MaxDepth), int64(d.MaxDepth)))
	l.MaxWorkbook = pick(l.MaxWorkbook, d.MaxWorkbook)
	l.MaxUnzipped = pick(l.MaxUnzipped, d.MaxUnzipped)
	l.MaxPart = pick(l.MaxPart, d.MaxPart)
	l.MaxRatio = pick(l.MaxRatio, d.MaxRatio)
	l.MaxCells = pick(l.MaxCells, d.MaxCells)
	if l.MaxRecord < l.MaxLine {
		l.MaxRecord = l.MaxLine
	}
	return l
}

// Rows reads the rows of one sheet in order.
type Rows interface {
	// Next returns the next row, or io.EOF after the last. The slice is
	// valid until the next call; its strings stay valid.
	Next() ([]string, error)
	// Line is the 1-based line (CSV) or row (XLSX) where the last row
	// returned ends.
	Line() int64
	// Offset is how many bytes of the file have been read, for progress.
	Offset() int64
	// Types returns the types of the last row's values: nil for a CSV
	// file, whose values are all text.
	Types() []Type
	// Count reads the remaining rows without returning them, faster than
	// Next, and returns how many there were.
	Count() (int64, error)
	// Close releases the rows' resources.
	Close() error
}
