package cfb

import (
	"bytes"
	"fmt"
	"testing"
)

// TestRedBlack checks every storage's sibling tree in what Write wrote: a
// binary search tree in [MS-CFB]'s name order, a black root, no red node
// with a red child, and the same number of black nodes on every path.
func TestRedBlack(t *testing.T) {
	for n := range 40 {
		files := map[string][]byte{}
		for i := range n {
			files[fmt.Sprintf("S/%c%d", 'a'+i%26, i)] = []byte{byte(i)}
		}
		files["Z"] = []byte("z")
		out := write(t, files)
		c, err := Open(bytes.NewReader(out), int64(len(out)))
		if err != nil {
			t.Fatal(err)
		}
		total, used := 0, 0
		for _, d := range c.dir {
			if d.typ != typeUnused && d.typ != typeRoot {
				used++
			}
		}
		for id, d := range c.dir {
			if d.typ != typeStorage && d.typ != typeRoot || d.child == noStream {
				continue
			}
			if red(out, d.child) {
				t.Errorf("%d siblings: the root of storage %d's tree is red", n, id)
			}
			var check func(id uint32, lo, hi []uint16) int
			check = func(id uint32, lo, hi []uint16) int {
				if id == noStream {
					return 1
				}
				total++
				e := c.dir[id]
				if lo != nil && compareNames(lo, e.name) >= 0 || hi != nil && compareNames(e.name, hi) >= 0 {
					t.Errorf("%d siblings: entry %d is out of order", n, id)
				}
				if red(out, id) && (e.left != noStream && red(out, e.left) || e.right != noStream && red(out, e.right)) {
					t.Errorf("%d siblings: red entry %d has a red child", n, id)
				}
				l, r := check(e.left, lo, e.name), check(e.right, e.name, hi)
				if l != r {
					t.Errorf("%d siblings: entry %d has black heights %d and %d", n, id, l, r)
				}
				if red(out, id) {
					return l
				}
				return l + 1
			}
			check(d.child, nil, nil)
		}
		if total != used {
			t.Errorf("%d siblings: the trees hold %d of %d entries", n, total, used)
		}
	}
}

// red reads the colour flag of directory entry id from the file itself
// (the directory starts at sector dirStart; Write's directories are
// contiguous).
func red(file []byte, id uint32) bool {
	dirStart := int(file[48]) | int(file[49])<<8 | int(file[50])<<16 | int(file[51])<<24
	return file[512+512*dirStart+128*int(id)+67] == 0
}
