package sendfile

import (
	"bytes"
	"errors"
	"io"
	"os"
)

// The plaintext check: windows of window bytes are taken from the input at
// evenly spaced offsets (at most perInput of them per input, with its first
// and last), and every window of the output is looked up among them with a
// rolling hash and a bit table in front of the exact comparison, so that
// the scan costs a few nanoseconds per byte of output.
const (
	window   = 32
	perInput = 4096
	// base is the rolling hash's multiplier (odd, arithmetic mod 2^64).
	base = 0x100000001b3
	// tableBits sizes the bit table: 2^22 bits, 512 KiB.
	tableBits = 22
)

// basePow is base^window, to take the oldest byte out of the hash.
var basePow = func() uint64 {
	p := uint64(1)
	for range window {
		p *= base
	}
	return p
}()

// sample is a set of input windows to look for.
type sample struct {
	table   []uint64
	windows map[uint64][][window]byte
	// noZipStart asks that the output not start with a ZIP local header.
	noZipStart bool
}

func newSample() *sample {
	return &sample{table: make([]uint64, 1<<tableBits/64), windows: map[uint64][][window]byte{}}
}

func hashOf(b []byte) uint64 {
	var h uint64
	for _, c := range b {
		h = h*base + uint64(c)
	}
	return h
}

func slot(h uint64) uint64 { return (h * 0x9e3779b97f4a7c15) >> (64 - tableBits) }

// boring reports a window that ordinary file structure may hold by chance
// (padding, runs, fill): fewer than 8 different bytes.
func boring(w []byte) bool {
	var seen [256]bool
	n := 0
	for _, c := range w {
		if !seen[c] {
			seen[c] = true
			n++
		}
	}
	return n < 8
}

// add adds one window unless it is boring.
func (s *sample) add(w []byte) {
	if len(w) != window || boring(w) {
		return
	}
	h := hashOf(w)
	i := slot(h)
	s.table[i/64] |= 1 << (i % 64)
	var a [window]byte
	copy(a[:], w)
	s.windows[h] = append(s.windows[h], a)
}

// addReaderAt samples size bytes of r.
func (s *sample) addReaderAt(r io.ReaderAt, size int64) error {
	return s.addReaderAtN(r, size, perInput)
}

// addSpread samples b with at most n windows.
func (s *sample) addSpread(b []byte, n int) {
	_ = s.addReaderAtN(bytes.NewReader(b), int64(len(b)), n)
}

// addReaderAtN samples size bytes of r with at most n windows (at least
// the first and the last).
func (s *sample) addReaderAtN(r io.ReaderAt, size int64, maxN int) error {
	if size < window {
		return nil
	}
	n := int64(max(maxN, 2))
	if span := size - window + 1; span < n {
		n = span
	}
	buf := make([]byte, window)
	for k := range n {
		off := int64(0)
		if n > 1 {
			off = k * (size - window) / (n - 1)
		}
		if _, err := r.ReadAt(buf, off); err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		s.add(buf)
	}
	return nil
}

// addFile samples the file at path.
func (s *sample) addFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	return s.addReaderAt(f, fi.Size())
}

// addBytes samples b.
func (s *sample) addBytes(b []byte) error {
	return s.addReaderAt(bytes.NewReader(b), int64(len(b)))
}

// scan reports whether any window of r is one of the sample's.
func (s *sample) scan(r io.Reader) (bool, error) {
	if len(s.windows) == 0 {
		return false, nil
	}
	buf := make([]byte, 1<<20+window-1)
	carry := 0
	for {
		n, err := io.ReadFull(r, buf[carry:])
		data := buf[:carry+n]
		if len(data) >= window {
			h := hashOf(data[:window])
			for i := 0; ; i++ {
				if i > 0 {
					h = h*base + uint64(data[i+window-1]) - uint64(data[i-1])*basePow
				}
				if j := slot(h); s.table[j/64]&(1<<(j%64)) != 0 && s.match(h, data[i:i+window]) {
					return true, nil
				}
				if i+window >= len(data) {
					break
				}
			}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		carry = min(window-1, len(data))
		copy(buf, data[len(data)-carry:])
	}
}

func (s *sample) match(h uint64, w []byte) bool {
	for _, c := range s.windows[h] {
		if bytes.Equal(c[:], w) {
			return true
		}
	}
	return false
}
