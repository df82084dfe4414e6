package strength

import (
	"fmt"
	"testing"
)

func TestWordTable(t *testing.T) {
	tab := newWordTable(1) // grows many times
	tab.dicts = []dictMeta{{"a", KindCommonWord}, {"b", KindPlace}}
	for k := range 5000 {
		if !tab.put(fmt.Sprintf("w%d", k), k+1, 0) {
			t.Fatalf("put(w%d) = false for a new word", k)
		}
	}
	if tab.put("w10", 3, 1) {
		t.Error("put of a known word = true")
	}
	tab.put("w20", 50, 1) // worse rank: the old one stays
	for _, tc := range []struct {
		w    string
		rank int
		kind Kind
		ok   bool
	}{
		{"w0", 1, KindCommonWord, true},
		{"w10", 3, KindPlace, true},
		{"w20", 21, KindCommonWord, true},
		{"w4999", 5000, KindCommonWord, true},
		{"w5000", 0, "", false},
		{"", 0, "", false},
	} {
		e, ok := tab.get([]byte(tc.w))
		if ok != tc.ok || e.rank != tc.rank || e.kind != tc.kind {
			t.Errorf("get(%q) = %+v, %v; want rank %d kind %q, %v", tc.w, e, ok, tc.rank, tc.kind, tc.ok)
		}
	}
	var nilTable *wordTable
	if _, ok := nilTable.get([]byte("w0")); ok {
		t.Error("a nil table found a word")
	}
}

// Every word of the embedded dictionaries is found, and every prefix of
// it passes the prefix filter: the filter may let too much through,
// never too little.
func TestPrefixFilterKeepsEveryWord(t *testing.T) {
	d := Default().dict
	for _, dict := range EmbeddedDictionaries()[:3] {
		for _, w := range dict.Words[:min(len(dict.Words), 2000)] {
			h := prefixSeed
			for _, r := range w {
				h = prefixHash(h, []byte(string(r)))
				if !d.prefix(h) {
					t.Fatalf("%s: a prefix of a word is filtered out", dict.Name)
				}
			}
		}
	}
}
