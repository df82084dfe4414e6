package policy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tailscale/hujson"

	"grendel/internal/atomicfile"
)

// Why SaveUser and ReadUser refuse; a [*UserError] wraps one of them.
var (
	// ErrInvalidSetting means a value given to SaveUser breaks a rule of its
	// key: an unknown name, a wrong type, out of bounds, not in the enum, or
	// lock.warning not less than lock.idle_timeout.
	ErrInvalidSetting = errors.New("invalid setting")
	// ErrUserFileInvalid means the existing settings file cannot be read or
	// has problems. SaveUser leaves it as it is, so that nothing the user
	// wrote is lost; fix or remove it first.
	ErrUserFileInvalid = errors.New("settings file is invalid; fix or remove it (it was left as it is)")
)

// UserError says why [SaveUser] or [ReadUser] refused, with every problem
// found. Its Err is [ErrInvalidSetting] or [ErrUserFileInvalid].
type UserError struct {
	// Path is the settings file.
	Path string
	// Err is ErrInvalidSetting or ErrUserFileInvalid.
	Err error
	// Problems are the coded problems, for the UI to translate. For
	// ErrInvalidSetting they name the key and carry no position (the file
	// was not written); for ErrUserFileInvalid they locate the problem in
	// the existing file.
	Problems []Problem
}

// Error lists the problems in English.
func (e *UserError) Error() string {
	var b strings.Builder
	b.WriteString(e.Err.Error())
	for _, p := range e.Problems {
		b.WriteString("; ")
		if errors.Is(e.Err, ErrInvalidSetting) {
			b.WriteString(p.Key + ": " + p.Message())
		} else {
			b.WriteString(p.Error())
		}
	}
	return b.String()
}

// Unwrap returns Err, for errors.Is.
func (e *UserError) Unwrap() error { return e.Err }

// ReadUser reads the user's settings file at path and returns its values by
// key, typed as in [Definition.Default]. A missing or empty file sets nothing. A
// file that cannot be read or has any problem gives a [*UserError] wrapping
// [ErrUserFileInvalid].
func ReadUser(path string) (map[Key]any, error) {
	f, _, err := readUser(path)
	if err != nil {
		return nil, err
	}
	return f.Values, nil
}

// readUser reads the settings file at path, which must be valid if it
// exists. It returns the parsed file and its text; a missing or empty file
// is an empty object.
func readUser(path string) (*File, []byte, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		data := []byte("{}\n")
		return Parse(path, data), data, nil
	}
	data, p := readLimited(path, nil)
	if p != nil {
		return nil, nil, &UserError{Path: path, Err: ErrUserFileInvalid, Problems: []Problem{*p}}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte("{}\n")
	}
	f := Parse(path, data)
	if !f.OK() {
		return nil, nil, &UserError{Path: path, Err: ErrUserFileInvalid, Problems: f.Problems}
	}
	return f, data, nil
}

// SaveUser changes the user's settings file at path (normally
// DefaultPaths().User): values maps dotted key names to values typed as in
// [Definition.Default] (time.Duration, bool, int, string or []string), and a nil
// value removes the key. Keys not in values keep what the file says, and so
// do its comments.
//
// Every value is checked by the rules that apply when the file is read; if
// any breaks one, or if the existing file cannot be read or has problems,
// nothing is written and the error is a [*UserError]. The file is written
// atomically (a temporary file in the same directory, then a rename) with
// mode 0600; a missing directory is created with mode 0700. A symbolic link
// at path is followed, so a settings file kept elsewhere stays there.
func SaveUser(path string, values map[Key]any) error {
	if path == "" {
		return errors.New("save settings: no settings file on this system")
	}
	names := make([]Key, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	slices.Sort(names)

	var problems []Problem
	for _, name := range names {
		if p := checkGoValue(name, values[name]); p != nil {
			p.File = path
			problems = append(problems, *p)
		}
	}
	if len(problems) > 0 {
		return &UserError{Path: path, Err: ErrInvalidSetting, Problems: problems}
	}

	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	}
	old, data, err := readUser(target)
	if err != nil {
		return err
	}
	if data[len(data)-1] != '\n' {
		data = append(data, '\n') // as Parse does, for a final line comment
	}
	root, err := hujson.Parse(data)
	if err != nil {
		return fmt.Errorf("save settings: %w", err) // Parse accepted it, so this cannot happen
	}
	for _, name := range names {
		if err := patch(&root, old, name, values[name]); err != nil {
			return fmt.Errorf("save settings: %s: %w", name, err)
		}
	}
	root.Format()
	out := root.Pack()

	// The parser's rules, bounds and the rule between keys included, decide
	// what is valid: the same code reads the file back.
	if f := Parse(target, out); !f.OK() {
		for _, p := range f.Problems {
			p.File, p.Line, p.Col = path, 0, 0
			problems = append(problems, p)
		}
		return &UserError{Path: path, Err: ErrInvalidSetting, Problems: problems}
	}
	if err := atomicfile.Write(target, out, 0o600); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	return nil
}

// checkGoValue checks that name is a key and v a value of its Go type, with
// a duration that a file can hold. A nil v (remove the key) always passes.
func checkGoValue(name Key, v any) *Problem {
	k, ok := Lookup(name)
	if !ok {
		return &Problem{Key: string(name), Code: CodeUnknownKey, Args: map[string]string{"Suggestion": suggest(string(name), allKeyNames())}}
	}
	if v == nil {
		return nil
	}
	if got, want := goKind(v), typeKind(k.Type); got != want {
		return &Problem{Key: string(name), Code: CodeWrongType, Args: map[string]string{"Got": got, "Want": want}}
	}
	if d, ok := v.(time.Duration); ok && (d < 0 || d%time.Second != 0) {
		return &Problem{Key: string(name), Code: CodeBadDuration, Args: map[string]string{"Value": strconv.Quote(d.String())}}
	}
	return nil
}

// goKind names the kind of a Go value as [Problem] arguments do.
func goKind(v any) string {
	switch v.(type) {
	case time.Duration:
		return KindDuration
	case bool:
		return KindBool
	case int:
		return KindInteger
	case string:
		return KindString
	case []string:
		return KindList
	case float32, float64, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return KindNumber
	}
	return KindObject
}

// typeKind is the kind a key of type t takes.
func typeKind(t Type) string {
	switch t {
	case TypeDuration:
		return KindDuration
	case TypeBool:
		return KindBool
	case TypeInt:
		return KindInteger
	case TypeEnum:
		return KindString
	}
	return KindList
}

// patch sets or removes one key in root, whose parse is old.
func patch(root *hujson.Value, old *File, name Key, v any) error {
	group, leaf, _ := strings.Cut(string(name), ".")
	groupPtr, keyPtr := "/"+group, "/"+group+"/"+leaf
	var ops []map[string]any
	switch {
	case v == nil:
		if _, set := old.Values[name]; !set {
			return nil
		}
		ops = append(ops, map[string]any{"op": "remove", "path": keyPtr})
	case root.Find(groupPtr) == nil:
		ops = append(ops, map[string]any{"op": "add", "path": groupPtr, "value": map[string]any{leaf: jsonValue(v)}})
	default:
		ops = append(ops, map[string]any{"op": "add", "path": keyPtr, "value": jsonValue(v)})
	}
	if err := applyPatch(root, ops); err != nil {
		return err
	}
	// A group left empty goes too.
	if g := root.Find(groupPtr); g != nil {
		if obj, ok := g.Value.(*hujson.Object); ok && len(obj.Members) == 0 {
			return applyPatch(root, []map[string]any{{"op": "remove", "path": groupPtr}})
		}
	}
	return nil
}

func applyPatch(root *hujson.Value, ops []map[string]any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ops); err != nil {
		return err
	}
	return root.Patch(b.Bytes())
}

// BoundKind says how managed and --policy files constrain a key in the
// user's settings.
type BoundKind int

// The ways a key can be constrained.
const (
	// BoundFree: no managed or --policy file sets the key, so the user's
	// value applies as it is.
	BoundFree BoundKind = iota
	// BoundFixed: a managed or --policy file sets a key without an order (or
	// fails closed for it), so the user's value is ignored.
	BoundFixed
	// BoundLimited: a managed or --policy file sets a key with an order (or
	// fails closed for it), so the user's value applies only where it is at
	// least as strict; lists add up.
	BoundLimited
)

// String names the kind in English, for logs and tests.
func (k BoundKind) String() string {
	switch k {
	case BoundFree:
		return "free"
	case BoundFixed:
		return "fixed"
	case BoundLimited:
		return "limited"
	}
	return fmt.Sprintf("BoundKind(%d)", int(k))
}

// Bound is what the user's settings file may set for one key.
type Bound struct {
	// Key is the key.
	Key Key
	// Kind says whether the key is free, fixed or limited.
	Kind BoundKind
	// Value is the value that fixes or limits the key, typed as in
	// [Definition.Default]; nil when the key is free.
	Value any
	// Min and Max are the values the user may choose for a duration or
	// integer key (inclusive, typed as in [Definition.Default]), already narrowed
	// by Value; nil for other keys.
	Min, Max any
	// Source is the file that fixes or limits the key: a managed file, an
	// invalid one (SourceStrictDefault) or a --policy file.
	Source Source
}

// Allows reports whether the user may choose v for the key and have it take
// effect: v has the key's type, lies within Min and Max, is one of the
// key's enum values, equals Value for a fixed key, and is at least as strict
// as Value for a limited true/false key. It does not check list entries;
// [SaveUser] does.
func (b Bound) Allows(v any) bool {
	k, ok := Lookup(b.Key)
	if !ok || v == nil || goKind(v) != typeKind(k.Type) {
		return false
	}
	if b.Kind == BoundFixed {
		return equalValue(v, b.Value)
	}
	switch {
	case k.Bounded():
		return number(v) >= number(b.Min) && number(v) <= number(b.Max)
	case k.Type == TypeEnum:
		return slices.Contains(k.Enum, v.(string))
	case b.Kind == BoundLimited && (k.Order == TrueIsStricter || k.Order == FalseIsStricter):
		return v == b.Value || stricter(k, v, b.Value)
	}
	return true
}

func equalValue(a, b any) bool {
	if la, ok := a.([]string); ok {
		lb, ok := b.([]string)
		return ok && slices.Equal(la, lb)
	}
	return a == b
}

// Bounds holds the [Bound] of every key, by name.
type Bounds map[Key]Bound

// UserBounds reads the managed and --policy files of paths (not the
// recommended files or the user's own) and returns, for every key, what
// they leave the user's settings file free to set.
//
// It reads the files itself because a [Snapshot] cannot tell: where the
// user (or the built-in default) is stricter than IT, the snapshot holds
// that value, not the limit.
func UserBounds(paths Paths) Bounds {
	// Merge a user file that holds the loosest value of every ordered key:
	// what survives the merge is what managed and --policy files impose.
	loosest := &File{Path: "", Values: map[Key]any{}, Invalid: map[Key]bool{}}
	for _, k := range keys {
		if v, ok := loosestValue(k); ok {
			loosest.Values[k.Name] = v
		}
	}
	managed := paths.dirLayers(paths.Managed, SourceManaged)
	layers := append([]layer{{kind: SourceUser, file: loosest}}, managed...)
	layers = append(layers, paths.extraLayers()...)

	out := Bounds{}
	for _, k := range keys {
		b := Bound{Key: k.Name}
		if k.Bounded() {
			b.Min, b.Max = typed(k, k.Min), typed(k, k.Max)
		}
		v, src := mergeKey(k, layers)
		switch src.Kind {
		case SourceManaged, SourceStrictDefault, SourceExtra:
			b.Value, b.Source, b.Kind = v, src, BoundLimited
			switch k.Order {
			case NoOrder:
				b.Kind = BoundFixed
				if k.Bounded() {
					b.Min, b.Max = v, v
				}
			case LowerIsStricter:
				b.Max = v
			case HigherIsStricter:
				b.Min = v
			}
		}
		out[k.Name] = b
	}
	return out
}

// loosestValue returns the least strict value of a key with an order.
func loosestValue(k Definition) (any, bool) {
	switch k.Order {
	case LowerIsStricter:
		return typed(k, k.Max), true
	case HigherIsStricter:
		return typed(k, k.Min), true
	case TrueIsStricter:
		return false, true
	case FalseIsStricter:
		return true, true
	case UnionIsStricter:
		return []string(nil), true
	}
	return nil, false
}

// typed returns n as the Go type of k's values: a time.Duration or an int.
func typed(k Definition, n int64) any {
	if k.Type == TypeDuration {
		return time.Duration(n)
	}
	return int(n)
}
