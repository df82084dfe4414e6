package officecrypt

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"grendel/app/officecrypt/cfb"
)

// infoSeeds are EncryptionInfo streams: ours, Office's, officecrypto-tool's
// and Standard encryption's.
func infoSeeds(f *testing.F) [][]byte {
	files := [][]byte{encrypt(f, []byte("PK\x03\x04"), "pw", fast())}
	for _, p := range producers {
		files = append(files, readTestdata(f, p.file))
	}
	var out [][]byte
	for _, file := range files {
		c, err := cfb.Open(bytes.NewReader(file), int64(len(file)))
		if err != nil {
			continue
		}
		if b, err := readStream(c, []string{streamInfo}); err == nil {
			out = append(out, b)
		}
	}
	return out
}

func FuzzParseInfo(f *testing.F) {
	for _, s := range infoSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		in, err := parseInfo(b)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("parseInfo = %v, not one of the package's errors", err)
			}
			return
		}
		// What parseInfo accepts, unlock and verify can use without
		// panicking (a low spin count keeps the fuzzer fast).
		in.spinCount = min(in.spinCount, 10)
		fl := &file{info: in, pkg: nil}
		if _, err := fl.unlock("pw"); err != nil && !isSentinel(err) {
			t.Fatalf("unlock = %v", err)
		}
	})
}

// FuzzDecrypt feeds whole files to Decrypt: ours (spin count 10) and the
// other producers'. Office's files cost 100,000 spins per run.
func FuzzDecrypt(f *testing.F) {
	f.Add(encrypt(f, zipPackage(f, 600, 1), "pw", fast()))
	f.Add(encrypt(f, zipPackage(f, 5000, 1), "pw", fast()))
	for _, p := range producers {
		f.Add(readTestdata(f, p.file))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		err := Decrypt(bytes.NewReader(b), int64(len(b)), "pw", io.Discard)
		if err != nil && !isSentinel(err) {
			t.Fatalf("Decrypt = %v, not one of the package's errors", err)
		}
		if IsEncrypted(bytes.NewReader(b), int64(len(b))) && errors.Is(err, ErrNotEncrypted) {
			t.Fatalf("IsEncrypted, but Decrypt = %v", err)
		}
	})
}
