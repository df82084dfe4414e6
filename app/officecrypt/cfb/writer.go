package cfb

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf16"
)

const (
	sectorSize = 512 // version 3
	perSector  = sectorSize / 4
	perDIFAT   = perSector - 1
	// MaxStreamSize is the largest stream [Write] accepts: a version 3
	// compound file holds streams of at most 2 GB.
	MaxStreamSize = 1 << 31
)

// WriteStream is one stream for [Write].
type WriteStream struct {
	// Path names the storages from the root down, then the stream. Storages
	// are created as needed. A name has at most 31 UTF-16 code units and no
	// '/', '\', ':' or '!'.
	Path []string
	// Size is the stream's exact length in bytes.
	Size int64
	// Write writes the stream's content: exactly Size bytes.
	Write func(w io.Writer) error
}

// node is a storage or stream being written.
type node struct {
	name     []uint16
	typ      byte
	id       uint32
	children []*node
	stream   *WriteStream
	start    uint32 // first (mini) sector
	size     int64  // the root's: the mini stream's size
	left     uint32
	right    uint32
	child    uint32
	red      bool
}

// run is a chain of consecutive sectors in the FAT.
type run struct{ start, n uint32 }

// Write writes a compound file holding streams to w. It calls the Write
// functions of the streams of [MiniStreamCutoff] bytes or more first, in the
// order given, then those of the smaller streams, in the order given; so a
// small stream may describe a large one that was written before it.
func Write(w io.Writer, streams []WriteStream) error {
	root := &node{name: utf16.Encode([]rune("Root Entry")), typ: typeRoot}
	var large, small []*node
	for i := range streams {
		st := &streams[i]
		if st.Size < 0 || st.Size > MaxStreamSize {
			return fmt.Errorf("cfb: stream %q: size %d", strings.Join(st.Path, "/"), st.Size)
		}
		n, err := root.add(st)
		if err != nil {
			return err
		}
		if st.Size >= miniStreamCutoff {
			large = append(large, n)
		} else {
			small = append(small, n)
		}
	}
	var all []*node
	root.number(&all)
	root.tree()

	// Mini stream: the small streams one after another in 64-byte sectors.
	var miniRuns []run
	var nMini uint32
	for _, n := range small {
		k := uint32(ceilDiv(n.stream.Size, miniSectorSize))
		n.start = endOfChain
		if k > 0 {
			n.start = nMini
			miniRuns = append(miniRuns, run{nMini, k})
		}
		nMini += k
	}
	miniBytes := int64(nMini) * miniSectorSize

	// Regular sectors: large streams, mini stream, mini FAT, directory,
	// then FAT and DIFAT, whose number depends on the total.
	var runs []run
	var next uint32
	alloc := func(bytes int64) uint32 {
		k := uint32(ceilDiv(bytes, sectorSize))
		if k == 0 {
			return endOfChain
		}
		start := next
		runs = append(runs, run{start, k})
		next += k
		return start
	}
	for _, n := range large {
		n.start = alloc(n.stream.Size)
	}
	miniStart := alloc(miniBytes)
	miniFATStart := alloc(int64(nMini) * 4)
	nMiniFAT := uint32(ceilDiv(int64(nMini)*4, sectorSize))
	dirStart := alloc(int64(len(all)) * dirEntrySize)
	nFAT, nDIFAT := uint32(0), uint32(0)
	for {
		total := next + nFAT + nDIFAT
		f := uint32(ceilDiv(int64(total), perSector))
		d := uint32(0)
		if f > headerDIFAT {
			d = uint32(ceilDiv(int64(f-headerDIFAT), perDIFAT))
		}
		if f == nFAT && d == nDIFAT {
			break
		}
		nFAT, nDIFAT = f, d
	}
	fatStart := next
	difatStart := fatStart + nFAT
	total := difatStart + nDIFAT
	if total >= maxRegSect {
		return errors.New("cfb: file too large")
	}
	root.start, root.size = miniStart, miniBytes

	bw := bufio.NewWriterSize(w, 64<<10)
	le := binary.LittleEndian
	buf := make([]byte, sectorSize)

	// Header.
	copy(buf, signature[:])
	le.PutUint16(buf[24:], 0x003E)
	le.PutUint16(buf[26:], 3)
	le.PutUint16(buf[28:], 0xFFFE)
	le.PutUint16(buf[30:], 9)
	le.PutUint16(buf[32:], 6)
	le.PutUint32(buf[44:], nFAT)
	le.PutUint32(buf[48:], dirStart)
	le.PutUint32(buf[56:], miniStreamCutoff)
	le.PutUint32(buf[60:], orEnd(miniFATStart, nMiniFAT))
	le.PutUint32(buf[64:], nMiniFAT)
	le.PutUint32(buf[68:], orEnd(difatStart, nDIFAT))
	le.PutUint32(buf[72:], nDIFAT)
	for i := uint32(0); i < headerDIFAT; i++ {
		v := uint32(freeSect)
		if i < nFAT {
			v = fatStart + i
		}
		le.PutUint32(buf[76+4*i:], v)
	}
	if _, err := bw.Write(buf); err != nil {
		return err
	}

	// Streams.
	for _, n := range large {
		if err := writeContent(bw, n.stream, sectorSize); err != nil {
			return err
		}
	}
	for _, n := range small {
		if err := writeContent(bw, n.stream, miniSectorSize); err != nil {
			return err
		}
	}
	if err := pad(bw, miniBytes, sectorSize); err != nil {
		return err
	}

	// Mini FAT, directory, FAT, DIFAT.
	if err := writeTable(bw, miniRuns, nMini, nMiniFAT*perSector, nil); err != nil {
		return err
	}
	for _, n := range all {
		if _, err := bw.Write(n.entry()); err != nil {
			return err
		}
	}
	for i := len(all); i%(sectorSize/dirEntrySize) != 0; i++ {
		if _, err := bw.Write(unusedEntry()); err != nil {
			return err
		}
	}
	special := func(s uint32) (uint32, bool) {
		switch {
		case s >= fatStart && s < difatStart:
			return fatSect, true
		case s >= difatStart && s < total:
			return difSect, true
		}
		return 0, false
	}
	if err := writeTable(bw, runs, total, nFAT*perSector, special); err != nil {
		return err
	}
	for d := uint32(0); d < nDIFAT; d++ {
		for i := uint32(0); i < perDIFAT; i++ {
			v := uint32(freeSect)
			if k := headerDIFAT + d*perDIFAT + i; k < nFAT {
				v = fatStart + k
			}
			le.PutUint32(buf[4*i:], v)
		}
		nextDIFAT := uint32(endOfChain)
		if d+1 < nDIFAT {
			nextDIFAT = difatStart + d + 1
		}
		le.PutUint32(buf[4*perDIFAT:], nextDIFAT)
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func orEnd(start, n uint32) uint32 {
	if n == 0 {
		return endOfChain
	}
	return start
}

// writeTable writes a FAT or mini FAT of size entries: the chains in runs
// (sorted, consecutive sectors each), special's values, and free entries.
func writeTable(w io.Writer, runs []run, used, size uint32, special func(uint32) (uint32, bool)) error {
	var b [4]byte
	r := 0
	for s := uint32(0); s < size; s++ {
		v := uint32(freeSect)
		for r < len(runs) && s >= runs[r].start+runs[r].n {
			r++
		}
		if r < len(runs) && s >= runs[r].start {
			v = s + 1
			if s == runs[r].start+runs[r].n-1 {
				v = endOfChain
			}
		} else if special != nil && s < used {
			if x, ok := special(s); ok {
				v = x
			}
		}
		binary.LittleEndian.PutUint32(b[:], v)
		if _, err := w.Write(b[:]); err != nil {
			return err
		}
	}
	return nil
}

// counter counts what passes through it to w.
type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func writeContent(w io.Writer, st *WriteStream, unit int64) error {
	c := &counter{w: w}
	if st.Write != nil {
		if err := st.Write(c); err != nil {
			return err
		}
	}
	if c.n != st.Size {
		return fmt.Errorf("cfb: stream %q: wrote %d bytes, want %d", strings.Join(st.Path, "/"), c.n, st.Size)
	}
	return pad(w, c.n, unit)
}

var zeros [sectorSize]byte

// pad writes zeros after n bytes up to the next multiple of unit.
func pad(w io.Writer, n, unit int64) error {
	if r := n % unit; r != 0 {
		_, err := w.Write(zeros[:unit-r])
		return err
	}
	return nil
}

func checkName(name string) ([]uint16, error) {
	u := utf16.Encode([]rune(name))
	if len(u) == 0 || len(u) > maxNameUnits || strings.ContainsAny(name, "/\\:!") {
		return nil, fmt.Errorf("cfb: bad name %q", name)
	}
	return u, nil
}

// add creates the storages on st's path and the stream node.
func (root *node) add(st *WriteStream) (*node, error) {
	if len(st.Path) == 0 {
		return nil, errors.New("cfb: stream without a name")
	}
	parent := root
	for i, name := range st.Path {
		u, err := checkName(name)
		if err != nil {
			return nil, err
		}
		var found *node
		for _, c := range parent.children {
			if equalFold(c.name, u) {
				found = c
			}
		}
		last := i == len(st.Path)-1
		switch {
		case found != nil && (last || found.typ != typeStorage):
			return nil, fmt.Errorf("cfb: %q is there twice", strings.Join(st.Path[:i+1], "/"))
		case found != nil:
			parent = found
		case last:
			n := &node{name: u, typ: typeStream, stream: st}
			parent.children = append(parent.children, n)
			return n, nil
		default:
			n := &node{name: u, typ: typeStorage}
			parent.children = append(parent.children, n)
			parent = n
		}
	}
	panic("unreachable")
}

// number gives every node its directory index, the root first.
func (n *node) number(all *[]*node) {
	n.id = uint32(len(*all))
	*all = append(*all, n)
	for _, c := range n.children {
		c.number(all)
	}
}

// tree arranges n's children as a balanced binary search tree, coloured as a
// red-black tree: every node black but those on the deepest level of a tree
// whose deepest level is not full, which are red. Every path from the root to
// a leaf then passes the same number of black nodes, and no red node has a
// red child.
func (n *node) tree() {
	n.child, n.left, n.right = noStream, noStream, noStream
	if n.typ == typeStream {
		return
	}
	kids := slices.Clone(n.children)
	slices.SortFunc(kids, func(a, b *node) int { return compareNames(a.name, b.name) })
	depth := 0
	for (1<<(depth+1))-1 < len(kids) {
		depth++
	}
	full := len(kids) == (1<<(depth+1))-1
	var build func(lo, hi, level int) uint32
	build = func(lo, hi, level int) uint32 {
		if lo >= hi {
			return noStream
		}
		mid := (lo + hi) / 2
		k := kids[mid]
		k.left = build(lo, mid, level+1)
		k.right = build(mid+1, hi, level+1)
		k.red = level == depth && depth > 0 && !full
		return k.id
	}
	// Set the children's own subtrees first; build then sets their siblings.
	for _, k := range kids {
		k.tree()
	}
	n.child = build(0, len(kids), 0)
}

// entry encodes n as a 128-byte directory entry.
func (n *node) entry() []byte {
	e := make([]byte, dirEntrySize)
	le := binary.LittleEndian
	for i, u := range n.name {
		le.PutUint16(e[2*i:], u)
	}
	le.PutUint16(e[64:], uint16(2*(len(n.name)+1)))
	e[66] = n.typ
	e[67] = 1 // black
	if n.red {
		e[67] = 0
	}
	le.PutUint32(e[68:], n.left)
	le.PutUint32(e[72:], n.right)
	le.PutUint32(e[76:], n.child)
	switch n.typ {
	case typeStream:
		le.PutUint32(e[116:], n.start)
		le.PutUint64(e[120:], uint64(n.stream.Size))
	case typeRoot:
		le.PutUint32(e[116:], n.start)
		le.PutUint64(e[120:], uint64(n.size))
	}
	return e
}

// unusedEntry is a free directory entry: zeros but for the three links.
func unusedEntry() []byte {
	e := make([]byte, dirEntrySize)
	for _, off := range []int{68, 72, 76} {
		binary.LittleEndian.PutUint32(e[off:], noStream)
	}
	return e
}
