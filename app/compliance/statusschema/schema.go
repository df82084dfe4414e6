// Package statusschema is the JSON Schema of Grendel's status document
// ([compliance.Document]): reflected from its Go types and their doc
// comments (github.com/invopop/jsonschema), committed as
// docs/status.schema.json and kept current by this package's test (go test
// ./app/compliance/statusschema -update rewrites it), and validation
// against it (github.com/santhosh-tekuri/jsonschema). The README's tables
// of the document's fields come from here too.
//
// Only tests and the generator import it, never the program: the
// validator compiles its metaschemas at init (1.7 MB and tens of
// milliseconds), which every process would pay for. The program reads
// documents with [compliance.Parse].
package statusschema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"

	"github.com/invopop/jsonschema"
	validator "github.com/santhosh-tekuri/jsonschema/v6"

	"grendel/app/compliance"

	"grendel/policy"
)

// SchemaURI is the $id of the document's JSON Schema.
const SchemaURI = "urn:grendel:status:1"

// commentDirs are the packages whose types make up a [Document], relative
// to the module's root: their doc comments become the schema's
// descriptions.
var commentDirs = []string{"app/compliance", "app/agent", "app/autostart", "app/oslock", "policy"}

// JSONSchema returns the JSON Schema (draft 2020-12) of a [compliance.Document],
// reflected from its Go types (github.com/invopop/jsonschema). Objects
// admit no other properties, so that a test that validates real documents
// against it notices every field the schema misses. With root, the path
// of the module's source, the Go doc comments of the fields become their
// descriptions; the committed docs/status.schema.json is made that way by
// this package's test.
func JSONSchema(root string) ([]byte, error) {
	r := &jsonschema.Reflector{
		Anonymous: true,
		Namer:     typeName,
		Mapper: func(t reflect.Type) *jsonschema.Schema {
			if t == reflect.TypeFor[json.RawMessage]() {
				// A policy value as a policy file writes it: any JSON.
				return &jsonschema.Schema{Description: "the value as a policy file writes it"}
			}
			return nil
		},
		AdditionalFields: func(t reflect.Type) []reflect.StructField {
			if t == reflect.TypeFor[policy.Problem]() {
				// Problem.MarshalJSON adds its English message.
				return []reflect.StructField{{Name: "Message", Type: reflect.TypeFor[string](), Tag: `json:"message" jsonschema:"description=the problem in English"`}}
			}
			return nil
		},
	}
	if root != "" {
		if err := addComments(r, root); err != nil {
			return nil, err
		}
	}
	s := r.Reflect(compliance.Document{})
	s.ID = SchemaURI
	s.Title = "Grendel status (" + compliance.SchemaID + ")"
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// addComments reads the doc comments of commentDirs under root.
func addComments(r *jsonschema.Reflector, root string) error {
	abs, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	r.CommentMap = map[string]string{}
	for _, dir := range commentDirs {
		comments := &jsonschema.Reflector{}
		// The keys are the base joined with the directory walked.
		if err := comments.AddGoComments("grendel", filepath.Join(abs, filepath.FromSlash(dir))); err != nil {
			return err
		}
		walked := path.Join("grendel", filepath.ToSlash(abs), dir) + "."
		for k, v := range comments.CommentMap {
			// The package itself, not its subpackages.
			if rest, ok := strings.CutPrefix(k, walked); ok {
				r.CommentMap[path.Join("grendel", dir)+"."+rest] = v
			}
		}
	}
	return nil
}

// typeName names a type's definition by its package and name
// ("AgentStatus", "OslockStatus"), since several packages have a Status.
func typeName(t reflect.Type) string {
	pkg := path.Base(t.PkgPath())
	if pkg == "compliance" || pkg == "." || pkg == "" {
		return t.Name()
	}
	return strings.ToUpper(pkg[:1]) + pkg[1:] + t.Name()
}

// docLink is a Go doc link: [Name].
var docLink = regexp.MustCompile(`\[([^\]]+)\]`)

// DocumentTable returns the README's table of the document's top-level
// fields (Markdown), from the JSON Schema that [JSONSchema] made with the
// doc comments: name, JSON type, whether every document has it, and the
// first sentence of its description.
func DocumentTable(schema []byte) (string, error) {
	type prop struct {
		Type        string `json:"type"`
		Ref         string `json:"$ref"`
		Format      string `json:"format"`
		Description string `json:"description"`
	}
	var s struct {
		Defs map[string]struct {
			Properties map[string]prop `json:"properties"`
			Required   []string        `json:"required"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema, &s); err != nil {
		return "", err
	}
	doc := s.Defs["Document"]
	// The order of the JSON the agent writes.
	var order []string
	for _, f := range reflect.VisibleFields(reflect.TypeFor[compliance.Document]()) {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "" && !f.Anonymous {
			order = append(order, name)
		}
	}
	var b strings.Builder
	b.WriteString("| Field | Type | Always | What it says |\n|---|---|---|---|\n")
	for _, name := range order {
		p, ok := doc.Properties[name]
		if !ok {
			continue
		}
		typ := p.Type
		switch {
		case p.Ref != "":
			typ = "object"
		case p.Format != "":
			typ += " (" + p.Format + ")"
		}
		always := "no"
		for _, r := range doc.Required {
			if r == name {
				always = "yes"
			}
		}
		desc := strings.Join(strings.Fields(p.Description), " ")
		// For JSON readers: doc links as plain words, Go's nil as absent.
		desc = docLink.ReplaceAllString(desc, "$1")
		desc = strings.ReplaceAll(desc, "nil when", "absent when")
		if i := strings.Index(desc, ". "); i >= 0 {
			desc = desc[:i+1]
		}
		b.WriteString("| `" + name + "` | " + typ + " | " + always + " | " + strings.ReplaceAll(desc, "|", `\|`) + " |\n")
	}
	return b.String(), nil
}

var compiled = sync.OnceValues(func() (*validator.Schema, error) {
	b, err := JSONSchema("")
	if err != nil {
		return nil, err
	}
	doc, err := validator.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	c := validator.NewCompiler()
	if err := c.AddResource(SchemaURI, doc); err != nil {
		return nil, err
	}
	return c.Compile(SchemaURI)
})

// ErrInvalid is the error of a text that does not match the schema.
var ErrInvalid = errors.New("does not match the " + compliance.SchemaID + " schema")

// Validate checks the JSON text b against the document's JSON Schema.
func Validate(b []byte) error {
	sch, err := compiled()
	if err != nil {
		return err
	}
	v, err := validator.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if err := sch.Validate(v); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return nil
}
