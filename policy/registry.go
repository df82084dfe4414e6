package policy

import (
	"cmp"
	"encoding/binary"
	"errors"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// RegistryPath is where Group Policy and Intune write Grendel's policy,
// under HKEY_LOCAL_MACHINE (for the computer) and HKEY_CURRENT_USER (for
// the user). Its subkey [RegistryRecommended] holds recommended values.
const RegistryPath = `Software\Policies\Grendel\Grendel`

// RegistryRecommended is the subkey of a policy key that holds the
// recommended values, which the user may change.
const RegistryRecommended = "Recommended"

// Registry value types, as the Windows registry numbers them.
const (
	RegSZ       uint32 = 1  // REG_SZ: a string
	RegExpandSZ uint32 = 2  // REG_EXPAND_SZ: a string with %VARIABLES%
	RegBinary   uint32 = 3  // REG_BINARY
	RegDWord    uint32 = 4  // REG_DWORD: a 32-bit number, little-endian
	RegMultiSZ  uint32 = 7  // REG_MULTI_SZ: a list of strings
	RegQWord    uint32 = 11 // REG_QWORD: a 64-bit number, little-endian
)

// maxRegistryValue bounds the bytes of one registry value that the store
// reads: a list at its longest (1000 entries of 256 characters, UTF-16)
// fits with room to spare.
const maxRegistryValue = 1 << 20

// RegistryKey is an open registry key, all the registry store needs of
// one: [RegistryStore] reads through it, the Windows registry implements it
// (registry_windows.go) and [MemoryKey] in memory for tests and templates.
type RegistryKey interface {
	// OpenKey opens the subkey at path (names joined with `\`) for
	// reading; an error wrapping [fs.ErrNotExist] if there is none.
	OpenKey(path string) (RegistryKey, error)
	// ValueNames lists the names of the key's values.
	ValueNames() ([]string, error)
	// SubKeyNames lists the names of the key's subkeys.
	SubKeyNames() ([]string, error)
	// Value returns the type and raw bytes of the named value; an error
	// wrapping [fs.ErrNotExist] if there is none. A value larger than
	// limit bytes may be returned cut short, with its true type.
	Value(name string, limit int) (typ uint32, data []byte, err error)
	// Close releases the key.
	Close() error
}

// Hive is one root of the registry that the registry store reads.
type Hive struct {
	// Name names the root in origins: "HKLM" or "HKCU".
	Name string
	// Machine is true for the computer's root (HKLM): only there may
	// machine-only keys such as lock.command be set.
	Machine bool
	// Root is the root key.
	Root RegistryKey
}

// RegistryStore is the [Store] of the Windows registry: the policy key
// [RegistryPath] of each hive (managed) and its [RegistryRecommended]
// subkey (recommended). Values are as Group Policy writes them: a duration
// as a REG_DWORD of seconds (named with [Definition.FlatName], which ends
// in "Seconds"), an integer as a REG_DWORD, true and false as a REG_DWORD
// 1 and 0, an allowed value as a REG_SZ, and a list as a subkey of the
// same name holding REG_SZ values named 1, 2, 3 … (as an ADMX list writes
// them) or as one REG_MULTI_SZ value. A value or subkey of another name
// (a typo such as "Recomended") is an unknown key: reported, with the
// closest known name, and in the managed policy key it makes every key
// fail closed, as an unknown name does in a managed file.
type RegistryStore struct {
	// Hives are the roots to read, weakest first: HKCU, then HKLM, so
	// that the computer's policy wins over the user's.
	Hives []Hive
	// Path is the policy key under each root; [RegistryPath] when empty.
	Path string
}

var _ Store = RegistryStore{}

// ReadPolicy reads the policy key of each hive and its recommended
// subkey, one [Layer] each; a key that does not exist is none. A key that
// cannot be opened or listed is a layer with a problem that names no key,
// so that nothing managed from there is trusted.
func (s RegistryStore) ReadPolicy() []Layer {
	path := s.Path
	if path == "" {
		path = RegistryPath
	}
	var managed, recommended []Layer
	for _, h := range s.Hives {
		if l, ok := readRegistryLayer(h, path+`\`+RegistryRecommended, SourceRecommended); ok {
			recommended = append(recommended, l)
		}
		if l, ok := readRegistryLayer(h, path, SourceManaged); ok {
			managed = append(managed, l)
		}
	}
	return append(recommended, managed...)
}

// isRegistryOrigin reports whether origin names a registry key (HKLM\…,
// HKCU\…) rather than a file: a place without lines and columns.
func isRegistryOrigin(origin string) bool {
	return strings.HasPrefix(origin, `HKLM\`) || strings.HasPrefix(origin, `HKCU\`)
}

// readRegistryLayer reads one policy key; ok is false when it does not
// exist.
func readRegistryLayer(h Hive, path string, kind SourceKind) (l Layer, ok bool) {
	l = Layer{Kind: kind, Origin: h.Name + `\` + path, Values: map[Key]any{}}
	broken := func(err error) (Layer, bool) {
		l.Problems = append(l.Problems, Problem{Code: CodeKeyUnreadable, Args: map[string]string{"Detail": err.Error()}})
		return l, true
	}
	if h.Root == nil {
		return l, false
	}
	k, err := h.Root.OpenKey(path)
	if errors.Is(err, fs.ErrNotExist) {
		return l, false
	}
	if err != nil {
		return broken(err)
	}
	defer k.Close()
	names, err := k.ValueNames()
	if err != nil {
		return broken(err)
	}
	seen := map[Key]bool{}
	for _, name := range names {
		d, known := LookupFlat(name)
		if !known {
			if name != "" { // the key's default value, which no policy uses
				l.Unknown = append(l.Unknown, name)
			}
			continue
		}
		seen[d.Name] = true
		if d.MachineOnly && !h.Machine {
			l.Problems = append(l.Problems, machineOnly(d))
			continue
		}
		typ, data, err := k.Value(name, maxRegistryValue+1)
		if err != nil {
			l.Problems = append(l.Problems, Problem{Key: string(d.Name), Code: CodeKeyUnreadable, Args: map[string]string{"Detail": err.Error()}})
			continue
		}
		if len(data) > maxRegistryValue {
			l.Problems = append(l.Problems, tooLarge(d))
			continue
		}
		v, p := DecodeRegistryValue(d, typ, data)
		if p != nil {
			l.Problems = append(l.Problems, *p)
			continue
		}
		l.Values[d.Name] = v
	}
	for _, d := range keys {
		if d.Type != TypeStringList && d.Type != TypeArgv {
			continue
		}
		sub, err := k.OpenKey(d.FlatName())
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		switch {
		case d.MachineOnly && !h.Machine:
			if !seen[d.Name] {
				l.Problems = append(l.Problems, machineOnly(d))
			}
		case seen[d.Name]:
			delete(l.Values, d.Name)
			l.Problems = append(l.Problems, Problem{Key: string(d.Name), Code: CodeDuplicateKey})
		case err != nil:
			l.Problems = append(l.Problems, Problem{File: l.Origin + `\` + d.FlatName(), Key: string(d.Name), Code: CodeKeyUnreadable, Args: map[string]string{"Detail": err.Error()}})
		default:
			v, p := readRegistryList(d, sub)
			if p != nil {
				p.File = l.Origin + `\` + d.FlatName() // the list's own key
				l.Problems = append(l.Problems, *p)
			} else {
				l.Values[d.Name] = v
			}
		}
		if sub != nil {
			sub.Close()
		}
	}
	subkeys, err := k.SubKeyNames()
	if err != nil {
		return broken(err)
	}
	known := registrySubkeys(kind)
	for _, name := range subkeys {
		if !slices.ContainsFunc(known, func(k string) bool { return strings.EqualFold(k, name) }) {
			l.Problems = append(l.Problems, Problem{Key: name, Code: CodeUnknownKey, Args: map[string]string{"Suggestion": suggest(name, known)}})
		}
	}
	return l, true
}

// registrySubkeys returns the names of the subkeys a policy key of kind
// may have: a list's (named by [Definition.FlatName]) and, in the managed
// key, [RegistryRecommended].
func registrySubkeys(kind SourceKind) []string {
	var names []string
	if kind == SourceManaged {
		names = append(names, RegistryRecommended)
	}
	for _, d := range keys {
		if d.Type == TypeStringList || d.Type == TypeArgv {
			names = append(names, d.FlatName())
		}
	}
	return names
}

// machineOnly is the warning for a machine-only key set for the user: it
// is ignored, and nothing fails closed for it.
func machineOnly(d Definition) Problem {
	return Problem{Key: string(d.Name), Code: CodeMachineOnly, Warning: true}
}

// tooLarge is the problem of a value larger than the store reads.
func tooLarge(d Definition) Problem {
	return Problem{Key: string(d.Name), Code: CodeValueTooLarge, Args: map[string]string{"Limit": strconv.Itoa(maxRegistryValue)}}
}

// readRegistryList reads a list from its subkey: REG_SZ values named 1,
// 2, 3 …, in the order of their numbers.
func readRegistryList(d Definition, k RegistryKey) (any, *Problem) {
	names, err := k.ValueNames()
	if err != nil {
		return nil, &Problem{Key: string(d.Name), Code: CodeKeyUnreadable, Args: map[string]string{"Detail": err.Error()}}
	}
	type entry struct {
		n    uint64
		text string
	}
	var entries []entry
	for _, name := range names {
		n, err := strconv.ParseUint(name, 10, 32)
		if err != nil || n == 0 || strconv.FormatUint(n, 10) != name {
			return nil, &Problem{Key: string(d.Name), Code: CodeListValueName, Args: map[string]string{"Name": strconv.Quote(name)}}
		}
		if len(entries) >= maxListEntries {
			return nil, &Problem{Key: string(d.Name), Code: CodeTooManyEntries,
				Args: map[string]string{"Count": strconv.Itoa(len(names)), "Max": strconv.FormatInt(d.Max, 10)}}
		}
		typ, data, err := k.Value(name, maxRegistryValue+1)
		if err != nil {
			return nil, &Problem{Key: string(d.Name), Code: CodeKeyUnreadable, Args: map[string]string{"Detail": err.Error()}}
		}
		if len(data) > maxRegistryValue {
			p := tooLarge(d)
			return nil, &p
		}
		if typ != RegSZ {
			return nil, wrongRegType(d, typ, "REG_SZ")
		}
		entries = append(entries, entry{n, decodeUTF16(data)})
	}
	slices.SortFunc(entries, func(a, b entry) int { return cmp.Compare(a.n, b.n) })
	list := make([]string, len(entries))
	for i, e := range entries {
		list[i] = e.text
	}
	return list, nil
}

// DecodeRegistryValue turns the raw bytes of a registry value into the
// value of key d, as [Layer.Values] holds it (unchecked: bounds and
// allowed values are checked by [LoadStores]), or a problem when the
// value's type is not the one the key is written as, or a bool is
// neither 0 nor 1. data is hostile: any bytes are turned into a value or
// a problem, never a panic.
func DecodeRegistryValue(d Definition, typ uint32, data []byte) (any, *Problem) {
	switch d.Type {
	case TypeDuration, TypeInt, TypeBool:
		var n uint64
		switch {
		case typ == RegDWord && len(data) == 4:
			n = uint64(binary.LittleEndian.Uint32(data))
		case typ == RegQWord && len(data) == 8:
			n = binary.LittleEndian.Uint64(data)
		case typ == RegDWord || typ == RegQWord:
			return nil, &Problem{Key: string(d.Name), Code: CodeRegistrySize, Args: map[string]string{"Size": strconv.Itoa(len(data))}}
		default:
			return nil, wrongRegType(d, typ, "REG_DWORD")
		}
		switch d.Type {
		case TypeDuration:
			if n > uint64(d.Max/int64(time.Second)) {
				return nil, &Problem{Key: string(d.Name), Code: CodeOutOfRange, Args: map[string]string{
					"Value": strconv.FormatUint(n, 10), "Min": strconv.FormatInt(d.Min/int64(time.Second), 10),
					"Max": strconv.FormatInt(d.Max/int64(time.Second), 10)}}
			}
			return time.Duration(n) * time.Second, nil
		case TypeBool:
			if n > 1 {
				return nil, &Problem{Key: string(d.Name), Code: CodeOutOfRange, Args: map[string]string{
					"Value": strconv.FormatUint(n, 10), "Min": "0", "Max": "1"}}
			}
			return n == 1, nil
		}
		return n, nil
	case TypeEnum:
		if typ != RegSZ {
			return nil, wrongRegType(d, typ, "REG_SZ")
		}
		return decodeUTF16(data), nil
	case TypeStringList, TypeArgv:
		if typ != RegMultiSZ {
			return nil, wrongRegType(d, typ, "REG_MULTI_SZ")
		}
		return decodeMultiSZ(data), nil
	}
	return nil, wrongRegType(d, typ, "")
}

// wrongRegType is the problem of a value of the wrong registry type.
func wrongRegType(d Definition, typ uint32, want string) *Problem {
	return &Problem{Key: string(d.Name), Code: CodeRegistryType, Args: map[string]string{"Type": RegTypeName(typ), "WantType": want}}
}

// RegTypeName returns the registry's name of a value type, such as
// "REG_SZ", or the number of one it does not know.
func RegTypeName(typ uint32) string {
	switch typ {
	case 0:
		return "REG_NONE"
	case RegSZ:
		return "REG_SZ"
	case RegExpandSZ:
		return "REG_EXPAND_SZ"
	case RegBinary:
		return "REG_BINARY"
	case RegDWord:
		return "REG_DWORD"
	case 5:
		return "REG_DWORD_BIG_ENDIAN"
	case 6:
		return "REG_LINK"
	case RegMultiSZ:
		return "REG_MULTI_SZ"
	case RegQWord:
		return "REG_QWORD"
	}
	return "type " + strconv.FormatUint(uint64(typ), 10)
}

// utf16Units returns data as UTF-16 code units (little-endian), dropping
// an odd last byte.
func utf16Units(data []byte) []uint16 {
	u := make([]uint16, len(data)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(data[2*i:])
	}
	return u
}

// decodeUTF16 returns a REG_SZ's text: up to its first NUL, as the
// registry's own readers do; unpaired surrogates become U+FFFD.
func decodeUTF16(data []byte) string {
	u := utf16Units(data)
	if i := slices.Index(u, 0); i >= 0 {
		u = u[:i]
	}
	return string(utf16.Decode(u))
}

// decodeMultiSZ returns a REG_MULTI_SZ's strings: NUL-separated, ended by
// an empty one (a missing end is tolerated).
func decodeMultiSZ(data []byte) []string {
	u := utf16Units(data)
	var out []string
	for len(u) > 0 {
		i := slices.Index(u, 0)
		if i < 0 {
			i = len(u)
		}
		if i == 0 {
			break // the empty string that ends the list
		}
		out = append(out, string(utf16.Decode(u[:i])))
		u = u[min(i+1, len(u)):]
	}
	return out
}

// EncodeRegistryString returns s as a REG_SZ's bytes: UTF-16LE with its
// NUL.
func EncodeRegistryString(s string) []byte {
	return encodeUnits(append(utf16.Encode([]rune(s)), 0))
}

// EncodeRegistryStrings returns l as a REG_MULTI_SZ's bytes.
func EncodeRegistryStrings(l []string) []byte {
	var u []uint16
	for _, s := range l {
		u = append(append(u, utf16.Encode([]rune(s))...), 0)
	}
	return encodeUnits(append(u, 0))
}

// EncodeRegistryDWord returns n as a REG_DWORD's bytes.
func EncodeRegistryDWord(n uint32) []byte {
	return binary.LittleEndian.AppendUint32(nil, n)
}

func encodeUnits(u []uint16) []byte {
	b := make([]byte, 0, 2*len(u))
	for _, x := range u {
		b = binary.LittleEndian.AppendUint16(b, x)
	}
	return b
}

// MemoryKey is a registry key held in memory: a [RegistryKey] for tests
// and for checking templates against the reader, with no Windows needed.
// The zero value is an empty key; names are matched without regard to
// case, as the registry does.
type MemoryKey struct {
	// name is the key's name as it was created; "" for a root.
	name    string
	values  map[string]memoryValue
	subkeys map[string]*MemoryKey
}

type memoryValue struct {
	name string
	typ  uint32
	data []byte
}

var _ RegistryKey = (*MemoryKey)(nil)

// Create returns the subkey at path, creating it and the keys on the way
// as needed.
func (m *MemoryKey) Create(path string) *MemoryKey {
	k := m
	for _, name := range strings.Split(path, `\`) {
		if k.subkeys == nil {
			k.subkeys = map[string]*MemoryKey{}
		}
		next, ok := k.subkeys[strings.ToLower(name)]
		if !ok {
			next = &MemoryKey{name: name}
			k.subkeys[strings.ToLower(name)] = next
		}
		k = next
	}
	return k
}

// Set sets the named value, replacing any of that name.
func (m *MemoryKey) Set(name string, typ uint32, data []byte) {
	if m.values == nil {
		m.values = map[string]memoryValue{}
	}
	m.values[strings.ToLower(name)] = memoryValue{name, typ, slices.Clone(data)}
}

// Delete deletes the named value and the subkey of that name, if any.
func (m *MemoryKey) Delete(name string) {
	delete(m.values, strings.ToLower(name))
	delete(m.subkeys, strings.ToLower(name))
}

// OpenKey implements [RegistryKey].
func (m *MemoryKey) OpenKey(path string) (RegistryKey, error) {
	k := m
	for _, name := range strings.Split(path, `\`) {
		next, ok := k.subkeys[strings.ToLower(name)]
		if !ok {
			return nil, fs.ErrNotExist
		}
		k = next
	}
	return k, nil
}

// ValueNames implements [RegistryKey].
func (m *MemoryKey) ValueNames() ([]string, error) {
	var names []string
	for _, v := range m.values {
		names = append(names, v.name)
	}
	slices.Sort(names)
	return names, nil
}

// SubKeyNames implements [RegistryKey].
func (m *MemoryKey) SubKeyNames() ([]string, error) {
	var names []string
	for _, k := range m.subkeys {
		names = append(names, k.name)
	}
	slices.Sort(names)
	return names, nil
}

// Value implements [RegistryKey].
func (m *MemoryKey) Value(name string, limit int) (uint32, []byte, error) {
	v, ok := m.values[strings.ToLower(name)]
	if !ok {
		return 0, nil, fs.ErrNotExist
	}
	return v.typ, slices.Clone(v.data[:min(len(v.data), limit)]), nil
}

// Close implements [RegistryKey]; there is nothing to release.
func (m *MemoryKey) Close() error { return nil }
