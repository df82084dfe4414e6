package strength

import (
	"bytes"
	"hash/maphash"
)

// wordTable is the merged dictionaries as one open-addressing hash table
// that holds no pointers: the words' bytes in one array, the slots as
// plain numbers. A Go map of a quarter of a million strings made the
// garbage collector scan all of them in every cycle, a sixth of the
// scorer's time; this table it skips.
type wordTable struct {
	text  []byte
	slots []wordSlot
	dicts []dictMeta // what a slot's dict number names
	count int
	seed  maphash.Seed
}

// wordSlot is one word: where its bytes are, its rank and its dictionary.
// n is 0 for an empty slot.
type wordSlot struct {
	off  uint32
	rank uint32
	n    uint8
	dict uint16
}

// dictMeta is the name and kind of a dictionary.
type dictMeta struct {
	name string
	kind Kind
}

func newWordTable(size int) *wordTable {
	slots := 1024
	for slots < size*2 {
		slots *= 2
	}
	return &wordTable{slots: make([]wordSlot, slots), seed: maphash.MakeSeed()}
}

// find returns the slot of word, or of the empty slot where it would go.
func (t *wordTable) find(word []byte) *wordSlot {
	mask := uint64(len(t.slots) - 1)
	for k := maphash.Bytes(t.seed, word) & mask; ; k = (k + 1) & mask {
		s := &t.slots[k]
		if s.n == 0 || (int(s.n) == len(word) && bytes.Equal(t.text[s.off:s.off+uint32(s.n)], word)) {
			return s
		}
	}
}

// get returns the entry of word.
func (t *wordTable) get(word []byte) (entry, bool) {
	if t == nil || len(word) == 0 || len(word) > 255 {
		return entry{}, false
	}
	s := t.find(word)
	if s.n == 0 {
		return entry{}, false
	}
	m := t.dicts[s.dict]
	return entry{rank: int(s.rank), kind: m.kind, name: m.name}, true
}

// put keeps word with rank in dictionary dict unless it is there with a
// better rank; it reports whether the word is new. Words longer than 255
// bytes are not kept.
func (t *wordTable) put(word string, rank int, dict int) bool {
	if len(word) == 0 || len(word) > 255 {
		return false
	}
	if (t.count+1)*10 > len(t.slots)*7 {
		t.grow()
	}
	s := t.find([]byte(word))
	if s.n != 0 {
		if int(s.rank) > rank {
			s.rank, s.dict = uint32(rank), uint16(dict)
		}
		return false
	}
	*s = wordSlot{off: uint32(len(t.text)), rank: uint32(rank), n: uint8(len(word)), dict: uint16(dict)}
	t.text = append(t.text, word...)
	t.count++
	return true
}

func (t *wordTable) grow() {
	old := t.slots
	t.slots = make([]wordSlot, 2*len(old))
	for _, s := range old {
		if s.n != 0 {
			*t.find(t.text[s.off : s.off+uint32(s.n)]) = s
		}
	}
}
