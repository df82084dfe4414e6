package compliance

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// MaxDocument is the largest status document read: the agent's is a few
// tens of KiB.
const MaxDocument = 1 << 20

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	b, err := JSONSchema("")
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaURI, doc); err != nil {
		return nil, err
	}
	return c.Compile(SchemaURI)
})

// ErrInvalid is the error of a document that does not match the schema.
var ErrInvalid = errors.New("not a " + SchemaID + " document")

// Validate checks the JSON text b against the document's JSON Schema
// (github.com/santhosh-tekuri/jsonschema).
func Validate(b []byte) error {
	sch, err := compiled()
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if err := sch.Validate(v); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return nil
}

// Parse reads a document from its JSON text, which must match the schema.
func Parse(b []byte) (Document, error) {
	if err := Validate(b); err != nil {
		return Document{}, err
	}
	var d Document
	if err := json.Unmarshal(b, &d); err != nil {
		return Document{}, fmt.Errorf("%w: %v", ErrInvalid, err)
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
// the one looked at.
func ReadFile(path string) (Document, error) {
	before, err := os.Lstat(path)
	if err != nil {
		return Document{}, err
	}
	if !before.Mode().IsRegular() {
		return Document{}, fmt.Errorf("%s: %w", path, ErrNotRegular)
	}
	f, err := os.Open(path)
	if err != nil {
		return Document{}, err
	}
	defer f.Close()
	opened, err := f.Stat()
	if err != nil {
		return Document{}, err
	}
	if !os.SameFile(before, opened) {
		return Document{}, fmt.Errorf("%s: %w (it was replaced while being opened)", path, ErrNotRegular)
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxDocument+1))
	if err != nil {
		return Document{}, err
	}
	if len(b) > MaxDocument {
		return Document{}, fmt.Errorf("%w: larger than %d bytes", ErrInvalid, MaxDocument)
	}
	return Parse(b)
}
