package cfb

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"grendel/internal/testdir"
)

// content returns n bytes that differ by seed and position.
func content(seed uint64, n int64) []byte {
	b := make([]byte, n)
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func streamsOf(files map[string][]byte, order []string) []WriteStream {
	var out []WriteStream
	for _, p := range order {
		data := files[p]
		out = append(out, WriteStream{
			Path:  strings.Split(p, "/"),
			Size:  int64(len(data)),
			Write: func(w io.Writer) error { _, err := w.Write(data); return err },
		})
	}
	return out
}

// layouts are the shapes the round trip covers: tiny, mini and regular
// streams, a directory of several sectors, and a file that needs DIFAT
// sectors (more than 109 FAT sectors: over 109*128*512 bytes ≈ 7 MB).
var layouts = []struct {
	name  string
	sizes map[string]int64
}{
	{"one small", map[string]int64{"A": 10}},
	{"empty stream", map[string]int64{"A": 0, "B": 1}},
	{"cutoff", map[string]int64{"A": 4095, "B": 4096, "C": 4097}},
	{"storages", map[string]int64{
		"\x06DataSpaces/Version": 76, "\x06DataSpaces/DataSpaceMap": 112,
		"\x06DataSpaces/DataSpaceInfo/StrongEncryptionDataSpace":             64,
		"\x06DataSpaces/TransformInfo/StrongEncryptionTransform/\x06Primary": 200,
		"EncryptionInfo": 1289, "EncryptedPackage": 12008,
	}},
	{"many siblings", func() map[string]int64 {
		m := map[string]int64{}
		for i := range 37 {
			m[fmt.Sprintf("S/s%02d", i)] = int64(i * 131)
		}
		return m
	}()},
	{"difat", map[string]int64{"Big": 8 << 20, "Small": 100}},
}

func write(t testing.TB, files map[string][]byte) []byte {
	t.Helper()
	var order []string
	for p := range files {
		order = append(order, p)
	}
	var buf bytes.Buffer
	if err := Write(&buf, streamsOf(files, order)); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	for i, l := range layouts {
		t.Run(l.name, func(t *testing.T) {
			files := map[string][]byte{}
			for p, n := range l.sizes {
				files[p] = content(uint64(i), n)
			}
			out := write(t, files)
			if len(out)%512 != 0 {
				t.Errorf("file size %d is not a multiple of 512", len(out))
			}
			c, err := Open(bytes.NewReader(out), int64(len(out)))
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			for p, want := range files {
				s, err := c.Open(strings.Split(strings.ToLower(p), "/")...)
				if err != nil {
					t.Fatalf("Open(%q): %v", p, err)
				}
				got, err := io.ReadAll(io.NewSectionReader(s, 0, s.Size()))
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("stream %q: %d bytes (err %v), want %d", p, len(got), err, len(want))
				}
			}
			if _, err := c.Open("nothing"); !errors.Is(err, ErrNotExist) {
				t.Errorf("Open(nothing) = %v, want ErrNotExist", err)
			}
		})
	}
}

// TestOlefile has Python's olefile (a dependency of Debian's
// python3-msoffcrypto-tool) read what Write wrote and list every stream with
// its SHA-256.
func TestOlefile(t *testing.T) {
	py := pythonWithOlefile(t)
	dir := testdir.New(t)
	for i, l := range layouts {
		files := map[string][]byte{}
		want := map[string]string{}
		for p, n := range l.sizes {
			files[p] = content(uint64(i), n)
			want[p] = fmt.Sprintf("%x", sha256.Sum256(files[p]))
		}
		name := filepath.Join(dir, fmt.Sprintf("%d.cfb", i))
		if err := os.WriteFile(name, write(t, files), 0o600); err != nil {
			t.Fatal(err)
		}
		script := `import sys, olefile, hashlib
o = olefile.OleFileIO(sys.argv[1], raise_defects=olefile.DEFECT_INCORRECT)
for e in o.listdir(streams=True, storages=False):
    print("/".join(e), hashlib.sha256(o.openstream(e).read()).hexdigest())
`
		out, err := exec.Command(py, "-c", script, name).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: olefile: %v\n%s", l.name, err, out)
		}
		got := map[string]string{}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if p, h, ok := strings.Cut(line, " "); ok {
				got[p] = h
			}
		}
		for p, h := range want {
			if got[p] != h {
				t.Errorf("%s: olefile read %q as %s, want %s", l.name, p, got[p], h)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: olefile lists %d streams, want %d:\n%s", l.name, len(got), len(want), out)
		}
	}
}

// pythonWithOlefile returns a Python interpreter that has olefile, or skips
// the test (fails it when CI=true).
func pythonWithOlefile(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		if err := exec.Command(py, "-c", "import olefile").Run(); err == nil {
			return py
		}
	}
	const why = "no python3 with olefile (install-deps.sh installs python3-msoffcrypto-tool)"
	if os.Getenv("CI") == "true" {
		t.Fatal(why)
	}
	t.Skip(why)
	return ""
}
