package aeszip

import (
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// fixtures are archives 7-Zip made, with the SHA-256 of each file entry.
var fixtures = map[string]map[string]string{
	"7zz-aes256.zip": {
		"klanten.csv":   "001da0de7224a3e856fe44ef19bbced4d6207f83f6b47f5e18dae0411f91f374",
		"leer.txt":      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
		"map/groet.txt": "622cb3371c1a08096eaac564fb59acccda1fcdbe13a9dd10b486e6463c8c2525",
	},
	"7zz-aes128-store.zip": {
		"klanten.csv": "001da0de7224a3e856fe44ef19bbced4d6207f83f6b47f5e18dae0411f91f374",
	},
}

func TestRead7zzFixtures(t *testing.T) {
	for name, want := range fixtures {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		sums, err := verify(b, testPassword)
		if err != nil {
			t.Fatalf("Verify(%s) = %v", name, err)
		}
		files := 0
		for _, s := range sums {
			if s.Dir {
				continue
			}
			files++
			if got := hex.EncodeToString(s.SHA256[:]); got != want[s.Name] {
				t.Errorf("%s: %q SHA-256 %s, want %s", name, s.Name, got, want[s.Name])
			}
		}
		if files != len(want) {
			t.Errorf("%s: %d files, want %d", name, files, len(want))
		}
		if _, err := verify(b, "wrong"); !errors.Is(err, ErrWrongPassword) {
			t.Errorf("Verify(%s, wrong password) = %v, want ErrWrongPassword", name, err)
		}
	}
}

// sentinels are the errors Verify may return.
var sentinels = []error{ErrWrongPassword, ErrIntegrity, ErrNotEncrypted, ErrZipCrypto, ErrTooLarge, ErrCorrupt, ErrUnsupported}

// FuzzReader feeds CheckEncrypted and Verify real archives (ours and
// 7-Zip's) and their mutations: they must never panic, must return one of
// the package's errors, and must not inflate beyond the limits.
func FuzzReader(f *testing.F) {
	ours, _ := build(f, Options{}, file{"a.csv", csvLike(3000, 1)}, file{"leer", nil}, file{"map/ü.txt", []byte("ü")})
	f.Add(ours)
	f.Add(ours[:len(ours)/2])
	for name := range fixtures {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(plainArchive(f, 0, 0, nil, []byte("plain")))
	f.Add(plainArchive(f, flagEncrypted, methodAES, aesParams{2, 3, 8}.appendExtra(nil), make([]byte, 40)))
	limits := Limits{MaxEntries: 50, MaxEntrySize: 1 << 20, MaxTotalSize: 2 << 20, MaxRatio: 100}
	f.Fuzz(func(t *testing.T, b []byte) {
		checkErr := CheckEncrypted(bytes.NewReader(b), int64(len(b)))
		sums, err := Verify(bytes.NewReader(b), int64(len(b)), testPassword, limits)
		if err == nil {
			if checkErr != nil {
				t.Fatalf("Verify passed, CheckEncrypted = %v", checkErr)
			}
			var total int64
			for _, s := range sums {
				total += s.Size
			}
			if total > limits.MaxTotalSize || len(sums) > limits.MaxEntries {
				t.Fatalf("Verify passed %d entries, %d bytes, beyond the limits", len(sums), total)
			}
			return
		}
		known := false
		for _, s := range sentinels {
			known = known || errors.Is(err, s)
		}
		if !known {
			t.Fatalf("Verify() = %v, not one of the package's errors", err)
		}
	})
}
