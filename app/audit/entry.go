package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Schema is the version of an entry's form, in every line's "schema".
const Schema = "grendel.audit/1"

// Role is the kind of process that recorded an entry.
type Role string

// The roles.
const (
	RoleAgent      Role = "agent"
	RoleCLI        Role = "cli"
	RoleSupervisor Role = "supervisor"
	RoleUI         Role = "ui"
)

func (r Role) valid() bool {
	switch r {
	case RoleAgent, RoleCLI, RoleSupervisor, RoleUI:
		return true
	}
	return false
}

// Entry is one recorded event: one line of the file.
type Entry struct {
	// Schema is [Schema].
	Schema string `json:"schema"`
	// Time is when it happened, in UTC to the millisecond.
	Time time.Time `json:"time"`
	// Seq numbers the entries of one process from 1; with PID it tells
	// entries of processes that wrote at the same time apart.
	Seq uint64 `json:"seq"`
	// Role is the process's kind; PID its process ID.
	Role Role `json:"role"`
	PID  int  `json:"pid"`
	// Event is the event's name.
	Event Name `json:"event"`
	// Fields are the event's fields: numbers, booleans and words.
	Fields Fields `json:"fields,omitempty"`
}

// MaxLine is the longest line an entry may take; the reader reports a
// longer one as broken.
const MaxLine = 4096

// Marshal returns the entry as one line of JSON, with its newline. The
// keys of Fields come sorted, so the same entry is always the same line.
func (e Entry) Marshal() ([]byte, error) {
	b, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	if len(b)+1 > MaxLine {
		return nil, fmt.Errorf("an entry of %d bytes, at most %d", len(b)+1, MaxLine)
	}
	return append(b, '\n'), nil
}

// errEntry is the error of a line that is not an entry.
var errEntry = errors.New("not an audit entry")

// entryKeys are the names of an entry's JSON fields, spelt exactly so
// (encoding/json alone would take "Schema" for "schema").
var entryKeys = []string{"schema", "time", "seq", "role", "pid", "event", "fields"}

// parseLine reads one line (without its newline) as an entry: JSON of
// exactly the entry's fields, of a known schema, with a name, a time, a
// role and fields that are numbers, booleans or strings.
func parseLine(line []byte) (Entry, error) {
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(line, &keys); err != nil {
		return Entry{}, fmt.Errorf("%w: %v", errEntry, err)
	}
	for k := range keys {
		if !slices.Contains(entryKeys, k) {
			return Entry{}, fmt.Errorf("%w: field %q", errEntry, k)
		}
	}
	var e Entry
	d := json.NewDecoder(bytes.NewReader(line))
	d.DisallowUnknownFields()
	d.UseNumber()
	if err := d.Decode(&e); err != nil {
		return Entry{}, fmt.Errorf("%w: %v", errEntry, err)
	}
	if d.More() {
		return Entry{}, fmt.Errorf("%w: text after the entry", errEntry)
	}
	switch {
	case !strings.HasPrefix(e.Schema, "grendel.audit/"):
		return Entry{}, fmt.Errorf("%w: schema %q", errEntry, e.Schema)
	case e.Event == "", e.Time.IsZero(), e.Seq == 0, !e.Role.valid():
		return Entry{}, fmt.Errorf("%w: a field is missing", errEntry)
	}
	for k, v := range e.Fields {
		switch x := v.(type) {
		case json.Number:
			n, err := x.Int64()
			if err != nil {
				return Entry{}, fmt.Errorf("%w: field %s is not a whole number", errEntry, k)
			}
			e.Fields[k] = n
		case bool, string:
		default:
			return Entry{}, fmt.Errorf("%w: field %s is %T", errEntry, k, v)
		}
	}
	return e, nil
}

// Int returns the number field k.
func (e Entry) Int(k string) (int64, bool) {
	v, ok := e.Fields[k].(int64)
	return v, ok
}

// Bool returns the boolean field k.
func (e Entry) Bool(k string) (bool, bool) {
	v, ok := e.Fields[k].(bool)
	return v, ok
}

// Word returns the word field k.
func (e Entry) Word(k string) (string, bool) {
	v, ok := e.Fields[k].(string)
	return v, ok
}

// Duration returns the field k, in milliseconds, as a duration.
func (e Entry) Duration(k string) (time.Duration, bool) {
	v, ok := e.Int(k)
	return time.Duration(v) * time.Millisecond, ok
}
