package aeszip

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// DefaultLevel is the deflate level a [Writer] uses when [Options.Level] is
// 0: close to the default level's size at a good deal more speed.
const DefaultLevel = 5

// Options set how a [Writer] writes.
type Options struct {
	// NeutralNames stores each file as file-1.ext, file-2.ext, … (in the
	// order added, keeping a short alphanumeric extension) instead of its
	// own name, and writes no folder entries, so the archive's directory,
	// which anyone can read without the password, shows no names.
	// [Writer.Entries] maps the neutral names back.
	NeutralNames bool
	// Level is the deflate level, from [flate.BestSpeed] (1) to
	// [flate.BestCompression] (9); 0 means [DefaultLevel].
	Level int
	// Rand is the source of the salts; nil means crypto/rand.
	Rand io.Reader
}

// Entry describes one entry the [Writer] wrote.
type Entry struct {
	// Name is the name the caller gave (AddFile) or the file's path
	// relative to the added folder's parent (AddTree), with forward
	// slashes; folders end in "/".
	Name string
	// Stored is the entry's name in the archive: Name, or the neutral name.
	Stored string
	// Dir reports a folder entry.
	Dir bool
	// Size is the number of bytes read from the file.
	Size int64
	// SHA256 is the SHA-256 of the bytes read, to compare with what
	// [Verify] returns.
	SHA256 [sha256.Size]byte
}

// A Writer writes an AES-256 encrypted ZIP archive (WinZip AE-2) to an
// [io.Writer] as a stream, one entry at a time, in bounded memory. Call
// [Writer.Close] to finish the archive. A Writer is not safe for concurrent
// use. After an error every further call returns that error.
type Writer struct {
	zw       *zip.Writer
	password string
	opt      Options
	rand     io.Reader
	entries  []Entry
	names    map[string]bool
	neutral  int
	flate    *flate.Writer
	buf      []byte
	err      error
}

// NewWriter returns a Writer that writes an archive encrypted with password
// to w. The caller closes w after [Writer.Close]; for a file, write to a
// temporary name and rename it once [Verify] has checked it.
func NewWriter(w io.Writer, password string, opt Options) *Writer {
	zw := &Writer{zw: zip.NewWriter(w), password: password, opt: opt, rand: opt.Rand, names: map[string]bool{}}
	if zw.rand == nil {
		zw.rand = rand.Reader
	}
	if opt.Level == 0 {
		zw.opt.Level = DefaultLevel
	}
	switch {
	case password == "":
		zw.err = errors.New("aeszip: empty password")
	case zw.opt.Level < flate.BestSpeed || zw.opt.Level > flate.BestCompression:
		zw.err = fmt.Errorf("aeszip: deflate level %d out of range 1-9", opt.Level)
	}
	return zw
}

// Entries returns the entries written so far, in order, with the mapping
// from the caller's names to the stored names.
func (w *Writer) Entries() []Entry { return append([]Entry(nil), w.entries...) }

// AddFile encrypts the bytes of r as the entry name (a relative path with
// forward slashes) with the modification time modTime. With
// [Options.NeutralNames] the entry is stored under a neutral name instead.
func (w *Writer) AddFile(name string, r io.Reader, modTime time.Time) error {
	if w.err != nil {
		return w.err
	}
	stored, err := w.storedName(name, false)
	if err != nil {
		return err
	}
	if err := w.addFile(name, stored, r, modTime); err != nil {
		w.err = err
		return err
	}
	return nil
}

func (w *Writer) addFile(name, stored string, r io.Reader, modTime time.Time) error {
	params := aesParams{vendorVersion: vendorAE2, strength: strength256, method: zip.Deflate}
	fh := newHeader(stored, modTime, params, 0o644)
	raw, err := w.zw.CreateRaw(fh)
	if err != nil {
		return fmt.Errorf("aeszip: %w", err)
	}
	salt := make([]byte, params.saltLen())
	if _, err := io.ReadFull(w.rand, salt); err != nil {
		return fmt.Errorf("aeszip: salt: %w", err)
	}
	keys, err := deriveKeys(w.password, salt, params.keyLen())
	if err != nil {
		return err
	}
	if _, err := raw.Write(append(salt, keys.verifier[:]...)); err != nil {
		return fmt.Errorf("aeszip: %w", err)
	}
	enc := newEncryptWriter(raw, keys)
	// Deflate writes in small pieces; batch them for the cipher and the MAC.
	bw := bufio.NewWriterSize(enc, 64<<10)
	if w.flate == nil {
		if w.flate, err = flate.NewWriter(bw, w.opt.Level); err != nil {
			return fmt.Errorf("aeszip: %w", err)
		}
		w.buf = make([]byte, 256<<10)
	} else {
		w.flate.Reset(bw)
	}
	sum := sha256.New()
	n, err := io.CopyBuffer(io.MultiWriter(sum, w.flate), onlyReader{r}, w.buf)
	if err != nil {
		return fmt.Errorf("aeszip: %s: %w", stored, err)
	}
	if err := w.flate.Close(); err != nil {
		return fmt.Errorf("aeszip: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("aeszip: %w", err)
	}
	if _, err := raw.Write(enc.tag()); err != nil {
		return fmt.Errorf("aeszip: %w", err)
	}
	// The sizes go into the data descriptor and the central directory,
	// which archive/zip writes from fh at the next entry or at Close; it
	// keeps the pointer CreateRaw was given ("CreateRaw's argument is
	// stored in w").
	fh.CompressedSize64 = uint64(len(salt)+verifierLen+macLen) + uint64(enc.n)
	fh.UncompressedSize64 = uint64(n)
	//lint:ignore SA1019 archive/zip writes the 32-bit fields into the data descriptor.
	fh.CompressedSize = uint32(min(fh.CompressedSize64, 0xffffffff))
	//lint:ignore SA1019 as above.
	fh.UncompressedSize = uint32(min(fh.UncompressedSize64, 0xffffffff))
	e := Entry{Name: name, Stored: stored, Size: n}
	sum.Sum(e.SHA256[:0])
	w.entries = append(w.entries, e)
	return nil
}

// onlyReader hides a WriterTo (such as *os.File's), so that io.CopyBuffer
// uses the buffer and writes in large pieces.
type onlyReader struct{ io.Reader }

// addDir writes a folder entry. A folder holds no data, so it is stored
// without encryption and with sizes 0, as 7-Zip does.
func (w *Writer) addDir(name string, modTime time.Time) error {
	if w.err != nil {
		return w.err
	}
	stored, err := w.storedName(name, true)
	if err != nil || stored == "" {
		return err
	}
	fh := newHeader(stored, modTime, aesParams{}, 0o755|fs.ModeDir)
	if _, err := w.zw.CreateRaw(fh); err != nil {
		w.err = fmt.Errorf("aeszip: %w", err)
		return w.err
	}
	w.entries = append(w.entries, Entry{Name: stored, Stored: stored, Dir: true})
	return nil
}

// newHeader returns the header of an entry; params.strength 0 makes a folder
// entry.
func newHeader(name string, modTime time.Time, params aesParams, mode fs.FileMode) *zip.FileHeader {
	fh := &zip.FileHeader{Name: name, Flags: flagUTF8}
	fh.SetMode(mode)
	fh.CreatorVersion = fh.CreatorVersion&0xff00 | versionAES
	fh.ReaderVersion = 20
	if params.strength != 0 {
		fh.Method = methodAES
		fh.Flags |= flagEncrypted | flagDescriptor
		fh.ReaderVersion = versionAES
		fh.Extra = params.appendExtra(fh.Extra)
	}
	// CreateRaw, unlike CreateHeader, does not derive the MS-DOS fields
	// from Modified.
	//lint:ignore SA1019 CreateRaw writes these fields, not Modified.
	fh.ModifiedDate, fh.ModifiedTime = msDosTime(modTime)
	if u := modTime.Unix(); !modTime.IsZero() && u >= 0 && u <= 0xffffffff {
		// Extended timestamp (Info-ZIP "UT"): the modification time in UTC.
		fh.Extra = binary.LittleEndian.AppendUint16(fh.Extra, 0x5455)
		fh.Extra = binary.LittleEndian.AppendUint16(fh.Extra, 5)
		fh.Extra = append(fh.Extra, 1)
		fh.Extra = binary.LittleEndian.AppendUint32(fh.Extra, uint32(u))
	}
	return fh
}

// msDosTime converts t, in its own location, to MS-DOS date and time,
// clamped to 1980-2107.
func msDosTime(t time.Time) (date, tm uint16) {
	if t.IsZero() || t.Year() < 1980 {
		return 1<<5 | 1, 0 // 1980-01-01 00:00
	}
	if t.Year() > 2107 {
		t = time.Date(2107, 12, 31, 23, 59, 58, 0, t.Location())
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	tm = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, tm
}

// neutralExt is the form of an extension that says nothing about the
// content, compiled on first use: every process of the binary runs this
// package's init.
var neutralExt = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\.[A-Za-z0-9]{1,8}$`) })

// storedName checks name and returns the name to store: name itself (with
// "/" appended for a folder), the next neutral name, or "" for a folder in
// neutral mode.
func (w *Writer) storedName(name string, dir bool) (string, error) {
	if !utf8.ValidString(name) || strings.Contains(name, `\`) || !fs.ValidPath(name) || name == "." || len(name) > 0xfff0 {
		return "", fmt.Errorf("aeszip: %w: %q", ErrName, name)
	}
	if w.opt.NeutralNames {
		if dir {
			return "", nil
		}
		if w.names[name] {
			return "", fmt.Errorf("aeszip: %w: %q added twice", ErrName, name)
		}
		w.names[name] = true
		w.neutral++
		ext := path.Ext(name)
		if !neutralExt().MatchString(ext) {
			ext = ""
		}
		return fmt.Sprintf("file-%d%s", w.neutral, strings.ToLower(ext)), nil
	}
	stored := name
	if dir {
		stored += "/"
	}
	if w.names[name] || w.names[name+"/"] || w.names[strings.TrimSuffix(stored, "/")] {
		return "", fmt.Errorf("aeszip: %w: %q added twice", ErrName, name)
	}
	w.names[stored] = true
	return stored, nil
}

// AddTree adds the folder dir with everything in it, under the folder's own
// name: for dir "/home/anna/Kunden" the entries are "Kunden/",
// "Kunden/a.csv", "Kunden/2024/b.csv" and so on, folders included so that
// empty ones survive. The walk stays inside dir (it opens files through an
// [os.Root]) and stops with [ErrNotRegular] at a symbolic link, device or
// other special file, so that nothing outside the folder is sent by
// accident.
func (w *Writer) AddTree(dir string) error {
	if w.err != nil {
		return w.err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("aeszip: %w", err)
	}
	defer root.Close()
	base := filepath.Base(filepath.Clean(dir))
	if base == "." || base == string(filepath.Separator) || base == "" || strings.HasSuffix(base, ":") {
		base = "" // the working directory or a root: no prefix
	}
	fsys := root.FS()
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("aeszip: %w", err)
		}
		name := path.Join(base, p)
		switch {
		case d.IsDir():
			if name == "." {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return fmt.Errorf("aeszip: %w", err)
			}
			return w.addDir(name, info.ModTime())
		case d.Type().IsRegular():
			return w.addTreeFile(fsys, p, name)
		default:
			return fmt.Errorf("aeszip: %s: %w (%s)", filepath.Join(dir, filepath.FromSlash(p)), ErrNotRegular, d.Type())
		}
	})
}

func (w *Writer) addTreeFile(fsys fs.FS, p, name string) error {
	f, err := fsys.Open(p)
	if err != nil {
		return fmt.Errorf("aeszip: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("aeszip: %w", err)
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("aeszip: %s: %w (%s)", name, ErrNotRegular, info.Mode().Type())
	}
	return w.AddFile(name, f, info.ModTime())
}

// Close writes the central directory. It does not close the underlying
// writer.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	if err := w.zw.Close(); err != nil {
		w.err = fmt.Errorf("aeszip: %w", err)
		return w.err
	}
	w.err = errors.New("aeszip: writer is closed")
	return nil
}
