package cfb

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"
)

// maxDirEntries bounds the directory: an encrypted Office package has a dozen
// entries, and real documents a few thousand at most.
const maxDirEntries = 1 << 16

// Reader is an opened compound file.
type Reader struct {
	r          io.ReaderAt
	size       int64
	sectorSize int64
	nSectors   uint32 // sectors in the file after the header
	fat        []uint32
	miniFAT    []uint32
	dir        []dirEntry
	mini       *Stream // the mini stream; nil when the file has none
}

type dirEntry struct {
	name               []uint16
	typ                byte
	left, right, child uint32
	start              uint32
	size               int64
}

func corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))
}

// Open reads the header, FAT, mini FAT and directory of the compound file of
// size bytes in r. It returns an error wrapping [ErrNotCFB] when the data is
// not a compound file and [ErrCorrupt] when it is a broken one.
func Open(r io.ReaderAt, size int64) (*Reader, error) {
	if size < headerSize {
		return nil, ErrNotCFB
	}
	var h [headerSize]byte
	if err := readFull(r, h[:], 0); err != nil {
		return nil, err
	}
	if !HasSignature(h[:]) {
		return nil, ErrNotCFB
	}
	le := binary.LittleEndian
	major, shift := le.Uint16(h[26:]), le.Uint16(h[30:])
	switch {
	case major == 3 && shift == 9, major == 4 && shift == 12:
	default:
		return nil, corrupt("version %d with sector shift %d", major, shift)
	}
	if le.Uint16(h[28:]) != 0xFFFE {
		return nil, corrupt("byte order mark %#x", le.Uint16(h[28:]))
	}
	if le.Uint16(h[32:]) != 6 {
		return nil, corrupt("mini sector shift %d", le.Uint16(h[32:]))
	}
	if le.Uint32(h[56:]) != miniStreamCutoff {
		return nil, corrupt("mini stream cutoff %d", le.Uint32(h[56:]))
	}
	c := &Reader{r: r, size: size, sectorSize: 1 << shift}
	// The header takes the first sector; a last sector may be cut short.
	n := (size - 1) / c.sectorSize
	if n > maxRegSect {
		n = maxRegSect
	}
	if n == 0 {
		return nil, corrupt("no sectors after the header")
	}
	c.nSectors = uint32(n)

	if err := c.readFAT(h[:]); err != nil {
		return nil, err
	}
	if err := c.readDir(le.Uint32(h[48:])); err != nil {
		return nil, err
	}
	if err := c.readMini(le.Uint32(h[60:]), le.Uint32(h[64:])); err != nil {
		return nil, err
	}
	return c, nil
}

func readFull(r io.ReaderAt, p []byte, off int64) error {
	n, err := r.ReadAt(p, off)
	if n == len(p) {
		return nil
	}
	if err == nil || errors.Is(err, io.EOF) {
		return corrupt("%d bytes at offset %d are past the end", len(p), off)
	}
	return err
}

func (c *Reader) sectorOffset(s uint32) int64 { return (int64(s) + 1) * c.sectorSize }

// readSector reads sector s, which must be in the file, into p.
func (c *Reader) readSector(p []byte, s uint32) error {
	if s >= c.nSectors {
		return corrupt("sector %d of %d", s, c.nSectors)
	}
	return readFull(c.r, p, c.sectorOffset(s))
}

func (c *Reader) readFAT(h []byte) error {
	le := binary.LittleEndian
	nFAT := le.Uint32(h[44:])
	if nFAT == 0 || nFAT > c.nSectors {
		return corrupt("%d FAT sectors in a file of %d sectors", nFAT, c.nSectors)
	}
	locs := make([]uint32, 0, nFAT)
	for i := 0; i < headerDIFAT && uint32(len(locs)) < nFAT; i++ {
		locs = append(locs, le.Uint32(h[76+4*i:]))
	}
	perDIFAT := int(c.sectorSize/4) - 1
	next, nDIFAT := le.Uint32(h[68:]), le.Uint32(h[72:])
	seen := newBitset(c.nSectors)
	buf := make([]byte, c.sectorSize)
	for read := uint32(0); uint32(len(locs)) < nFAT; read++ {
		if read >= nDIFAT || next >= c.nSectors || seen.testAndSet(next) {
			return corrupt("DIFAT chain: sector %d after %d of %d sectors", next, read, nDIFAT)
		}
		if err := c.readSector(buf, next); err != nil {
			return err
		}
		for i := 0; i < perDIFAT && uint32(len(locs)) < nFAT; i++ {
			locs = append(locs, le.Uint32(buf[4*i:]))
		}
		next = le.Uint32(buf[4*perDIFAT:])
	}
	per := int(c.sectorSize / 4)
	c.fat = make([]uint32, 0, int(nFAT)*per)
	seen = newBitset(c.nSectors)
	for _, s := range locs {
		if s >= c.nSectors || seen.testAndSet(s) {
			return corrupt("FAT sector %d", s)
		}
		if err := c.readSector(buf, s); err != nil {
			return err
		}
		for i := 0; i < per; i++ {
			c.fat = append(c.fat, le.Uint32(buf[4*i:]))
		}
	}
	return nil
}

// chain follows the FAT from start. With want ≥ 0 it returns exactly want
// sectors (the chain may go on; what follows is never read); with want < 0 it
// follows the chain to its end. A sector out of range, a sector met twice, or
// a chain that ends early is corruption.
func (c *Reader) chain(start uint32, want int64, what string) ([]uint32, error) {
	limit := int64(c.nSectors)
	if want > limit {
		return nil, corrupt("%s needs %d sectors, the file has %d", what, want, limit)
	}
	var out []uint32
	if want >= 0 {
		out = make([]uint32, 0, want)
	}
	seen := newBitset(c.nSectors)
	for s := start; want < 0 || int64(len(out)) < want; {
		if s == endOfChain && want < 0 {
			break
		}
		if s >= c.nSectors || s >= uint32(len(c.fat)) || seen.testAndSet(s) {
			return nil, corrupt("%s: sector %#x after %d sectors", what, s, len(out))
		}
		out = append(out, s)
		s = c.fat[s]
	}
	return out, nil
}

func (c *Reader) readDir(start uint32) error {
	sectors, err := c.chain(start, -1, "directory")
	if err != nil {
		return err
	}
	per := int(c.sectorSize / dirEntrySize)
	if len(sectors) == 0 || len(sectors)*per > maxDirEntries {
		return corrupt("directory of %d sectors", len(sectors))
	}
	buf := make([]byte, c.sectorSize)
	le := binary.LittleEndian
	for _, s := range sectors {
		if err := c.readSector(buf, s); err != nil {
			return err
		}
		for i := 0; i < per; i++ {
			e := buf[i*dirEntrySize : (i+1)*dirEntrySize]
			d := dirEntry{
				typ:   e[66],
				left:  le.Uint32(e[68:]),
				right: le.Uint32(e[72:]),
				child: le.Uint32(e[76:]),
				start: le.Uint32(e[116:]),
				size:  int64(le.Uint64(e[120:])),
			}
			if c.sectorSize == 512 {
				// [MS-CFB] 2.6.3: old writers left the high half
				// uninitialised in version 3 files; ignore it.
				d.size &= 0xFFFFFFFF
			}
			if d.size < 0 {
				return corrupt("directory entry %d: size %d", len(c.dir), d.size)
			}
			nameLen := int(le.Uint16(e[64:]))
			if d.typ != typeUnused {
				if nameLen < 2 || nameLen > 64 || nameLen%2 != 0 {
					return corrupt("directory entry %d: name length %d", len(c.dir), nameLen)
				}
				d.name = make([]uint16, nameLen/2-1)
				for j := range d.name {
					d.name[j] = le.Uint16(e[2*j:])
				}
			}
			c.dir = append(c.dir, d)
		}
	}
	if c.dir[0].typ != typeRoot {
		return corrupt("the first directory entry is of type %d, not the root", c.dir[0].typ)
	}
	return nil
}

func (c *Reader) readMini(start, count uint32) error {
	root := c.dir[0]
	if root.size == 0 {
		return nil
	}
	if root.size > int64(c.nSectors)*c.sectorSize {
		return corrupt("mini stream of %d bytes", root.size)
	}
	sectors, err := c.chain(root.start, ceilDiv(root.size, c.sectorSize), "mini stream")
	if err != nil {
		return err
	}
	c.mini = &Stream{c: c, size: root.size, sectors: sectors, sectorSize: c.sectorSize}
	nMini := root.size / miniSectorSize
	want := ceilDiv(nMini*4, c.sectorSize)
	if int64(count) < want {
		return corrupt("%d mini FAT sectors for %d mini sectors", count, nMini)
	}
	mf, err := c.chain(start, want, "mini FAT")
	if err != nil {
		return err
	}
	buf := make([]byte, c.sectorSize)
	c.miniFAT = make([]uint32, 0, want*c.sectorSize/4)
	for _, s := range mf {
		if err := c.readSector(buf, s); err != nil {
			return err
		}
		for i := int64(0); i < c.sectorSize/4; i++ {
			c.miniFAT = append(c.miniFAT, binary.LittleEndian.Uint32(buf[4*i:]))
		}
	}
	c.miniFAT = c.miniFAT[:nMini]
	return nil
}

// miniChain follows the mini FAT for exactly want mini sectors.
func (c *Reader) miniChain(start uint32, want int64, what string) ([]uint32, error) {
	n := uint32(len(c.miniFAT))
	if want > int64(n) {
		return nil, corrupt("%s needs %d mini sectors, the mini stream has %d", what, want, n)
	}
	out := make([]uint32, 0, want)
	seen := newBitset(n)
	for s := start; int64(len(out)) < want; s = c.miniFAT[s] {
		if s >= n || seen.testAndSet(s) {
			return nil, corrupt("%s: mini sector %#x after %d", what, s, len(out))
		}
		out = append(out, s)
	}
	return out, nil
}

// find returns the child of storage parent named name, walking the sibling
// tree in full (a sloppy writer's tree may be unsorted) and refusing loops.
func (c *Reader) find(parent uint32, name []uint16) (uint32, error) {
	seen := newBitset(uint32(len(c.dir)))
	stack := []uint32{c.dir[parent].child}
	found := uint32(noStream)
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if id == noStream {
			continue
		}
		if id >= uint32(len(c.dir)) || id == 0 || seen.testAndSet(id) {
			return 0, corrupt("directory tree: entry %d", id)
		}
		d := c.dir[id]
		if d.typ == typeUnused || d.typ == typeRoot {
			return 0, corrupt("directory tree: entry %d of type %d", id, d.typ)
		}
		if found == noStream && equalFold(d.name, name) {
			found = id
		}
		stack = append(stack, d.left, d.right)
	}
	if found == noStream {
		return 0, ErrNotExist
	}
	return found, nil
}

// Open returns the stream at path: the names of the storages from the root
// down, then the stream's own name. Names compare as [MS-CFB] says, without
// regard to case. It returns [ErrNotExist] when there is no such stream.
func (c *Reader) Open(path ...string) (*Stream, error) {
	if len(path) == 0 {
		return nil, ErrNotExist
	}
	id := uint32(0)
	for i, name := range path {
		next, err := c.find(id, utf16.Encode([]rune(name)))
		if err != nil {
			return nil, err
		}
		want := byte(typeStorage)
		if i == len(path)-1 {
			want = typeStream
		}
		if c.dir[next].typ != want {
			return nil, ErrNotExist
		}
		id = next
	}
	d := c.dir[id]
	if d.size < miniStreamCutoff {
		if d.size > 0 && c.mini == nil {
			return nil, corrupt("stream %q in a mini stream that is not there", path[len(path)-1])
		}
		secs, err := c.miniChain(d.start, ceilDiv(d.size, miniSectorSize), path[len(path)-1])
		if err != nil {
			return nil, err
		}
		return &Stream{c: c, size: d.size, sectors: secs, sectorSize: miniSectorSize, in: c.mini}, nil
	}
	secs, err := c.chain(d.start, ceilDiv(d.size, c.sectorSize), path[len(path)-1])
	if err != nil {
		return nil, err
	}
	return &Stream{c: c, size: d.size, sectors: secs, sectorSize: c.sectorSize}, nil
}

// Stream is one stream of a compound file. It implements [io.ReaderAt].
type Stream struct {
	c          *Reader
	size       int64
	sectors    []uint32
	sectorSize int64
	in         *Stream // the mini stream for a small stream; nil: the file
}

// Size returns the stream's length in bytes.
func (s *Stream) Size() int64 { return s.size }

// ReadAt implements [io.ReaderAt]. Sectors that follow each other in the file
// are read with one call to the underlying reader.
func (s *Stream) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("cfb: negative offset")
	}
	if off >= s.size {
		return 0, io.EOF
	}
	var err error
	if rest := s.size - off; int64(len(p)) > rest {
		p, err = p[:rest], io.EOF
	}
	n := 0
	for n < len(p) {
		i := off / s.sectorSize
		within := off % s.sectorSize
		run := int64(1)
		for i+run < int64(len(s.sectors)) && s.sectors[i+run] == s.sectors[i]+uint32(run) &&
			run*s.sectorSize-within < int64(len(p)-n) {
			run++
		}
		chunk := min(int64(len(p)-n), run*s.sectorSize-within)
		pos := int64(s.sectors[i])*s.sectorSize + within
		var e error
		if s.in != nil {
			_, e = s.in.ReadAt(p[n:n+int(chunk)], pos)
			if errors.Is(e, io.EOF) {
				e = corrupt("mini sector %d past the mini stream", s.sectors[i])
			}
		} else {
			e = readFull(s.c.r, p[n:n+int(chunk)], pos+s.sectorSize)
		}
		if e != nil {
			return n, e
		}
		n += int(chunk)
		off += chunk
	}
	return n, err
}

func ceilDiv(a, b int64) int64 { return (a + b - 1) / b }

type bitset []uint64

func newBitset(n uint32) bitset { return make(bitset, (uint64(n)+63)/64) }

// testAndSet sets bit i and reports whether it was set before.
func (b bitset) testAndSet(i uint32) bool {
	w, m := i/64, uint64(1)<<(i%64)
	was := b[w]&m != 0
	b[w] |= m
	return was
}
