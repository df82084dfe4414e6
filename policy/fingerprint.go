package policy

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
)

// FingerprintPrefix starts every policy fingerprint: it names the hash, so
// that another one can follow without the two being confused.
const FingerprintPrefix = "sha256:"

// Fingerprint returns a fingerprint of the effective policy: "sha256:"
// and the hex SHA-256 of a canonical encoding of every key's effective
// value. It depends on the values alone: not on the order of the keys,
// nor on which source set a value, nor on the files read. Two machines
// (or two runs) with the same fingerprint enforce the same policy, so a
// fleet's compliance tool compares one string with the one IT expects.
//
// The encoding is, for each key sorted by name, the key, a NUL byte, its
// value as compact JSON (as a policy file writes it: durations as "5m"),
// and a newline. A key whose value is not valid JSON is encoded as null.
func (r Report) Fingerprint() string {
	ks := append([]KeyReport(nil), r.Keys...)
	sort.Slice(ks, func(i, j int) bool { return ks[i].Key < ks[j].Key })
	h := sha256.New()
	for _, k := range ks {
		var v bytes.Buffer
		if json.Compact(&v, k.Value) != nil {
			v.Reset()
			v.WriteString("null")
		}
		h.Write([]byte(k.Key))
		h.Write([]byte{0})
		h.Write(v.Bytes())
		h.Write([]byte{'\n'})
	}
	return FingerprintPrefix + hex.EncodeToString(h.Sum(nil))
}

// Fingerprint returns the fingerprint of the snapshot's effective policy,
// as [Report.Fingerprint].
func (s *Snapshot) Fingerprint() string { return s.Report().Fingerprint() }
