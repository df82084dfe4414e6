package sendfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/xuri/excelize/v2"

	"grendel/app/secret"
	"grendel/app/tabular"
)

// The limits of an Excel worksheet.
const (
	maxSheetRows = 1 << 20
	maxSheetCols = 1 << 14
	sheetName    = "Sheet1"
	// textFormat is the built-in number format "@": the cell is text, and
	// stays text when edited.
	textFormat = 49
)

// toWorkbook converts the CSV file at in to an XLSX package in memory, every
// cell a string in the text format. excelize spills the rows of a large
// sheet to a temporary file in dir, which it removes.
func toWorkbook(ctx context.Context, in, dir string, opts *Options) ([]byte, int64, error) {
	src, err := tabular.Open(in, tabular.DefaultLimits)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %w", ErrInput, err)
	}
	defer src.Close()
	if src.Info().Format != tabular.CSV {
		return nil, 0, fmt.Errorf("not a CSV file: %w", ErrFormat)
	}
	rows, err := src.Rows(0)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %w", ErrInput, err)
	}
	defer rows.Close()
	x := excelize.NewFile(excelize.Options{TmpDir: dir})
	defer x.Close()
	style, err := x.NewStyle(&excelize.Style{NumFmt: textFormat})
	if err != nil {
		return nil, 0, err
	}
	sw, err := x.NewStreamWriter(sheetName)
	if err != nil {
		return nil, 0, err
	}
	// New cells typed into the sheet are text too.
	if err := sw.SetColStyle(1, maxSheetCols, style); err != nil {
		return nil, 0, err
	}
	size := src.Size()
	var n int64
	var cells []any
	for {
		row, err := rows.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, fmt.Errorf("%w: %w", ErrInput, err)
		}
		n++
		if n > maxSheetRows || len(row) > maxSheetCols {
			return nil, 0, fmt.Errorf("the CSV file has more rows or columns than a worksheet holds; send it as a ZIP: %w", ErrFormat)
		}
		cells = cells[:0]
		for _, v := range row {
			if len(v) > excelize.TotalCellChars {
				return nil, 0, fmt.Errorf("a field is longer than a worksheet cell holds; send it as a ZIP: %w", ErrFormat)
			}
			cells = append(cells, excelize.Cell{StyleID: style, Value: v})
		}
		cell, _ := excelize.CoordinatesToCellName(1, int(n))
		if err := sw.SetRow(cell, cells); err != nil {
			return nil, 0, err
		}
		if n%4096 == 0 {
			opts.progress(StageConvert, rows.Offset(), size)
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
		}
	}
	if n == 0 {
		return nil, 0, fmt.Errorf("%w: %w", ErrInput, tabular.ErrEmpty)
	}
	if err := sw.Flush(); err != nil {
		return nil, 0, err
	}
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		return nil, 0, err
	}
	opts.progress(StageConvert, size, size)
	return buf.Bytes(), n, nil
}

func writeWorkbook(ctx context.Context, p *plan, w io.Writer, pw secret.Secret, opts *Options, res *Result) (verifier, error) {
	in, dir := p.inputs[0].path, filepath.Dir(p.output)
	pkg, n, err := toWorkbook(ctx, in, dir, opts)
	if err != nil {
		return nil, err
	}
	v, err := encryptPackage(w, bytes.NewReader(pkg), int64(len(pkg)), pw, opts)
	if err != nil {
		return nil, err
	}
	if err := v.sample.addFile(in); err != nil {
		return nil, err
	}
	v.then = func(pkg []byte) error { return sameCells(in, pkg, dir) }
	res.Rows = n
	return v, nil
}

// sameCells reads the decrypted workbook pkg back with app/tabular (from a
// temporary file in dir, removed at once) and compares it with the CSV file
// at in, cell by cell. Trailing empty cells and empty rows, which a
// workbook does not store, are left out on both sides.
func sameCells(in string, pkg []byte, dir string) error {
	tmp, err := os.CreateTemp(dir, ".grendel-check-*.xlsx")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(pkg)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	a, err := openRows(in)
	if err != nil {
		return err
	}
	defer a.Close()
	b, err := openRows(tmp.Name())
	if err != nil {
		return err
	}
	defer b.Close()
	for line := 1; ; line++ {
		ra, ea := nextRow(a)
		rb, eb := nextRow(b)
		if ea != nil || eb != nil {
			if ea == io.EOF && eb == io.EOF {
				return nil
			}
			if ea == io.EOF || eb == io.EOF {
				return fmt.Errorf("the workbook has a different number of rows than the CSV file (from row %d)", line)
			}
			return errors.Join(ea, eb)
		}
		if !slices.Equal(ra, rb) {
			return fmt.Errorf("row %d of the workbook differs from the CSV file", line)
		}
	}
}

type rowReader struct {
	f *tabular.File
	tabular.Rows
}

func (r *rowReader) Close() error { r.Rows.Close(); return r.f.Close() }

func openRows(path string) (*rowReader, error) {
	f, err := tabular.Open(path, tabular.DefaultLimits)
	if err != nil {
		return nil, err
	}
	rows, err := f.Rows(0)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &rowReader{f, rows}, nil
}

// nextRow returns the next row that is not empty, without its trailing
// empty cells.
func nextRow(r tabular.Rows) ([]string, error) {
	for {
		row, err := r.Next()
		if err != nil {
			return nil, err
		}
		end := len(row)
		for end > 0 && row[end-1] == "" {
			end--
		}
		if end > 0 {
			return slices.Clone(row[:end]), nil
		}
	}
}
