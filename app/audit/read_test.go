package audit

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"grendel/internal/testdir"
)

// goodLine is a whole entry.
const goodLine = `{"schema":"grendel.audit/1","time":"2026-12-04T16:00:00.5Z","seq":1,"role":"agent","pid":42,"event":"lock.verified","fields":{"latency_ms":1200,"method":"loginctl"}}`

// readCases feed TestReadProblems and the seeds of FuzzRead: a file's
// text, the sequence numbers read, and the problems as "line code".
var readCases = []struct {
	name     string
	text     string
	seqs     []uint64
	problems []string
}{
	{"empty", "", nil, nil},
	{"one", goodLine + "\n", []uint64{1}, nil},
	{"truncated last line", goodLine + "\n" + goodLine[:50], []uint64{1}, []string{"2 unfinished"}},
	{"garbage between", goodLine + "\n\x00\x00garbage\n" + strings.Replace(goodLine, `"seq":1`, `"seq":2`, 1) + "\n", []uint64{1, 2}, []string{"2 broken"}},
	{"cut in the middle, then whole", goodLine[:70] + "\n" + goodLine + "\n", []uint64{1}, []string{"1 broken"}},
	{"blank line", "\n" + goodLine + "\n", []uint64{1}, []string{"1 broken"}},
	{"unknown field", strings.Replace(goodLine, `"pid"`, `"user":"jan","pid"`, 1) + "\n", nil, []string{"1 broken"}},
	{"other schema", strings.Replace(goodLine, "grendel.audit/1", "other/1", 1) + "\n", nil, []string{"1 broken"}},
	{"newer schema is read", strings.Replace(goodLine, "grendel.audit/1", "grendel.audit/2", 1) + "\n", []uint64{1}, nil},
	{"no event", strings.Replace(goodLine, `"event":"lock.verified"`, `"event":""`, 1) + "\n", nil, []string{"1 broken"}},
	{"unknown role", strings.Replace(goodLine, `"agent"`, `"root"`, 1) + "\n", nil, []string{"1 broken"}},
	{"nested field", strings.Replace(goodLine, `1200`, `{"a":1}`, 1) + "\n", nil, []string{"1 broken"}},
	{"fraction", strings.Replace(goodLine, `1200`, `1.5`, 1) + "\n", nil, []string{"1 broken"}},
	{"two objects on a line", goodLine + goodLine + "\n", nil, []string{"1 broken"}},
	{"too long", goodLine + "\n" + strings.Repeat("x", 3*MaxLine) + "\n" + goodLine + "\n", []uint64{1, 1}, []string{"2 too_long"}},
	{"too long at the end", strings.Repeat("y", MaxLine+5), nil, []string{"1 too_long"}},
	{"crlf", goodLine + "\r\n", []uint64{1}, nil},
}

// TestReadProblems: broken lines are reported with their line numbers,
// and the reader goes on to the next.
func TestReadProblems(t *testing.T) {
	for _, tt := range readCases {
		t.Run(tt.name, func(t *testing.T) {
			dir := testdir.New(t)
			os.WriteFile(filepath.Join(dir, FileName), []byte(tt.text), 0o600)
			var seqs []uint64
			problems, err := Read(dir, time.Time{}, func(e Entry) { seqs = append(seqs, e.Seq) })
			if err != nil {
				t.Fatal(err)
			}
			var ps []string
			for _, p := range problems {
				if p.File != FileName {
					t.Errorf("problem in %q", p.File)
				}
				ps = append(ps, strings.Join([]string{itoa(p.Line), string(p.Code)}, " "))
			}
			if !slices.Equal(seqs, tt.seqs) || !slices.Equal(ps, tt.problems) {
				t.Errorf("Read = %v %q, want %v %q", seqs, ps, tt.seqs, tt.problems)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestReadOrder: rotated files are read oldest first (highest number),
// names that are not ours are left alone, and a missing directory holds
// nothing.
func TestReadOrder(t *testing.T) {
	dir := testdir.New(t)
	line := func(seq string) string { return strings.Replace(goodLine, `"seq":1`, `"seq":`+seq, 1) + "\n" }
	os.WriteFile(filepath.Join(dir, FileName+".2"), []byte(line("1")), 0o600)
	os.WriteFile(filepath.Join(dir, FileName+".10"), []byte(line("9")+line("10")), 0o600)
	os.WriteFile(filepath.Join(dir, FileName+".1"), []byte(line("2")), 0o600)
	os.WriteFile(filepath.Join(dir, FileName), []byte(line("3")), 0o600)
	os.WriteFile(filepath.Join(dir, FileName+".01"), []byte("junk\n"), 0o600)
	os.WriteFile(filepath.Join(dir, FileName+".bak"), []byte("junk\n"), 0o600)
	var seqs []uint64
	if ps, err := Read(dir, time.Time{}, func(e Entry) { seqs = append(seqs, e.Seq) }); err != nil || len(ps) > 0 {
		t.Fatal(ps, err)
	}
	if want := []uint64{9, 10, 1, 2, 3}; !slices.Equal(seqs, want) {
		t.Errorf("order %v, want %v", seqs, want)
	}
	if ps, err := Read(filepath.Join(dir, "none"), time.Time{}, func(Entry) { t.Error("an entry from nowhere") }); err != nil || ps != nil {
		t.Errorf("missing dir: %v %v", ps, err)
	}
}

// FuzzRead: whatever a file holds, the reader neither fails nor panics,
// accounts for every line as an entry or a problem, and every entry it
// returns is one the writer could have written (it marshals and parses
// back to the same).
func FuzzRead(f *testing.F) {
	for _, tt := range readCases {
		f.Add([]byte(tt.text))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var entries []Entry
		problems, err := readFile(bytes.NewReader(data), FileName, time.Time{}, func(e Entry) { entries = append(entries, e) })
		if err != nil {
			t.Fatal(err)
		}
		lines := bytes.Count(data, []byte{'\n'})
		if len(data) > 0 && data[len(data)-1] != '\n' {
			lines++
		}
		if len(entries)+len(problems) != lines {
			t.Fatalf("%d entries and %d problems for %d lines", len(entries), len(problems), lines)
		}
		for _, e := range entries {
			b, err := e.Marshal()
			if err != nil {
				continue // a line near MaxLine whose re-encoding is longer
			}
			back, err := parseLine(bytes.TrimSuffix(b, []byte{'\n'}))
			if err != nil || back.Event != e.Event || back.Seq != e.Seq || len(back.Fields) != len(e.Fields) {
				t.Fatalf("entry %+v does not round-trip: %+v %v", e, back, err)
			}
		}
	})
}
