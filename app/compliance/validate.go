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

// ReadFile reads the document in the file at path, at most [MaxDocument]
// bytes, as [Parse] does.
func ReadFile(path string) (Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return Document{}, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxDocument+1))
	if err != nil {
		return Document{}, err
	}
	if len(b) > MaxDocument {
		return Document{}, fmt.Errorf("%w: larger than %d bytes", ErrInvalid, MaxDocument)
	}
	return Parse(b)
}
