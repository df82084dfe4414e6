package tabular

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"grendel/internal/atomicfile"
)

// Writer writes a table, sheet by sheet, row by row, into a temporary file
// that [Writer.Commit] moves to its destination.
type Writer interface {
	// Sheet starts the next sheet of a workbook; for a CSV file it must be
	// called once, with any name.
	Sheet(name string) error
	// Write writes one row of the current sheet; types, which may be nil
	// or shorter than row, are the values' types in a workbook (a CSV file
	// ignores them).
	Write(row []string, types []Type) error
	// Finish completes the temporary file and returns its path, so that it
	// can be checked before Commit.
	Finish() (string, error)
	// Commit completes the file, if Finish did not, and moves it to its
	// destination.
	Commit() error
	// Abort removes the temporary file; after Commit it does nothing.
	Abort()
}

// CreateOptions say how [Create] may write.
type CreateOptions struct {
	// Force allows replacing an existing file.
	Force bool
	// Input is the file being read, which is never the destination.
	Input string
	// Wrap, if set, wraps the writer of the temporary file: tests use it to
	// simulate a full disk.
	Wrap func(io.Writer) io.Writer
}

// Create starts writing a table at dst in info's format, encoding, byte
// order mark, separator and line endings. It refuses a dst that exists
// unless opts.Force, and never writes over opts.Input.
func Create(dst string, info Info, opts CreateOptions) (Writer, error) {
	if err := checkDest(dst, opts); err != nil {
		return nil, err
	}
	dir, base := filepath.Split(dst)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return nil, &Error{Err: ErrWrite, Cause: err}
	}
	a := &atomicFile{tmp: tmp, dst: dst, force: opts.Force, w: tmp}
	if opts.Wrap != nil {
		a.w = opts.Wrap(tmp)
	}
	if info.Format == XLSX {
		return &xlsxWriter{a: a, f: excelize.NewFile()}, nil
	}
	w, err := newCSVWriter(a, info)
	if err != nil {
		a.abort()
		return nil, err
	}
	return w, nil
}

// checkDest refuses a destination that is the input, or exists without
// opts.Force.
func checkDest(dst string, opts CreateOptions) error {
	st, err := os.Stat(dst)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &Error{Err: ErrWrite, Cause: err}
	}
	if opts.Input != "" {
		if in, err := os.Stat(opts.Input); err == nil && os.SameFile(in, st) {
			return &Error{Err: ErrSameFile}
		}
	}
	if !opts.Force || !st.Mode().IsRegular() {
		return &Error{Err: ErrExists}
	}
	return nil
}

// atomicFile is a temporary file beside dst that replaces dst when
// complete.
type atomicFile struct {
	tmp   *os.File
	dst   string
	force bool
	w     io.Writer
	done  bool
	// closed is whether the temporary file is complete and closed.
	closed bool
}

func (a *atomicFile) abort() {
	if a.done {
		return
	}
	a.done = true
	if !a.closed {
		a.tmp.Close()
	}
	os.Remove(a.tmp.Name())
}

// finish syncs and closes the temporary file.
func (a *atomicFile) finish() (string, error) {
	if a.done {
		return "", errors.New("tabular: writer already finished")
	}
	if a.closed {
		return a.tmp.Name(), nil
	}
	if err := a.tmp.Sync(); err != nil {
		a.abort()
		return "", &Error{Err: ErrWrite, Cause: err}
	}
	if err := a.tmp.Close(); err != nil {
		a.abort()
		return "", &Error{Err: ErrWrite, Cause: err}
	}
	a.closed = true
	return a.tmp.Name(), nil
}

// commit moves the finished temporary file to dst ([atomicfile.Place]):
// unless force, never over a file that exists, even one created meanwhile.
func (a *atomicFile) commit() error {
	name, err := a.finish()
	if err != nil {
		return err
	}
	a.done = true
	if err := atomicfile.Place(name, a.dst, a.force); err != nil {
		os.Remove(name)
		if !a.force && errors.Is(err, fs.ErrExist) {
			return &Error{Err: ErrExists}
		}
		return &Error{Err: ErrWrite, Cause: err}
	}
	return nil
}

// csvWriter writes CSV records through an encoder into an atomicFile.
type csvWriter struct {
	a      *atomicFile
	flush  func() error
	bw     *bufio.Writer
	sep    byte
	eol    string
	quotes string
	sheets int
}

func newCSVWriter(a *atomicFile, info Info) (*csvWriter, error) {
	var bom []byte
	var enc encoding.Encoding
	switch info.Encoding {
	case UTF16LE:
		bom, enc = []byte{0xFF, 0xFE}, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case UTF16BE:
		bom, enc = []byte{0xFE, 0xFF}, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	case Windows1252:
		enc = charmap.Windows1252
	default:
		bom = bomUTF8
	}
	if info.BOM {
		if _, err := a.w.Write(bom); err != nil {
			return nil, &Error{Err: ErrWrite, Cause: err}
		}
	}
	w := &csvWriter{a: a, sep: byte(info.Separator), eol: "\n", flush: func() error { return nil }}
	if w.sep == 0 {
		w.sep = ','
	}
	w.quotes = string([]byte{w.sep, '"', '\r', '\n'})
	if info.CRLF {
		w.eol = "\r\n"
	}
	out := a.w
	if enc != nil {
		tw := transform.NewWriter(a.w, encoding.ReplaceUnsupported(enc.NewEncoder()))
		out, w.flush = tw, tw.Close
	}
	w.bw = bufio.NewWriterSize(out, 256<<10)
	if info.SepLine {
		w.bw.WriteString("sep=" + string(rune(w.sep)) + w.eol)
	}
	return w, nil
}

func (w *csvWriter) Sheet(string) error {
	w.sheets++
	if w.sheets > 1 {
		return errors.New("tabular: a CSV file has one sheet")
	}
	return nil
}

func (w *csvWriter) Write(row []string, _ []Type) error {
	for i, field := range row {
		if i > 0 {
			w.bw.WriteByte(w.sep)
		}
		if !strings.ContainsAny(field, w.quotes) {
			w.bw.WriteString(field)
			continue
		}
		w.bw.WriteByte('"')
		for {
			j := strings.IndexByte(field, '"')
			if j < 0 {
				break
			}
			w.bw.WriteString(field[:j+1])
			w.bw.WriteByte('"')
			field = field[j+1:]
		}
		w.bw.WriteString(field)
		w.bw.WriteByte('"')
	}
	if _, err := w.bw.WriteString(w.eol); err != nil {
		return &Error{Err: ErrWrite, Cause: err}
	}
	return nil
}

func (w *csvWriter) Finish() (string, error) {
	if !w.a.closed && !w.a.done {
		if err := w.bw.Flush(); err != nil {
			w.a.abort()
			return "", &Error{Err: ErrWrite, Cause: err}
		}
		if err := w.flush(); err != nil {
			w.a.abort()
			return "", &Error{Err: ErrWrite, Cause: err}
		}
	}
	return w.a.finish()
}

func (w *csvWriter) Commit() error {
	if _, err := w.Finish(); err != nil {
		return err
	}
	return w.a.commit()
}

func (w *csvWriter) Abort() { w.a.abort() }

// xlsxWriter writes sheets with excelize's stream writer, each value with
// its type: text, number, boolean, or date (as Excel's short date).
type xlsxWriter struct {
	a      *atomicFile
	f      *excelize.File
	sw     *excelize.StreamWriter
	row    int
	sheets int
	cells  []any
	// dateStyle and timeStyle are the styles of dates, made on first use.
	dateStyle, timeStyle int
}

func (w *xlsxWriter) Sheet(name string) error {
	if err := w.flushSheet(); err != nil {
		return err
	}
	w.sheets++
	if w.sheets == 1 {
		if first := w.f.GetSheetList()[0]; first != name {
			if err := w.f.SetSheetName(first, name); err != nil {
				return &Error{Err: ErrWrite, Sheet: name, Cause: err}
			}
		}
	} else if _, err := w.f.NewSheet(name); err != nil {
		return &Error{Err: ErrWrite, Sheet: name, Cause: err}
	}
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		return &Error{Err: ErrWrite, Sheet: name, Cause: err}
	}
	w.sw, w.row = sw, 0
	return nil
}

func (w *xlsxWriter) flushSheet() error {
	if w.sw == nil {
		return nil
	}
	if err := w.sw.Flush(); err != nil {
		return &Error{Err: ErrWrite, Cause: err}
	}
	w.sw = nil
	return nil
}

func (w *xlsxWriter) Write(row []string, types []Type) error {
	w.row++
	w.cells = w.cells[:0]
	for i, v := range row {
		t := String
		if i < len(types) {
			t = types[i]
		}
		w.cells = append(w.cells, w.cellValue(v, t))
	}
	cell, err := excelize.CoordinatesToCellName(1, w.row)
	if err != nil {
		return &Error{Err: ErrWrite, Line: int64(w.row), Cause: err}
	}
	if err := w.sw.SetRow(cell, w.cells); err != nil {
		return &Error{Err: ErrWrite, Line: int64(w.row), Cause: err}
	}
	return nil
}

// cellValue is v as a cell of type t; a value that does not parse as its
// type is written as text.
func (w *xlsxWriter) cellValue(v string, t Type) any {
	if v == "" {
		return nil
	}
	switch t {
	case Number, Date:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return v
		}
		if t == Number {
			return f
		}
		if w.dateStyle == 0 {
			// Excel's built-in short date, and date and time.
			w.dateStyle, _ = w.f.NewStyle(&excelize.Style{NumFmt: 14})
			w.timeStyle, _ = w.f.NewStyle(&excelize.Style{NumFmt: 22})
		}
		style := w.dateStyle
		if f != float64(int64(f)) {
			style = w.timeStyle
		}
		return excelize.Cell{StyleID: style, Value: f}
	case Bool:
		return v == "1" || strings.EqualFold(v, "true")
	}
	return v
}

func (w *xlsxWriter) Finish() (string, error) {
	if !w.a.closed && !w.a.done {
		if err := w.flushSheet(); err != nil {
			w.Abort()
			return "", err
		}
		if _, err := w.f.WriteTo(w.a.w); err != nil {
			w.Abort()
			return "", &Error{Err: ErrWrite, Cause: err}
		}
		w.f.Close()
	}
	return w.a.finish()
}

func (w *xlsxWriter) Commit() error {
	if _, err := w.Finish(); err != nil {
		return err
	}
	return w.a.commit()
}

func (w *xlsxWriter) Abort() {
	w.f.Close()
	w.a.abort()
}
