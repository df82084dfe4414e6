package policy

import (
	"cmp"
	"slices"
	"strings"
)

// Store is a place policy is read from: the policy files ([FileStore]) are
// the first; the Windows registry and macOS managed preferences are to
// come. A store only reads. It says what each of its places holds, as a
// [Layer] of raw values, and [LoadStores] does the rest the same way for
// every store: each value is checked against its key (type, bounds,
// allowed values), the layers are merged by precedence and by which way
// is stricter, invalid managed policy fails closed, and every problem is
// reported in the [Snapshot].
type Store interface {
	// ReadPolicy reads what the store holds now, one Layer per place
	// (a file, a registry key), weakest first within each [SourceKind].
	// It never fails: what it cannot read is a problem of its layer.
	ReadPolicy() []Layer
}

// Layer is what one place of a [Store] holds, at one level of precedence.
type Layer struct {
	// Kind is the level: SourceRecommended, SourceUser, SourceManaged or
	// SourceExtra.
	Kind SourceKind
	// Origin names the place in sources and problems: a file's path, a
	// registry key's.
	Origin string
	// Values holds the value of each key that the place sets, as read:
	// for each key [Type], the Go type of [Definition.Default] (an integer
	// of another Go integer type is taken for an int). A value of another
	// type, out of bounds or not allowed is reported and, in a managed or
	// --policy layer, makes its key fail closed.
	Values map[Key]any
	// Unknown lists the names the place holds that are no key, dotted
	// ("lock.timeout") or not. In a managed or --policy layer each makes
	// the keys it may have been meant for fail closed: its group's, or
	// every key for a name in no group. A store maps a name that differs
	// from a key only in case onto the key itself.
	Unknown []string
	// Problems are what the store could not read, with Code and Args as
	// for files; File may be left empty (it becomes Origin). A problem
	// that names a key makes that key invalid, as a bad value does; one
	// that names none, unless it is a warning, makes nothing in the place
	// trustworthy: in a managed or --policy layer every key fails closed.
	Problems []Problem

	// file is the place already read and checked. The JSON parser, which
	// places problems by line and column, sets it for policy files.
	file *File
}

// read returns what the layer holds, checked.
func (l Layer) read() layer {
	if l.file != nil {
		return layer{kind: l.Kind, file: l.file}
	}
	f := &File{Path: l.Origin, Values: map[Key]any{}, Pos: map[Key]Pos{}, Invalid: map[Key]bool{}}
	for _, p := range l.Problems {
		p.File = cmp.Or(p.File, l.Origin)
		f.Problems = append(f.Problems, p)
		switch _, isKey := Lookup(Key(p.Key)); {
		case p.Warning:
		case p.Key == "":
			f.Broken = true
		case isKey:
			f.Invalid[Key(p.Key)] = true
		default:
			f.unknown(p.Key)
		}
	}
	if f.Broken {
		return layer{kind: l.Kind, file: f}
	}
	for _, k := range keys {
		v, set := l.Values[k.Name]
		if !set || f.Invalid[k.Name] {
			continue
		}
		v, problems := k.check(v)
		for _, vp := range problems {
			vp.File = l.Origin
			f.Problems = append(f.Problems, vp.Problem)
		}
		if len(problems) > 0 {
			f.Invalid[k.Name] = true
			continue
		}
		f.Values[k.Name] = v
	}
	unknown := slices.Clone(l.Unknown)
	for name := range l.Values {
		if _, ok := Lookup(name); !ok {
			unknown = append(unknown, string(name))
		}
	}
	slices.Sort(unknown)
	for _, name := range slices.Compact(unknown) {
		f.unknown(name)
		sugg := suggest(name, allKeyNames())
		if !strings.Contains(name, ".") {
			sugg = suggestFlat(name) // a registry value's name
		}
		f.Problems = append(f.Problems, Problem{File: l.Origin, Key: name, Code: CodeUnknownKey,
			Args: map[string]string{"Suggestion": sugg}})
	}
	f.checkBetween()
	return layer{kind: l.Kind, file: f}
}

// unknown records that the file holds name, which is no key: in its
// group, or at the top level when its group is none.
func (f *File) unknown(name string) {
	if f.Unknown == nil {
		f.Unknown = map[string]bool{}
	}
	group := Key(name).Group()
	if !slices.Contains(groupNames(), group) || group == name {
		group = ""
	}
	f.Unknown[group] = true
}

// FileStore is the [Store] of policy files: the *.json files of the
// recommended and managed directories, the user's settings.json and the
// --policy files that its Paths name.
type FileStore struct {
	// Paths are the files to read.
	Paths Paths
}

var _ Store = FileStore{}

// ReadPolicy reads and parses every file, as [ReadFile] does. A managed
// or recommended directory that cannot be listed, or that someone other
// than an administrator may change, is one layer that nothing in it can
// be trusted, as are each such file; a missing directory or user file is
// none.
func (s FileStore) ReadPolicy() []Layer {
	paths := s.Paths
	layers := paths.dirLayers(paths.Recommended, SourceRecommended)
	if paths.User != "" {
		if f, missing := readFile(paths.User, nil); !missing {
			layers = append(layers, layer{kind: SourceUser, file: f})
		}
	}
	layers = append(layers, paths.dirLayers(paths.Managed, SourceManaged)...)
	layers = append(layers, paths.extraLayers()...)
	out := make([]Layer, len(layers))
	for i, l := range layers {
		out[i] = Layer{Kind: l.kind, Origin: l.file.Path, file: l.file}
	}
	return out
}

// LoadStores reads every store and merges what they hold into one
// effective policy. Layers of one kind keep the order of the stores and,
// within a store, their own: among managed layers the later wins. It
// never fails: problems are reported in the Snapshot, and invalid managed
// or --policy layers fail closed.
func LoadStores(stores ...Store) *Snapshot {
	var layers []layer
	for _, s := range stores {
		for _, l := range s.ReadPolicy() {
			layers = append(layers, l.read())
		}
	}
	// Weakest first: recommended, the user's, managed, --policy.
	slices.SortStableFunc(layers, func(a, b layer) int { return cmp.Compare(a.kind, b.kind) })
	return merge(layers, nil)
}
