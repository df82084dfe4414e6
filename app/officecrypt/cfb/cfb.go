// Package cfb reads and writes the Compound File Binary format ([MS-CFB]), the
// "OLE" container in which Office stores a password-encrypted OOXML package.
//
// # Reading
//
// [Open] reads a compound file that came from elsewhere and so is treated as
// hostile: every sector number is checked against the file's size, every chain
// is walked with loop detection and cut at the length its stream needs, every
// size is checked before anything is allocated for it, and a sibling tree that
// loops is refused. What [Open] reads into memory is the FAT (the file's size
// divided by 128), the mini FAT and the directory; streams are read on demand
// through [Stream], an [io.ReaderAt].
//
// # Writing
//
// [Write] writes a version 3 file (512-byte sectors) in one pass to an
// [io.Writer]: header, the large streams, the mini stream, the mini FAT, the
// directory (each storage's children as a red-black tree), the FAT and, for
// files of more than about 7 MB, DIFAT sectors. The layout is computed from the
// streams' sizes first, so a stream's content may be produced while it is
// written and may depend on what was written before it.
//
// [MS-CFB]: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-cfb/
package cfb

import (
	"errors"
	"unicode"
	"unicode/utf16"
)

// Errors returned by [Open] and [Stream.ReadAt], wrapped with details.
var (
	// ErrNotCFB means the data does not start with a compound file header.
	ErrNotCFB = errors.New("cfb: not a compound file")
	// ErrCorrupt means the data claims to be a compound file but breaks its
	// rules (a sector out of range, a chain that loops, a size that lies …).
	ErrCorrupt = errors.New("cfb: corrupt compound file")
	// ErrNotExist means the compound file has no stream by that path.
	ErrNotExist = errors.New("cfb: no such stream")
)

// Special sector numbers.
const (
	maxRegSect = 0xFFFFFFFA
	difSect    = 0xFFFFFFFC
	fatSect    = 0xFFFFFFFD
	endOfChain = 0xFFFFFFFE
	freeSect   = 0xFFFFFFFF
	noStream   = 0xFFFFFFFF
)

// Directory entry object types.
const (
	typeUnused  = 0
	typeStorage = 1
	typeStream  = 2
	typeRoot    = 5
)

const (
	headerSize       = 512
	dirEntrySize     = 128
	miniSectorSize   = 64
	miniStreamCutoff = 4096
	headerDIFAT      = 109 // FAT sector numbers held in the header itself
	maxNameUnits     = 31  // UTF-16 code units, without the terminating NUL
)

// MiniStreamCutoff is the size from which a stream is stored in regular
// sectors; smaller streams live in the mini stream.
const MiniStreamCutoff = miniStreamCutoff

var signature = [8]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// HasSignature reports whether b starts with the compound file signature.
func HasSignature(b []byte) bool {
	return len(b) >= len(signature) && [8]byte(b[:8]) == signature
}

// compareNames orders sibling names as [MS-CFB] 2.6.4 says: shorter names
// first, names of equal length by their upper-case UTF-16 code units.
func compareNames(a, b []uint16) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	for i := range a {
		x, y := upper(a[i]), upper(b[i])
		if x != y {
			return int(x) - int(y)
		}
	}
	return 0
}

func upper(u uint16) uint16 {
	if utf16.IsSurrogate(rune(u)) {
		return u
	}
	r := unicode.ToUpper(rune(u))
	if r > 0xFFFF {
		return u
	}
	return uint16(r)
}

// equalFold reports whether two names are the same name for a compound file.
func equalFold(a, b []uint16) bool { return compareNames(a, b) == 0 }
