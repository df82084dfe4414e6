package aeszip

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"slices"
	"time"
)

// Limits bound what [Verify] inflates. A zero field takes its value from
// [DefaultLimits]. A caller that verifies its own archive knows the sizes of
// its inputs and can set the limits to them.
type Limits struct {
	// MaxEntries is the most entries an archive may hold.
	MaxEntries int
	// MaxEntrySize is the most bytes one entry may inflate to.
	MaxEntrySize int64
	// MaxTotalSize is the most bytes all entries together may inflate to.
	MaxTotalSize int64
	// MaxRatio is the most bytes an entry may inflate to per byte of its
	// payload, once it has inflated to more than 1 MiB.
	MaxRatio int64
}

// DefaultLimits returns generous limits for archives of unknown origin:
// 65535 entries, 16 GiB per entry, 64 GiB in all, and a ratio of 200 (a
// CSV file rarely deflates by more than 20; a zip bomb by about 1000).
func DefaultLimits() Limits {
	return Limits{MaxEntries: 65535, MaxEntrySize: 16 << 30, MaxTotalSize: 64 << 30, MaxRatio: 200}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxEntries <= 0 {
		l.MaxEntries = d.MaxEntries
	}
	if l.MaxEntrySize <= 0 {
		l.MaxEntrySize = d.MaxEntrySize
	}
	if l.MaxTotalSize <= 0 {
		l.MaxTotalSize = d.MaxTotalSize
	}
	if l.MaxRatio <= 0 {
		l.MaxRatio = d.MaxRatio
	}
	return l
}

// ratioFloor is the output below which MaxRatio does not apply.
const ratioFloor = 1 << 20

// EntrySum is what [Verify] found in one entry.
type EntrySum struct {
	// Name is the entry's name in the archive; folders end in "/".
	Name string
	// Dir reports a folder entry, which holds no data.
	Dir bool
	// Size is the number of bytes the entry decrypted and inflated to.
	Size int64
	// SHA256 is the SHA-256 of those bytes; all zero for a folder.
	SHA256 [sha256.Size]byte
	// Modified is the entry's modification time.
	Modified time.Time
}

// entry is an archive entry with what its headers say.
type entry struct {
	f      *zip.File
	dir    bool      // a folder entry without data
	params aesParams // for a file
	start  int64     // offset of its payload
}

// CheckEncrypted reports whether every entry of the archive in r is AES
// encrypted, without a password. It refuses (with [ErrNotEncrypted],
// [ErrZipCrypto], [ErrUnsupported] or [ErrCorrupt]) an archive in which:
//
//   - an entry is stored without encryption, or with ZipCrypto; folder
//     entries, which hold no data, are the one exception;
//   - a local header disagrees with the central directory (flags, method,
//     name, AES parameters);
//   - any byte between the start of the file and the central directory is
//     not part of an entry's header, payload or data descriptor, so that no
//     hidden unencrypted entry can sit between them;
//   - the archive or an entry carries a comment, which is never encrypted.
func CheckEncrypted(r io.ReaderAt, size int64) error {
	_, err := open(r, size, DefaultLimits())
	return err
}

// open reads the central directory and checks the archive's structure.
func open(r io.ReaderAt, size int64, limits Limits) ([]entry, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		// An insecure name is no reason to refuse a verification that
		// extracts nothing.
		return nil, fmt.Errorf("aeszip: %w: %w", ErrCorrupt, err)
	}
	if len(zr.File) > limits.MaxEntries {
		return nil, fmt.Errorf("aeszip: %w: %d entries, at most %d", ErrTooLarge, len(zr.File), limits.MaxEntries)
	}
	if zr.Comment != "" {
		return nil, fmt.Errorf("aeszip: %w: the archive has a comment", ErrNotEncrypted)
	}
	entries := make([]entry, 0, len(zr.File))
	for i, f := range zr.File {
		e, err := classify(f)
		if err != nil {
			return nil, fmt.Errorf("aeszip: entry %d %q: %w", i+1, f.Name, err)
		}
		if e.start, err = f.DataOffset(); err != nil {
			return nil, fmt.Errorf("aeszip: entry %d %q: %w: %w", i+1, f.Name, ErrCorrupt, err)
		}
		entries = append(entries, e)
	}
	if err := walkLocalHeaders(r, size, entries); err != nil {
		return nil, err
	}
	return entries, nil
}

// classify checks what the central directory says about f.
func classify(f *zip.File) (entry, error) {
	e := entry{f: f}
	if f.Comment != "" {
		return e, fmt.Errorf("%w: the entry has a comment", ErrNotEncrypted)
	}
	params, found, err := findAESExtra(f.Extra)
	if err != nil {
		return e, err
	}
	if f.Flags&flagEncrypted == 0 {
		if isEmptyDir(f) && !found {
			e.dir = true
			return e, nil
		}
		return e, ErrNotEncrypted
	}
	switch {
	case f.Flags&flagStrong != 0:
		return e, fmt.Errorf("%w: PKWARE strong encryption", ErrUnsupported)
	case f.Method != methodAES:
		return e, ErrZipCrypto
	case !found:
		return e, fmt.Errorf("%w: method 99 without an AES extra field", ErrCorrupt)
	case params.method != zip.Store && params.method != zip.Deflate:
		return e, fmt.Errorf("%w: compression method %d", ErrUnsupported, params.method)
	case f.CompressedSize64 < uint64(params.overhead()):
		return e, fmt.Errorf("%w: payload of %d bytes is too short", ErrCorrupt, f.CompressedSize64)
	}
	e.params = params
	return e, nil
}

func isEmptyDir(f *zip.File) bool {
	n := len(f.Name)
	return n > 0 && f.Name[n-1] == '/' && f.CompressedSize64 == 0 && f.UncompressedSize64 == 0 && f.Method == zip.Store
}

// Local header and data descriptor layout (APPNOTE 4.3.7, 4.3.9).
const (
	localHeaderLen  = 30
	localSig        = 0x04034b50
	descriptorSig   = 0x08074b50
	centralSig      = 0x02014b50
	endSig          = 0x06054b50
	zip64EndSig     = 0x06064b50
	maxDescriptor   = 24
	uint32Saturated = 0xffffffff
)

// walkLocalHeaders follows the entries from the start of the file: each
// local header must sit right after the previous entry and agree with the
// central directory, and the central directory must follow the last one.
func walkLocalHeaders(r io.ReaderAt, size int64, entries []entry) error {
	order := slices.Clone(entries)
	slices.SortStableFunc(order, func(a, b entry) int { return int(min(max(a.start-b.start, -1), 1)) })
	var pos int64
	var hdr [localHeaderLen]byte
	for _, e := range order {
		f := e.f
		fail := func(format string, args ...any) error {
			return fmt.Errorf("aeszip: entry %q at offset %d: %w: %s", f.Name, pos, ErrCorrupt, fmt.Sprintf(format, args...))
		}
		if _, err := r.ReadAt(hdr[:], pos); err != nil {
			return fail("no local header: %v", err)
		}
		if binary.LittleEndian.Uint32(hdr[:]) != localSig {
			return fail("bytes that belong to no entry")
		}
		flags := binary.LittleEndian.Uint16(hdr[6:])
		method := binary.LittleEndian.Uint16(hdr[8:])
		nameLen := int64(binary.LittleEndian.Uint16(hdr[26:]))
		extraLen := int64(binary.LittleEndian.Uint16(hdr[28:]))
		if pos+localHeaderLen+nameLen+extraLen != e.start {
			return fail("local header does not lead to the entry's data")
		}
		if method != f.Method || flags&(flagEncrypted|flagStrong) != f.Flags&(flagEncrypted|flagStrong) {
			if flags&flagEncrypted == 0 {
				return fmt.Errorf("aeszip: entry %q: %w: its local header says so", f.Name, ErrNotEncrypted)
			}
			return fail("local header disagrees with the central directory (method %d, flags %#x)", method, flags)
		}
		if !localSizesAgree(hdr[14:26], f) {
			return fail("local header's CRC-32 or sizes disagree with the central directory")
		}
		varPart := make([]byte, nameLen+extraLen)
		if _, err := r.ReadAt(varPart, pos+localHeaderLen); err != nil {
			return fail("%v", err)
		}
		if string(varPart[:nameLen]) != f.Name {
			return fail("local name %q", varPart[:nameLen])
		}
		p, found, err := findAESExtra(varPart[nameLen:])
		if err != nil {
			return fmt.Errorf("aeszip: entry %q local header: %w", f.Name, err)
		}
		if found == e.dir || (!e.dir && p != e.params) {
			return fail("local AES extra field disagrees with the central directory")
		}
		pos = e.start + int64(f.CompressedSize64)
		if pos > size || pos < e.start {
			return fail("payload beyond the end of the file")
		}
		if f.Flags&flagDescriptor != 0 {
			n, err := descriptorLen(r, pos, f)
			if err != nil {
				return fail("%v", err)
			}
			pos += n
		}
	}
	var sig [4]byte
	if _, err := r.ReadAt(sig[:], pos); err != nil {
		return fmt.Errorf("aeszip: offset %d: %w: %v", pos, ErrCorrupt, err)
	}
	switch binary.LittleEndian.Uint32(sig[:]) {
	case centralSig:
	case endSig, zip64EndSig:
		if len(entries) > 0 {
			return fmt.Errorf("aeszip: offset %d: %w: end record where the directory should be", pos, ErrCorrupt)
		}
	default:
		return fmt.Errorf("aeszip: offset %d: %w: bytes that belong to no entry before the central directory", pos, ErrCorrupt)
	}
	return nil
}

// localSizesAgree reports whether the CRC-32 and sizes of a local header
// (12 bytes) are the central directory's, or zero when a data descriptor
// follows; 0xffffffff stands for a size in a zip64 extra field.
func localSizesAgree(b []byte, f *zip.File) bool {
	crc, csize, usize := binary.LittleEndian.Uint32(b), binary.LittleEndian.Uint32(b[4:]), binary.LittleEndian.Uint32(b[8:])
	if f.Flags&flagDescriptor != 0 && crc == 0 && csize == 0 && usize == 0 {
		return true
	}
	sizeAgrees := func(local uint32, central uint64) bool {
		return uint64(local) == central || local == uint32Saturated && central >= uint32Saturated
	}
	return crc == f.CRC32 && sizeAgrees(csize, f.CompressedSize64) && sizeAgrees(usize, f.UncompressedSize64)
}

// descriptorLen returns the length of the data descriptor at pos and checks
// that it repeats the entry's sizes.
func descriptorLen(r io.ReaderAt, pos int64, f *zip.File) (int64, error) {
	var b [maxDescriptor]byte
	n, err := r.ReadAt(b[:], pos)
	if n < 12 {
		return 0, fmt.Errorf("truncated data descriptor: %v", err)
	}
	d := b[:n]
	var off int64
	if binary.LittleEndian.Uint32(d) == descriptorSig {
		off = 4
	}
	if binary.LittleEndian.Uint32(d[off:]) != f.CRC32 {
		return 0, errors.New("data descriptor's CRC-32 disagrees with the central directory")
	}
	d = d[off+4:]
	zip64 := f.CompressedSize64 >= uint32Saturated || f.UncompressedSize64 >= uint32Saturated
	if !zip64 && len(d) >= 8 && uint64(binary.LittleEndian.Uint32(d)) == f.CompressedSize64 &&
		uint64(binary.LittleEndian.Uint32(d[4:])) == f.UncompressedSize64 {
		return off + 4 + 8, nil
	}
	if len(d) >= 16 && binary.LittleEndian.Uint64(d) == f.CompressedSize64 &&
		binary.LittleEndian.Uint64(d[8:]) == f.UncompressedSize64 {
		return off + 4 + 16, nil
	}
	return 0, errors.New("data descriptor disagrees with the central directory")
}

// Verify opens the archive in r (size bytes) with password and checks it
// completely: the structure as [CheckEncrypted] does, then for each entry
// the password verifier (a mismatch is [ErrWrongPassword], found before
// anything is decrypted), the authentication code over the encrypted bytes
// ([ErrIntegrity]), the inflated size against the header and the limits
// ([ErrTooLarge]), and for AE-1 entries the CRC-32. It returns each entry's
// name, size and SHA-256 in archive order. Nothing is written anywhere.
func Verify(r io.ReaderAt, size int64, password string, limits Limits) ([]EntrySum, error) {
	limits = limits.withDefaults()
	entries, err := open(r, size, limits)
	if err != nil {
		return nil, err
	}
	sums := make([]EntrySum, 0, len(entries))
	var total int64
	bufs := &buffers{}
	for i, e := range entries {
		s := EntrySum{Name: e.f.Name, Dir: e.dir, Modified: e.f.Modified}
		if !e.dir {
			if s, err = verifyEntry(e, password, limits, limits.MaxTotalSize-total, bufs, s); err != nil {
				return nil, fmt.Errorf("aeszip: entry %d %q: %w", i+1, e.f.Name, err)
			}
		}
		total += s.Size
		sums = append(sums, s)
	}
	return sums, nil
}

// buffers are reused from entry to entry.
type buffers struct {
	br   *bufio.Reader
	copy []byte
}

func verifyEntry(e entry, password string, limits Limits, totalLeft int64, bufs *buffers, s EntrySum) (EntrySum, error) {
	f, p := e.f, e.params
	payload := int64(f.CompressedSize64) - p.overhead()
	capacity := min(limits.MaxEntrySize, totalLeft, max(ratioFloor, sat(payload, limits.MaxRatio)))
	if f.UncompressedSize64 > uint64(capacity) {
		return s, fmt.Errorf("%w: declares %d bytes, at most %d", ErrTooLarge, f.UncompressedSize64, capacity)
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return s, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	head := make([]byte, p.saltLen()+verifierLen)
	if _, err := io.ReadFull(raw, head); err != nil {
		return s, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	keys, err := deriveKeys(password, head[:p.saltLen()], p.keyLen())
	if err != nil {
		return s, err
	}
	if subtle.ConstantTimeCompare(keys.verifier[:], head[p.saltLen():]) != 1 {
		return s, ErrWrongPassword
	}
	dec := newDecryptReader(io.LimitReader(raw, payload), keys)
	if bufs.br == nil {
		bufs.br = bufio.NewReaderSize(dec, 64<<10)
		bufs.copy = make([]byte, 256<<10)
	} else {
		bufs.br.Reset(dec)
	}
	var plain io.Reader = bufs.br
	if p.method == zip.Deflate {
		fr := flate.NewReader(bufs.br)
		defer fr.Close()
		plain = fr
	}
	sum := sha256.New()
	crc := crc32.NewIEEE()
	out := &cappedWriter{w: io.MultiWriter(sum, crc), left: capacity}
	n, inflateErr := io.CopyBuffer(out, plain, bufs.copy)
	// Read what the inflater left, so that the code covers every byte.
	trailing := int64(bufs.br.Buffered())
	rest, drainErr := io.Copy(io.Discard, dec)
	trailing += rest
	tag := make([]byte, macLen)
	if _, err := io.ReadFull(raw, tag); err != nil || drainErr != nil {
		return s, fmt.Errorf("%w: %w", ErrCorrupt, errors.Join(err, drainErr))
	}
	if !hmac.Equal(dec.mac.Sum(nil)[:macLen], tag) {
		return s, ErrIntegrity
	}
	switch {
	case errors.Is(inflateErr, ErrTooLarge):
		return s, inflateErr
	case inflateErr != nil:
		return s, fmt.Errorf("%w: %w", ErrCorrupt, inflateErr)
	case trailing > 0:
		return s, fmt.Errorf("%w: %d bytes after the compressed data", ErrCorrupt, trailing)
	case uint64(n) != f.UncompressedSize64:
		return s, fmt.Errorf("%w: %d bytes, the header says %d", ErrCorrupt, n, f.UncompressedSize64)
	case p.vendorVersion == vendorAE1 && crc.Sum32() != f.CRC32:
		return s, fmt.Errorf("%w: CRC-32 mismatch", ErrIntegrity)
	}
	s.Size = n
	sum.Sum(s.SHA256[:0])
	return s, nil
}

// sat returns a*b, saturated at the largest int64, for a, b >= 0.
func sat(a, b int64) int64 {
	if a > 0 && b > (1<<63-1)/a {
		return 1<<63 - 1
	}
	return a * b
}

// cappedWriter writes to w and fails with ErrTooLarge beyond left bytes.
type cappedWriter struct {
	w    io.Writer
	left int64
}

func (c *cappedWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > c.left {
		return 0, fmt.Errorf("%w: inflates beyond the limit", ErrTooLarge)
	}
	c.left -= int64(len(p))
	return c.w.Write(p)
}
