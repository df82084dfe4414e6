// Package audittest helps tests prove that the audit trail holds no
// personal data: it looks for the secrets, labels, names and paths a test
// used in every audit file of a directory.
package audittest

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"time"

	"grendel/app/audit"
)

// Leaks returns the forms of the given texts found in the audit files in
// dir: each text as it is, JSON-escaped, in base64 (standard and URL,
// with and without padding) and in hex (lower and upper case). Texts
// shorter than 4 bytes are too common to look for and are skipped.
func Leaks(dir string, texts ...string) ([]string, error) {
	files, err := audit.ListFiles(dir)
	if err != nil {
		return nil, err
	}
	var all []byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		all = append(all, b...)
	}
	return Find(all, texts...), nil
}

// Find returns the forms of the given texts (as [Leaks] looks for them)
// found in data: another record's text, such as the systemd journal's
// entries or what reached the Windows event log.
func Find(data []byte, texts ...string) []string {
	var found []string
	for _, t := range texts {
		if len(t) < 4 {
			continue
		}
		for _, form := range forms(t) {
			if bytes.Contains(data, []byte(form)) && !slices.Contains(found, form) {
				found = append(found, form)
			}
		}
	}
	return found
}

// forms returns the encodings of t that Leaks looks for.
func forms(t string) []string {
	b := []byte(t)
	escaped, _ := json.Marshal(t)
	return []string{
		t,
		string(escaped[1 : len(escaped)-1]),
		base64.StdEncoding.EncodeToString(b),
		base64.RawStdEncoding.EncodeToString(b),
		base64.URLEncoding.EncodeToString(b),
		base64.RawURLEncoding.EncodeToString(b),
		hex.EncodeToString(b),
		string(bytes.ToUpper([]byte(hex.EncodeToString(b)))),
	}
}

// Entries returns the entries of the audit files in dir, oldest first,
// and fails on a line that is not one.
func Entries(dir string) ([]audit.Entry, error) {
	var got []audit.Entry
	problems, err := audit.Read(dir, time.Time{}, func(e audit.Entry) { got = append(got, e) })
	if err == nil && len(problems) > 0 {
		err = fmt.Errorf("audit file %s line %d: %s", problems[0].File, problems[0].Line, problems[0].Code)
	}
	return got, err
}
