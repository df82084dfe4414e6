package officecrypt

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strconv"
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

// FuzzDecrypt feeds whole files to Decrypt with the password "pw": ours
// and the other producers', all with spin count 10 so that a run costs
// microseconds, not 100,000 hashes, and the fuzzer explores. The other
// producers' Agile files are re-keyed for "pw" (lowSpin), so mutations of
// their layout reach the package's decryption and its HMAC; Standard and
// unencrypted files go in as they are (Decrypt stops before hashing).
// The seeds are kilobytes, and the fuzzer minimizes each new input for up
// to a minute by default, which at first is all it does: run it with
//
//	go test -run '^$' -fuzz '^FuzzDecrypt$' -fuzztime 60s -fuzzminimizetime 3s ./app/officecrypt/
func FuzzDecrypt(f *testing.F) {
	f.Add(encrypt(f, zipPackage(f, 600, 1), "pw", fast()))
	f.Add(encrypt(f, zipPackage(f, 5000, 1), "pw", fast()))
	for _, p := range producers {
		b := readTestdata(f, p.file)
		if p.err == nil {
			if b = lowSpin(f, b, p.password); b == nil {
				f.Fatalf("%s: cannot be re-keyed with a low spin count", p.file)
			}
		}
		f.Add(b)
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

// lowSpin returns a copy of file, an Agile file with password, re-keyed in
// place for the password "pw" with spin count 10: the same compound file,
// package, package key and HMAC, with the password's verifier and
// encrypted key made again (of the same lengths) and the spin count
// written with leading zeros (of the same length). It returns nil if the
// file is not Agile, if an attribute is not in the file's bytes in one
// piece, or if the result does not decrypt.
func lowSpin(tb testing.TB, file []byte, password string) []byte {
	tb.Helper()
	c, err := cfb.Open(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		return nil
	}
	raw, err := readStream(c, []string{streamInfo})
	if err != nil {
		return nil
	}
	in, err := parseInfo(raw)
	if err != nil {
		return nil
	}
	out := bytes.Clone(file)
	replace := func(old, new string) bool {
		if len(old) != len(new) || bytes.Count(out, []byte(old)) != 1 {
			return false
		}
		out = bytes.Replace(out, []byte(old), []byte(new), 1)
		return true
	}
	p := &in.pw
	iv := adjust(p.salt, p.blockSize)
	n := p.keyBits / 8
	oldBase := iterate(p.hash, p.salt, password, in.spinCount)
	newBase := iterate(p.hash, p.salt, "pw", 10)
	b64 := base64.StdEncoding.EncodeToString
	for _, s := range []struct{ block, enc []byte }{
		{blockVerifierInput, in.encVerifierInput},
		{blockVerifierHash, in.encVerifierHash},
		{blockKeyValue, in.encKeyValue},
	} {
		plain, err := cbc(false, derive(p, oldBase, s.block, n), iv, s.enc)
		if err != nil {
			return nil
		}
		enc, err := cbc(true, derive(p, newBase, s.block, n), iv, plain)
		if err != nil || !replace(b64(s.enc), b64(enc)) {
			return nil
		}
	}
	spin := strconv.Itoa(in.spinCount)
	if !replace(`spinCount="`+spin+`"`, fmt.Sprintf(`spinCount="%0*d"`, len(spin), 10)) {
		return nil
	}
	if err := Decrypt(bytes.NewReader(out), int64(len(out)), "pw", io.Discard); err != nil {
		tb.Logf("re-keyed file: %v", err)
		return nil
	}
	return out
}
