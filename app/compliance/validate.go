package compliance

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sync"
	"time"
)

// MaxDocument is the largest status document read: the agent's is a few
// tens of KiB.
const MaxDocument = 1 << 20

// ErrInvalid is the error of a text that is not a status document.
var ErrInvalid = errors.New("not a " + SchemaID + " document")

// fingerprintPattern is the form of [Document.PolicyFingerprint], compiled
// on first use: every process of the binary runs this package's init, and
// the counted repetition makes a large program.
var fingerprintPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^sha256:[0-9a-f]{64}$`) })

// Parse reads a document from its JSON text, strictly: one object with no
// field the types do not have, the schema [SchemaID], a fingerprint, a
// time and a policy. (The full JSON Schema check is
// [grendel/app/compliance/statusschema]'s, which the tests use: its
// validator compiles its metaschemas at init, which every process of the
// program would pay for.)
func Parse(b []byte) (Document, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var d Document
	if err := dec.Decode(&d); err != nil {
		return Document{}, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Document{}, fmt.Errorf("%w: more after the object", ErrInvalid)
	}
	switch {
	case d.Schema != SchemaID:
		return Document{}, fmt.Errorf("%w: schema %q", ErrInvalid, d.Schema)
	case !fingerprintPattern().MatchString(d.PolicyFingerprint):
		return Document{}, fmt.Errorf("%w: no policy fingerprint", ErrInvalid)
	case d.WrittenAt.IsZero():
		return Document{}, fmt.Errorf("%w: no written_at", ErrInvalid)
	case len(d.Policy.Keys) == 0:
		return Document{}, fmt.Errorf("%w: no policy", ErrInvalid)
	}
	return d, nil
}

// ErrNotRegular is the error of a status file that is a symbolic link, a
// directory, a device or a pipe.
var ErrNotRegular = errors.New("not a regular file")

// ReadFile reads the document in the file at path, at most [MaxDocument]
// bytes, as [Parse] does. The file is hostile: its user wrote it, and a
// script running as root or SYSTEM reads it. So a symbolic link (which
// could point at a file only root may read) or anything but a regular file
// (a pipe would block the reader) is refused, and the file opened must be
// the one looked at; when the agent replaced it in between (a new
// document renamed into place), it is read again.
func ReadFile(path string) (Document, error) {
	for try := 0; ; try++ {
		b, err := readRegular(path)
		if errors.Is(err, errReplaced) && try < 10 {
			continue
		}
		if inUse(err) && try < 40 {
			// Windows: the agent is replacing the file this moment.
			time.Sleep(25 * time.Millisecond)
			continue
		}
		if err != nil {
			return Document{}, err
		}
		return Parse(b)
	}
}

// errReplaced is readRegular's error when the file opened is not the one
// looked at.
var errReplaced = fmt.Errorf("%w (it was replaced while being opened)", ErrNotRegular)

// readRegular reads the regular file at path, at most [MaxDocument] bytes.
func readRegular(path string) ([]byte, error) {
	before, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !before.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w", path, ErrNotRegular)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	opened, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !os.SameFile(before, opened) {
		return nil, fmt.Errorf("%s: %w", path, errReplaced)
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxDocument+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxDocument {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrInvalid, MaxDocument)
	}
	return b, nil
}
