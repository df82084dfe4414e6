package tabular

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// decoder returns a reader of enc's text from r as UTF-8.
func decoder(r io.Reader, enc Encoding) io.Reader {
	switch enc {
	case Windows1252:
		return transform.NewReader(r, charmap.Windows1252.NewDecoder())
	case UTF16LE:
		return transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder())
	case UTF16BE:
		return transform.NewReader(r, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder())
	}
	return r
}

// csvRows reads the records of a CSV file: fields separated by sep, quoted
// with '"' (doubled inside), with line breaks inside quotes; blank lines are
// skipped, and a quote inside an unquoted field, or text after a closing
// quote, is taken literally, as spreadsheet programs do.
type csvRows struct {
	fh  *os.File
	cr  *countReader
	br  *bufio.Reader
	sep byte
	lim Limits
	// check is whether records must be checked for valid UTF-8 (the
	// decoders of other encodings always produce it).
	check bool
	line  int64
	long  []byte
	rec   []byte
	ends  []int
	row   []string
	err   error
}

func openCSV(f *File) (*csvRows, error) {
	fh, err := os.Open(f.path)
	if err != nil {
		return nil, err
	}
	if _, err := fh.Seek(f.start, io.SeekStart); err != nil {
		fh.Close()
		return nil, &Error{Err: ErrRead, Cause: err}
	}
	cr := &countReader{r: fh, n: f.start}
	r := &csvRows{fh: fh, cr: cr, br: bufio.NewReaderSize(decoder(cr, f.info.Encoding), 64<<10),
		sep: byte(f.info.Separator), lim: f.lim, check: f.info.Encoding == UTF8}
	if f.info.SepLine {
		if _, err := r.readLine(); err != nil {
			fh.Close()
			return nil, err
		}
	}
	return r, nil
}

func (r *csvRows) Line() int64   { return r.line }
func (r *csvRows) Types() []Type { return nil }
func (r *csvRows) Offset() int64 { return r.cr.n }
func (r *csvRows) Close() error  { return r.fh.Close() }

func (r *csvRows) fail(err error) error {
	if r.err == nil {
		r.err = err
	}
	return r.err
}

// readLine returns the next physical line with its line break; the slice
// is valid until the next read. At the end it returns io.EOF.
func (r *csvRows) readLine() ([]byte, error) {
	line, err := r.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		r.long = append(r.long[:0], line...)
		for err == bufio.ErrBufferFull && len(r.long) <= r.lim.MaxLine {
			line, err = r.br.ReadSlice('\n')
			r.long = append(r.long, line...)
		}
		line = r.long
	}
	if len(line) > r.lim.MaxLine {
		return nil, &Error{Err: ErrLineTooLong, Line: r.line + 1, Limit: int64(r.lim.MaxLine)}
	}
	if err == io.EOF && len(line) > 0 {
		err = nil
	}
	if err != nil {
		if err != io.EOF {
			err = &Error{Err: ErrRead, Line: r.line + 1, Cause: err}
		}
		return nil, err
	}
	r.line++
	return line, nil
}

// eol is where line's content ends, before its line break.
func eol(line []byte) int {
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		n--
	}
	if n > 0 && line[n-1] == '\r' {
		n--
	}
	return n
}

// Next implements [Rows].
func (r *csvRows) Next() ([]string, error) {
	if r.err != nil {
		return nil, r.err
	}
	var line []byte
	for {
		l, err := r.readLine()
		if err != nil {
			return nil, r.fail(err)
		}
		if eol(l) > 0 {
			line = l
			break
		}
	}
	first := r.line
	r.rec, r.ends = r.rec[:0], r.ends[:0]
	pos := 0
	for {
		end := eol(line)
		if pos < end && line[pos] == '"' {
			pos++
			for {
				i := bytes.IndexByte(line[pos:], '"')
				if i < 0 {
					r.rec = append(r.rec, line[pos:]...)
					if len(r.rec) > r.lim.MaxRecord {
						return nil, r.fail(&Error{Err: ErrRecordTooLong, Line: first, Limit: int64(r.lim.MaxRecord)})
					}
					var err error
					if line, err = r.readLine(); err != nil {
						if err == io.EOF {
							err = &Error{Err: ErrQuote, Line: first}
						}
						return nil, r.fail(err)
					}
					pos = 0
					continue
				}
				r.rec = append(r.rec, line[pos:pos+i]...)
				pos += i + 1
				if pos < len(line) && line[pos] == '"' {
					r.rec = append(r.rec, '"')
					pos++
					continue
				}
				break
			}
			end = eol(line)
			if pos > end {
				pos = end
			}
		}
		j := bytes.IndexByte(line[pos:end], r.sep)
		if j < 0 {
			j = end - pos
		}
		r.rec = append(r.rec, line[pos:pos+j]...)
		pos += j
		r.ends = append(r.ends, len(r.rec))
		if len(r.ends) > r.lim.MaxFields {
			return nil, r.fail(&Error{Err: ErrTooManyFields, Line: first, Limit: int64(r.lim.MaxFields)})
		}
		if len(r.rec) > r.lim.MaxRecord {
			return nil, r.fail(&Error{Err: ErrRecordTooLong, Line: first, Limit: int64(r.lim.MaxRecord)})
		}
		if pos < end && line[pos] == r.sep {
			pos++
			continue
		}
		break
	}
	if r.check && !utf8.Valid(r.rec) {
		return nil, r.fail(&Error{Err: ErrInvalidText, Line: first})
	}
	s := string(r.rec)
	r.row = r.row[:0]
	start := 0
	for _, e := range r.ends {
		r.row = append(r.row, s[start:e])
		start = e
	}
	return r.row, nil
}

// The states of Count: at a field's start, in an unquoted field (or after
// a closing quote), in a quoted field, and at a quote in a quoted field.
const (
	atStart = iota
	inPlain
	inQuoted
	atQuote
)

// Count implements [Rows]: it follows only quotes, separators and line
// breaks, the way Next reads them, and checks the line limit.
func (r *csvRows) Count() (int64, error) {
	if r.err != nil {
		if r.err == io.EOF {
			return 0, nil
		}
		return 0, r.err
	}
	var (
		n       int64
		st      = atStart
		content bool // the current record has content
		cr      bool // the last byte was a CR, content unless a LF follows
		lineLen int
		buf     = make([]byte, 256<<10)
	)
	long := func() error {
		return r.fail(&Error{Err: ErrLineTooLong, Line: r.line + 1, Limit: int64(r.lim.MaxLine)})
	}
	for {
		m, err := r.br.Read(buf)
		chunk := buf[:m]
		if st != inQuoted && st != atQuote && bytes.IndexByte(chunk, '"') < 0 {
			// No quotes: whole lines at a time.
			for len(chunk) > 0 {
				i := bytes.IndexByte(chunk, '\n')
				if i < 0 {
					lineLen += len(chunk)
					if lineLen > r.lim.MaxLine {
						return n, long()
					}
					content = content || len(chunk) > 1 || chunk[0] != '\r'
					st = inPlain
					if chunk[len(chunk)-1] == r.sep {
						st = atStart
					}
					break
				}
				if lineLen+i >= r.lim.MaxLine {
					return n, long()
				}
				if content || i > 1 || i == 1 && chunk[0] != '\r' {
					n++
				}
				r.line++
				content, lineLen, st = false, 0, atStart
				chunk = chunk[i+1:]
			}
		} else {
			for _, c := range chunk {
				lineLen++
				if cr && c != '\n' {
					content = true
				}
				cr = c == '\r'
				switch st {
				case inQuoted:
					if c == '"' {
						st = atQuote
					} else if c == '\n' {
						r.line++
						if lineLen > r.lim.MaxLine {
							return n, long()
						}
						lineLen = 0
					}
					continue
				case atQuote:
					if c == '"' {
						st = inQuoted
						continue
					}
					st = inPlain
				}
				switch c {
				case '\n':
					r.line++
					if lineLen > r.lim.MaxLine {
						return n, long()
					}
					if content {
						n++
					}
					content, lineLen, st = false, 0, atStart
				case r.sep:
					content, st = true, atStart
				case '"':
					if st == atStart {
						st = inQuoted
					}
					content = true
				case '\r':
					st = inPlain
				default:
					content, st = true, inPlain
				}
			}
			if lineLen > r.lim.MaxLine {
				return n, long()
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, r.fail(&Error{Err: ErrRead, Cause: err})
		}
	}
	if st == inQuoted {
		return n, r.fail(&Error{Err: ErrQuote, Line: r.line})
	}
	if content {
		n++
	}
	r.err = io.EOF
	return n, nil
}

var _ Rows = (*csvRows)(nil)
