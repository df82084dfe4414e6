package tabular

import (
	"bytes"
	"errors"
	"io"
	"os"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// sniffSize is how much of a file's start decides its format, encoding and
// separator.
const sniffSize = 64 << 10

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	bomUTF8  = []byte{0xEF, 0xBB, 0xBF}
)

// File is a table file opened for reading.
type File struct {
	path string
	info Info
	size int64
	lim  Limits
	// start is where a CSV file's text starts, after its byte order mark.
	start int64
	wb    *workbook
}

// Open opens the table at path, tells its format, encoding and separator,
// and checks a workbook against lim before anything is inflated.
func Open(path string, lim Limits) (*File, error) {
	lim = lim.withDefaults()
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &Error{Err: ErrRead, Cause: errors.New("not a regular file")}
	}
	head := make([]byte, sniffSize)
	n, err := io.ReadFull(fh, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, &Error{Err: ErrRead, Cause: err}
	}
	head = head[:n]
	f := &File{path: path, size: st.Size(), lim: lim}
	switch {
	case len(bytes.TrimSpace(head)) == 0:
		return nil, &Error{Err: ErrEmpty}
	case bytes.HasPrefix(head, zipMagic):
		f.info = Info{Format: XLSX}
		if f.wb, err = openWorkbook(path, st.Size(), lim); err != nil {
			return nil, err
		}
		f.info.Sheets = f.wb.sheets
		return f, nil
	case bytes.HasPrefix(head, oleMagic):
		return nil, oleError(path)
	}
	if err := f.sniffCSV(head, st.Size() <= int64(n)); err != nil {
		return nil, err
	}
	return f, nil
}

// Info says how the file is written.
func (f *File) Info() Info { return f.info }

// Size is the file's size in bytes.
func (f *File) Size() int64 { return f.size }

// Close releases the file's resources (a workbook's temporary files).
func (f *File) Close() error {
	if f.wb != nil {
		return f.wb.close()
	}
	return nil
}

// Rows reads the rows of the sheet with index sheet (0 for a CSV file) from
// the start. A CSV's "sep=" line is not a row.
func (f *File) Rows(sheet int) (Rows, error) {
	if f.wb != nil {
		return f.wb.rows(sheet)
	}
	if sheet != 0 {
		return nil, errors.New("tabular: a CSV file has one sheet")
	}
	return openCSV(f)
}

// sniffCSV decides the encoding and separator from head, the file's first
// bytes (all of them if whole).
func (f *File) sniffCSV(head []byte, whole bool) error {
	info := Info{Format: CSV, Sheets: []string{""}}
	var text []byte
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		info.Encoding, info.BOM, f.start = UTF8, true, 3
		text = head[3:]
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		info.Encoding, info.BOM, f.start = UTF16LE, true, 2
		text = decodeUTF16(head[2:], false)
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		info.Encoding, info.BOM, f.start = UTF16BE, true, 2
		text = decodeUTF16(head[2:], true)
	default:
		if bytes.IndexByte(head, 0) >= 0 {
			return &Error{Err: ErrBinary}
		}
		if validPrefix(head, whole) {
			info.Encoding = UTF8
			text = head
		} else if hasUTF8Runes(head) {
			// Valid UTF-8 letters beside invalid bytes: broken UTF-8,
			// not Windows-1252.
			return &Error{Err: ErrInvalidText, Line: 1 + int64(bytes.Count(head[:invalidAt(head)], []byte("\n")))}
		} else {
			// Bytes that Windows-1252 leaves undefined mean it is not
			// text in that encoding either.
			for _, c := range head {
				if c == 0x81 || c == 0x8d || c == 0x8f || c == 0x90 || c == 0x9d {
					return &Error{Err: ErrBinary}
				}
			}
			info.Encoding = Windows1252
			var err error
			if text, err = charmap.Windows1252.NewDecoder().Bytes(head); err != nil {
				return &Error{Err: ErrInvalidText, Cause: err}
			}
		}
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return &Error{Err: ErrEmpty}
	}
	if binaryText(text) {
		return &Error{Err: ErrBinary}
	}
	info.CRLF = crlf(text)
	info.Separator, info.SepLine = sniffSeparator(text)
	f.info = info
	return nil
}

// validPrefix reports whether b is valid UTF-8, allowing a rune cut off at
// its end when b is not the whole file.
func validPrefix(b []byte, whole bool) bool {
	if utf8.Valid(b) {
		return true
	}
	if whole {
		return false
	}
	for i := 1; i < utf8.UTFMax && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			return utf8.Valid(b[:len(b)-i])
		}
	}
	return false
}

// hasUTF8Runes reports whether b holds a valid multi-byte UTF-8 sequence
// of two or three bytes, as letters such as é, ß or € are written; in
// Windows-1252 text such pairs are rare.
func hasUTF8Runes(b []byte) bool {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r != utf8.RuneError && size > 1 {
			n++
		}
		b = b[size:]
	}
	return n >= 2
}

// invalidAt is the offset of b's first byte that is not valid UTF-8.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// decodeUTF16 decodes b, cut anywhere, for sniffing.
func decodeUTF16(b []byte, bigEndian bool) []byte {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return []byte(string(utf16.Decode(u)))
}

// binaryText reports whether text holds so many control characters that it
// is no table.
func binaryText(text []byte) bool {
	ctl := 0
	for _, c := range text {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f {
			ctl++
		}
	}
	return ctl*100 > len(text)
}

// crlf reports whether text's first line ends in CR LF.
func crlf(text []byte) bool {
	i := bytes.IndexByte(text, '\n')
	return i > 0 && text[i-1] == '\r'
}

// separators are the candidates, in order of preference on a tie.
var separators = []byte{';', ',', '\t', '|'}

// sniffSeparator returns the separator that text's first lines are split
// by most consistently, and whether the first line is "sep=X".
func sniffSeparator(text []byte) (rune, bool) {
	if line, _, _ := bytes.Cut(text, []byte("\n")); len(line) >= 5 {
		line = bytes.TrimRight(line, "\r")
		if len(line) == 5 && bytes.EqualFold(line[:4], []byte("sep=")) && line[4] < utf8.RuneSelf {
			return rune(line[4]), true
		}
	}
	// Count each candidate per record, outside quotes, over the first
	// records; the best is the one found most often in the first record
	// and in as many others the same number of times.
	const maxRecords = 30
	counts := make([][]int, len(separators))
	cur := make([]int, len(separators))
	quoted, tail := false, false
	records := 0
	for i := 0; i < len(text) && records < maxRecords; i++ {
		c := text[i]
		tail = c != '\n'
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			for k := range separators {
				counts[k] = append(counts[k], cur[k])
				cur[k] = 0
			}
			records++
		default:
			for k, s := range separators {
				if c == s {
					cur[k]++
				}
			}
		}
	}
	best, bestScore := 0, -1
	for k := range separators {
		cs := counts[k]
		if tail || len(cs) == 0 {
			cs = append(cs, cur[k])
		}
		if cs[0] == 0 {
			continue
		}
		same := 0
		for _, c := range cs {
			if c == cs[0] {
				same++
			}
		}
		score := same * 1000 / len(cs) * 100
		score += min(cs[0], 99)
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	if bestScore < 0 {
		return ',', false
	}
	return rune(separators[best]), false
}
