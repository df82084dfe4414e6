package aeszip

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"grendel/internal/testdir"
)

const testPassword = "correct horse battery staple"

// file is one input of a test archive.
type file struct {
	name string
	data []byte
}

// build writes files into an archive with opt and returns it and the entries.
func build(t testing.TB, opt Options, files ...file) ([]byte, []Entry) {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf, testPassword, opt)
	mod := time.Date(2024, 3, 15, 10, 30, 2, 0, time.UTC)
	for _, f := range files {
		if err := w.AddFile(f.name, bytes.NewReader(f.data), mod); err != nil {
			t.Fatalf("AddFile(%q) = %v", f.name, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close() = %v", err)
	}
	return buf.Bytes(), w.Entries()
}

// verify runs Verify on an archive in memory.
func verify(b []byte, password string) ([]EntrySum, error) {
	return Verify(bytes.NewReader(b), int64(len(b)), password, Limits{})
}

// csvLike returns n bytes of semi-compressible text, like a customer file.
func csvLike(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	first := []string{"Anna", "Jan", "Sophie", "Lukas", "Eva", "Pieter", "Mia", "Noah"}
	last := []string{"de Vries", "Jansen", "Müller", "Schmidt", "Bakker", "Visser", "Weber", "Smit"}
	var b bytes.Buffer
	for b.Len() < n {
		fmt.Fprintf(&b, "%d;%s;%s;%s.%d@example.nl;NL%02dINGB%010d;%04d-%02d-%02d\n",
			r.IntN(1e6), first[r.IntN(len(first))], last[r.IntN(len(last))],
			strings.ToLower(first[r.IntN(len(first))]), r.IntN(1000), r.IntN(100), r.Int64N(1e10),
			1940+r.IntN(70), 1+r.IntN(12), 1+r.IntN(28))
	}
	return b.Bytes()[:n]
}

func TestRoundTrip(t *testing.T) {
	random := make([]byte, 100_000)
	rand.NewChaCha8([32]byte{7}).Read(random)
	tests := []struct {
		name    string
		opt     Options
		files   []file
		wantIn  []string // stored names
		wantMap map[string]string
	}{
		{name: "one csv", files: []file{{"kunden.csv", csvLike(50_000, 1)}}, wantIn: []string{"kunden.csv"}},
		{name: "empty file", files: []file{{"leer.txt", nil}}, wantIn: []string{"leer.txt"}},
		{name: "incompressible", files: []file{{"random.bin", random}}, wantIn: []string{"random.bin"}},
		{
			name:   "non-ASCII names",
			files:  []file{{"Müller Straße.csv", []byte("a;b\n")}, {"klanten/Ærø €.txt", []byte("x")}, {"日本.txt", nil}},
			wantIn: []string{"Müller Straße.csv", "klanten/Ærø €.txt", "日本.txt"},
		},
		{
			name:    "neutral names",
			opt:     Options{NeutralNames: true},
			files:   []file{{"Jan de Vries.xlsx", []byte("pk")}, {"map/Anna Müller.CSV", []byte("a")}, {"geen extensie", nil}, {"x.ver-lang-ext1", nil}},
			wantIn:  []string{"file-1.xlsx", "file-2.csv", "file-3", "file-4"},
			wantMap: map[string]string{"Jan de Vries.xlsx": "file-1.xlsx", "map/Anna Müller.CSV": "file-2.csv", "geen extensie": "file-3", "x.ver-lang-ext1": "file-4"},
		},
		{name: "best speed", opt: Options{Level: 1}, files: []file{{"a.csv", csvLike(10_000, 2)}}, wantIn: []string{"a.csv"}},
		{name: "best compression", opt: Options{Level: 9}, files: []file{{"a.csv", csvLike(10_000, 3)}}, wantIn: []string{"a.csv"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			archive, entries := build(t, tt.opt, tt.files...)
			sums, err := verify(archive, testPassword)
			if err != nil {
				t.Fatalf("Verify() = %v", err)
			}
			var stored []string
			for i, s := range sums {
				stored = append(stored, s.Name)
				want := sha256.Sum256(tt.files[i].data)
				if s.SHA256 != want || entries[i].SHA256 != want {
					t.Errorf("entry %q: Verify SHA-256 %x, Entries %x, want %x", s.Name, s.SHA256, entries[i].SHA256, want)
				}
				if s.Size != int64(len(tt.files[i].data)) || s.Dir {
					t.Errorf("entry %q: size %d dir %v, want %d false", s.Name, s.Size, s.Dir, len(tt.files[i].data))
				}
				if got, want := s.Modified.Unix(), time.Date(2024, 3, 15, 10, 30, 2, 0, time.UTC).Unix(); got != want {
					t.Errorf("entry %q: modified %v, want %v", s.Name, s.Modified, time.Unix(want, 0))
				}
			}
			if !slices.Equal(stored, tt.wantIn) {
				t.Errorf("stored names %q, want %q", stored, tt.wantIn)
			}
			for _, e := range entries {
				if want, ok := tt.wantMap[e.Name]; ok && e.Stored != want {
					t.Errorf("Entries: %q stored as %q, want %q", e.Name, e.Stored, want)
				}
			}
			// The names must not be readable in the archive under neutral names.
			if tt.opt.NeutralNames {
				for _, f := range tt.files {
					if bytes.Contains(archive, []byte(f.name)) {
						t.Errorf("archive contains the name %q", f.name)
					}
				}
			}
			checkHeaders(t, archive)
		})
	}
}

// checkHeaders checks the header fields of every file entry with archive/zip.
func checkHeaders(t *testing.T, archive []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		p, found, err := findAESExtra(f.Extra)
		if err != nil || !found {
			t.Fatalf("%q: AES extra field found %v, err %v", f.Name, found, err)
		}
		want := aesParams{vendorVersion: 2, strength: 3, method: zip.Deflate}
		if p != want || f.Method != 99 || f.CRC32 != 0 || f.Flags&0x801 != 0x801 {
			t.Errorf("%q: params %+v method %d crc %#x flags %#x, want %+v, 99, 0, UTF-8 and encrypted bits",
				f.Name, p, f.Method, f.CRC32, f.Flags, want)
		}
	}
}

func TestAddTree(t *testing.T) {
	dir := filepath.Join(testdir.New(t), "Kunden")
	files := map[string]string{
		"a.csv":              "id;naam\n1;Anna\n",
		"2024/b.csv":         "id;naam\n2;Jan\n",
		"2024/q1/c.txt":      "",
		"Übersicht/ü.txt":    "Größe",
		"leer/":              "",
		"2024/q1/diep/d.csv": strings.Repeat("x;y\n", 1000),
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, neutral := range []bool{false, true} {
		t.Run(fmt.Sprintf("neutral=%v", neutral), func(t *testing.T) {
			var buf bytes.Buffer
			w := NewWriter(&buf, testPassword, Options{NeutralNames: neutral})
			if err := w.AddTree(dir); err != nil {
				t.Fatalf("AddTree() = %v", err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			sums, err := verify(buf.Bytes(), testPassword)
			if err != nil {
				t.Fatalf("Verify() = %v", err)
			}
			entries := w.Entries()
			if len(sums) != len(entries) {
				t.Fatalf("Verify found %d entries, Entries has %d", len(sums), len(entries))
			}
			got := map[string]bool{}
			for i, e := range entries {
				if sums[i].Name != e.Stored || sums[i].SHA256 != e.SHA256 || sums[i].Dir != e.Dir {
					t.Errorf("entry %d: Verify %q %x dir %v, Entries %q %x dir %v", i, sums[i].Name, sums[i].SHA256, sums[i].Dir, e.Stored, e.SHA256, e.Dir)
				}
				if e.Dir {
					got[e.Name] = true
					continue
				}
				rel := strings.TrimPrefix(e.Name, "Kunden/")
				got[rel] = true
				if want := sha256.Sum256([]byte(files[rel])); e.SHA256 != want {
					t.Errorf("%q: SHA-256 %x, want %x", e.Name, e.SHA256, want)
				}
			}
			for name := range files {
				if strings.HasSuffix(name, "/") {
					if !neutral && !got["Kunden/"+name] {
						t.Errorf("folder entry %q missing", "Kunden/"+name)
					}
				} else if !got[name] {
					t.Errorf("file %q missing", name)
				}
			}
			if neutral && (len(entries) != 5 || bytes.Contains(buf.Bytes(), []byte("Kunden"))) {
				t.Errorf("neutral: %d entries (want 5, no folders), or the folder name is visible", len(entries))
			}
		})
	}
}

func TestAddTreeRefusesSymlink(t *testing.T) {
	dir := testdir.New(t)
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink("/etc/passwd", link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		// Under Wine 8.0 os.Symlink succeeds, but Lstat then does not
		// find the link.
		t.Skipf("os.Symlink made no symbolic link that Lstat sees here (Lstat = %v, %v)", fi, err)
	}
	w := NewWriter(io.Discard, testPassword, Options{})
	if err := w.AddTree(dir); !errors.Is(err, ErrNotRegular) {
		t.Fatalf("AddTree() = %v, want ErrNotRegular", err)
	}
}

func TestNames(t *testing.T) {
	for _, name := range []string{"", ".", "..", "../x", "/abs", "a/../b", `a\b`, "a//b", "a/", "\xff.txt"} {
		w := NewWriter(io.Discard, testPassword, Options{})
		if err := w.AddFile(name, strings.NewReader("x"), time.Now()); !errors.Is(err, ErrName) {
			t.Errorf("AddFile(%q) = %v, want ErrName", name, err)
		}
	}
	for _, neutral := range []bool{false, true} {
		w := NewWriter(io.Discard, testPassword, Options{NeutralNames: neutral})
		if err := w.AddFile("a.csv", strings.NewReader("x"), time.Now()); err != nil {
			t.Fatal(err)
		}
		if err := w.AddFile("a.csv", strings.NewReader("x"), time.Now()); !errors.Is(err, ErrName) {
			t.Errorf("neutral %v: second AddFile(a.csv) = %v, want ErrName", neutral, err)
		}
	}
}

func TestWriterOptions(t *testing.T) {
	if err := NewWriter(io.Discard, "", Options{}).AddFile("a", strings.NewReader(""), time.Now()); err == nil {
		t.Error("an empty password was accepted")
	}
	if err := NewWriter(io.Discard, "pw", Options{Level: 10}).Close(); err == nil {
		t.Error("level 10 was accepted")
	}
	w := NewWriter(io.Discard, testPassword, Options{})
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.AddFile("a", strings.NewReader(""), time.Now()); err == nil {
		t.Error("AddFile after Close succeeded")
	}
}

func TestModTime(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	for _, mod := range []time.Time{
		time.Date(2023, 12, 31, 23, 59, 58, 0, loc),
		time.Date(1975, 1, 1, 0, 0, 0, 0, time.UTC), // before MS-DOS time: clamped, UT field keeps it
	} {
		var buf bytes.Buffer
		w := NewWriter(&buf, testPassword, Options{})
		if err := w.AddFile("a", strings.NewReader("x"), mod); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		sums, err := verify(buf.Bytes(), testPassword)
		if err != nil {
			t.Fatal(err)
		}
		if !sums[0].Modified.Equal(mod) {
			t.Errorf("Modified = %v, want %v", sums[0].Modified, mod)
		}
	}
}

func TestWrongPassword(t *testing.T) {
	archive, _ := build(t, Options{}, file{"a.csv", csvLike(5000, 4)}, file{"b.csv", nil})
	for _, pw := range []string{"wrong", "correct horse battery stapl", testPassword + " "} {
		if _, err := verify(archive, pw); !errors.Is(err, ErrWrongPassword) {
			t.Errorf("Verify(%q) = %v, want ErrWrongPassword", pw, err)
		}
	}
}

// payloadOffsets returns the payload offset and size of the first entry.
func payloadOffsets(t *testing.T, archive []byte) (start, size int64) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		t.Fatal(err)
	}
	start, err = zr.File[0].DataOffset()
	if err != nil {
		t.Fatal(err)
	}
	return start, int64(zr.File[0].CompressedSize64)
}

func TestTampered(t *testing.T) {
	archive, _ := build(t, Options{}, file{"a.csv", csvLike(20_000, 5)})
	start, size := payloadOffsets(t, archive)
	tests := []struct {
		name string
		at   int64
		want error
	}{
		{"salt", start, ErrWrongPassword}, // other keys: the verifier no longer matches
		{"verifier", start + 16, ErrWrongPassword},
		{"verifier 2nd byte", start + 17, ErrWrongPassword},
		{"first encrypted byte", start + 18, ErrIntegrity},
		{"middle of the data", start + size/2, ErrIntegrity},
		{"last encrypted byte", start + size - 11, ErrIntegrity},
		{"authentication code", start + size - 10, ErrIntegrity},
		{"last byte of the code", start + size - 1, ErrIntegrity},
		{"local header method", 8, ErrCorrupt},
		{"name in the central directory", int64(bytes.LastIndex(archive, []byte("a.csv"))), ErrCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := bytes.Clone(archive)
			b[tt.at] ^= 0x01
			if _, err := verify(b, testPassword); !errors.Is(err, tt.want) {
				t.Errorf("Verify() = %v, want %v", err, tt.want)
			}
		})
	}
}

// plainArchive returns an archive that archive/zip writes with the given
// header flags and method, and raw payload.
func plainArchive(t testing.TB, flags, method uint16, extra, payload []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	fh := &zip.FileHeader{Name: "kunden.csv", Flags: flags, Method: method, Extra: extra,
		CompressedSize64: uint64(len(payload)), UncompressedSize64: uint64(len(payload))}
	w, err := zw.CreateRaw(fh)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(payload)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRefusesWeakOrNoEncryption(t *testing.T) {
	payload := bytes.Repeat([]byte("1;Anna;NL91ABNA0417164300\n"), 10)
	var aesExtra = aesParams{vendorVersion: 2, strength: 3, method: 8}.appendExtra(nil)
	tests := []struct {
		name    string
		archive []byte
		want    error
	}{
		{"stored plain", plainArchive(t, 0, zip.Store, nil, payload), ErrNotEncrypted},
		{"deflated plain", func() []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			w, _ := zw.Create("kunden.csv")
			w.Write(payload)
			zw.Close()
			return buf.Bytes()
		}(), ErrNotEncrypted},
		{"plain with AES extra", plainArchive(t, 0, zip.Store, aesExtra, payload), ErrNotEncrypted},
		{"ZipCrypto", plainArchive(t, flagEncrypted, zip.Deflate, nil, payload), ErrZipCrypto},
		{"strong encryption", plainArchive(t, flagEncrypted|flagStrong, zip.Deflate, nil, payload), ErrUnsupported},
		{"method 99 without extra", plainArchive(t, flagEncrypted, methodAES, nil, payload), ErrCorrupt},
		{"AES with LZMA", plainArchive(t, flagEncrypted, methodAES, aesParams{2, 3, 14}.appendExtra(nil), payload), ErrUnsupported},
		{"AES too short", plainArchive(t, flagEncrypted, methodAES, aesExtra, payload[:20]), ErrCorrupt},
		{"directory with data", func() []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			w, _ := zw.CreateRaw(&zip.FileHeader{Name: "map/", CompressedSize64: 5, UncompressedSize64: 5})
			w.Write([]byte("hello"))
			zw.Close()
			return buf.Bytes()
		}(), ErrNotEncrypted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckEncrypted(bytes.NewReader(tt.archive), int64(len(tt.archive))); !errors.Is(err, tt.want) {
				t.Errorf("CheckEncrypted() = %v, want %v", err, tt.want)
			}
			if _, err := verify(tt.archive, testPassword); !errors.Is(err, tt.want) {
				t.Errorf("Verify() = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestNoHiddenPlaintext(t *testing.T) {
	archive, _ := build(t, Options{}, file{"a.csv", csvLike(2000, 6)})
	plain := plainArchive(t, 0, zip.Store, nil, []byte("1;Anna;secret\n"))
	// The plain archive's local header and data, without its directory.
	zr, err := zip.NewReader(bytes.NewReader(plain), int64(len(plain)))
	if err != nil {
		t.Fatal(err)
	}
	off, _ := zr.File[0].DataOffset()
	hidden := plain[:off+int64(zr.File[0].CompressedSize64)]

	withComment := func(b []byte) []byte {
		b = bytes.Clone(b)
		n := len(b)
		b[n-2] = 4 // comment length in the end record
		return append(b, "geen"...)
	}
	tests := []struct {
		name    string
		archive []byte
		want    error
	}{
		{"plain local header before the entries", append(bytes.Clone(hidden), archive...), ErrCorrupt},
		{"text before the entries", append([]byte("Anna de Vries, NL91ABNA0417164300"), archive...), ErrCorrupt},
		{"archive comment", withComment(archive), ErrNotEncrypted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckEncrypted(bytes.NewReader(tt.archive), int64(len(tt.archive))); !errors.Is(err, tt.want) {
				t.Errorf("CheckEncrypted() = %v, want %v", err, tt.want)
			}
		})
	}
	if err := CheckEncrypted(bytes.NewReader(archive), int64(len(archive))); err != nil {
		t.Errorf("CheckEncrypted(our archive) = %v", err)
	}
}

func TestLimits(t *testing.T) {
	zeros := make([]byte, 20<<20)
	bomb, _ := build(t, Options{}, file{"zeros.bin", zeros})
	several, _ := build(t, Options{}, file{"a", csvLike(3<<20, 1)}, file{"b", csvLike(3<<20, 2)}, file{"c", nil})
	tests := []struct {
		name    string
		archive []byte
		limits  Limits
		want    error
	}{
		{"ratio", bomb, Limits{}, ErrTooLarge},
		{"ratio raised", bomb, Limits{MaxRatio: 2000}, nil},
		{"entry size", several, Limits{MaxEntrySize: 2 << 20}, ErrTooLarge},
		{"total size", several, Limits{MaxTotalSize: 5 << 20}, ErrTooLarge},
		{"entries", several, Limits{MaxEntries: 2}, ErrTooLarge},
		{"all within", several, Limits{MaxEntries: 3, MaxEntrySize: 3 << 20, MaxTotalSize: 6 << 20}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Verify(bytes.NewReader(tt.archive), int64(len(tt.archive)), testPassword, tt.limits)
			if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
				t.Errorf("Verify() = %v, want %v", err, tt.want)
			}
		})
	}
	// The declared size is checked before inflating.
	if _, err := Verify(bytes.NewReader(bomb), int64(len(bomb)), testPassword, Limits{MaxRatio: 2000, MaxEntrySize: 10 << 20}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Verify(20 MiB entry, limit 10 MiB) = %v, want ErrTooLarge", err)
	}
}

func TestEmptyArchive(t *testing.T) {
	archive, _ := build(t, Options{})
	sums, err := verify(archive, testPassword)
	if err != nil || len(sums) != 0 {
		t.Errorf("Verify(empty archive) = %v, %v; want no entries, nil", sums, err)
	}
}

// TestErrorsHoldNoPassword checks that no error text contains the password.
func TestErrorsHoldNoPassword(t *testing.T) {
	archive, _ := build(t, Options{}, file{"a", []byte("x")})
	for _, b := range [][]byte{archive, archive[:len(archive)-5], {}} {
		for _, pw := range []string{testPassword, "wrong-password-xyz"} {
			if _, err := verify(b, pw); err != nil && strings.Contains(err.Error(), pw) {
				t.Errorf("error %q contains the password", err)
			}
		}
	}
}

// TestEveryByteFlipped flips each byte of a small archive in turn: Verify
// must never panic, and whenever it accepts the archive, the content must
// be what was written (a flip may only hit unauthenticated metadata, such
// as a time or the file mode).
func TestEveryByteFlipped(t *testing.T) {
	archive, entries := build(t, Options{}, file{"a.csv", csvLike(300, 9)}, file{"leer", nil})
	accepted := 0
	for i := range archive {
		b := bytes.Clone(archive)
		b[i] ^= 0x40
		sums, err := verify(b, testPassword)
		if err != nil {
			continue
		}
		accepted++
		if len(sums) != len(entries) {
			t.Fatalf("byte %d flipped: %d entries accepted, want %d", i, len(sums), len(entries))
		}
		for j, s := range sums {
			if s.SHA256 != entries[j].SHA256 || s.Size != entries[j].Size {
				t.Errorf("byte %d flipped: entry %q accepted with other content", i, s.Name)
			}
		}
	}
	t.Logf("%d of %d flipped bytes were accepted, all with intact content", accepted, len(archive))
}
