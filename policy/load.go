package policy

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

// Paths says where policy is read from. Empty fields are skipped.
type Paths struct {
	// Managed is the directory of managed files (*.json), which IT pushes.
	Managed string
	// Recommended is the directory of recommended files (*.json).
	Recommended string
	// User is the user's own settings.json.
	User string
	// Extra are files given with --policy; they can only tighten.
	Extra []string
	// Platform are the platform's own policy stores, read after the files:
	// the Windows registry, macOS managed preferences. [DefaultPaths] sets
	// them (none on Linux); a store that is also a [Notifier] is watched.
	Platform []Store
	// trust, if not nil, says who may own and change Managed and
	// Recommended (see [trustAnchor]). [DefaultPaths] sets it; paths that a
	// caller names itself (tests) are the caller's to vouch for.
	trust *trustAnchor
}

// SourceKind says which layer an effective value came from.
type SourceKind int

// The layers, from weakest to strongest.
const (
	// SourceDefault is the built-in default.
	SourceDefault SourceKind = iota
	// SourceRecommended is a recommended file.
	SourceRecommended
	// SourceUser is the user's settings.json.
	SourceUser
	// SourceManaged is a managed file.
	SourceManaged
	// SourceExtra is a --policy file.
	SourceExtra
	// SourceStrictDefault is the built-in default, enforced because a managed
	// or --policy file that may set the key is invalid.
	SourceStrictDefault
)

// String names the kind in English, for logs and JSON.
func (k SourceKind) String() string {
	return [...]string{"default", "recommended", "user", "managed", "policy-flag", "strict-default"}[k]
}

// Source says where a key's effective value came from.
type Source struct {
	// Kind is the layer.
	Kind SourceKind
	// File is the file that set the value; for SourceStrictDefault, the
	// invalid file that caused it.
	File string
	// Limited is true when the value was shortened to keep lock.warning below
	// lock.idle_timeout.
	Limited bool
	// Cause is, for SourceStrictDefault, the kind of the invalid file:
	// SourceManaged or SourceExtra.
	Cause SourceKind
}

// Snapshot is the effective policy at one moment.
type Snapshot struct {
	// Settings are the effective values.
	Settings Settings
	// Sources says, for each key, where its value came from.
	Sources map[Key]Source
	// Problems lists every problem in every file read, then one
	// CodeStrictDefaults entry per managed or --policy file that fails closed.
	Problems []Problem
	// FailedClosed is true when some key runs on a strict default because a
	// managed or --policy file is invalid.
	FailedClosed bool
	// Read lists the files that were read, weakest first.
	Read []string
	// Generation orders the snapshots of one [Loader]: a load that starts
	// later has a higher one. It is 0 for a snapshot from [Load].
	Generation uint64
}

// layer is the parsed content of one file and where it sits.
type layer struct {
	kind SourceKind
	file *File
}

// Load reads every file and platform store that paths name and merges
// them: it is [LoadStores] of a [FileStore] and [Paths.Platform]. It never fails: problems are
// reported in the Snapshot, and invalid managed or --policy files fail
// closed.
func Load(paths Paths) *Snapshot {
	return LoadStores(paths.stores()...)
}

// dirLayers reads the *.json files of a managed or recommended directory
// as layers of kind. A directory that cannot be listed, or that someone
// other than an administrator may change, is reported and becomes one
// broken layer that holds the problem: for managed policy, every key
// fails closed (its strict value), as the directory may have held
// anything; recommended policy is ignored. A file that cannot be read or
// trusted is a broken layer of its own.
func (paths Paths) dirLayers(dir string, kind SourceKind) []layer {
	files, p := listDir(dir, paths.trust)
	if p != nil {
		return []layer{{kind: kind, file: &File{Path: dir, Broken: true, Values: map[Key]any{}, Invalid: map[Key]bool{}, Problems: []Problem{*p}}}}
	}
	var layers []layer
	for _, f := range files {
		var check func(*os.File, fs.FileInfo) *Problem
		if paths.trust != nil {
			check = paths.trust.file(f)
		}
		file, _ := readFile(f, check)
		layers = append(layers, layer{kind: kind, file: file})
	}
	return layers
}

// extraLayers reads the --policy files.
func (paths Paths) extraLayers() []layer {
	var layers []layer
	for _, f := range paths.Extra {
		layers = append(layers, layer{kind: SourceExtra, file: ReadFile(f)})
	}
	return layers
}

// listDir returns the *.json files of dir in lexical order. A missing
// directory is no problem; an unreadable one is, and so, if trust is not
// nil, is one that it does not trust.
func listDir(dir string, trust *trustAnchor) ([]string, *Problem) {
	if dir == "" {
		return nil, nil
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		// Windows says "path not found" also when dir is a file: that is
		// no missing directory but one that cannot be listed.
		if _, lerr := os.Lstat(dir); lerr == nil {
			err = &fs.PathError{Op: "readdir", Path: dir, Err: syscall.ENOTDIR}
		} else {
			return nil, nil
		}
	}
	if err != nil {
		return nil, &Problem{File: dir, Code: CodeDirUnreadable, Args: osArgs(err)}
	}
	if trust != nil {
		if p := trust.chain(dir); p != nil {
			p.File = dir
			return nil, p
		}
	}
	var files []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".json") {
			continue
		}
		files = append(files, filepath.Join(dir, name))
	}
	return files, nil
}

// failsClosed reports whether the layer's file fails closed for key: it is
// broken, the key's value is invalid, or, in a managed or --policy file, a
// name that is no key stands in the key's group or at the top level. Such
// a name may have been meant for any key there (lock.timeout for
// lock.idle_timeout, which no did-you-mean catches), and a managed file
// must never leave the key it was meant to set at the user's value.
func (l layer) failsClosed(key Key) bool {
	if l.file.Broken || l.file.Invalid[key] {
		return true
	}
	if l.kind != SourceManaged && l.kind != SourceExtra {
		return false
	}
	return l.file.Unknown[""] || l.file.Unknown[key.Group()]
}

// merge combines the layers, weakest first, into a Snapshot.
func merge(layers []layer, problems []Problem) *Snapshot {
	s := &Snapshot{Settings: Defaults(), Sources: map[Key]Source{}}
	for _, l := range layers {
		s.Read = append(s.Read, l.file.Path)
		problems = append(problems, l.file.Problems...)
	}
	for _, k := range keys {
		v, src := mergeKey(k, layers)
		if !s.Settings.set(k, v) {
			// Every value was checked against its key; were one not of
			// its type after all, the key would still fail closed.
			s.Settings.set(k, k.StrictDefault())
			src = Source{Kind: SourceStrictDefault}
		}
		s.Sources[k.Name] = src
		if src.Kind == SourceStrictDefault {
			s.FailedClosed = true
		}
	}
	limitWarning(s)
	for _, l := range layers {
		if l.kind != SourceManaged && l.kind != SourceExtra {
			continue
		}
		if l.file.Broken || len(l.file.Invalid) > 0 || len(l.file.Unknown) > 0 {
			var affected []string
			for _, k := range keys {
				if l.failsClosed(k.Name) {
					affected = append(affected, string(k.Name))
				}
			}
			problems = append(problems, Problem{File: l.file.Path, Code: CodeStrictDefaults, Args: map[string]string{"Keys": strings.Join(affected, ", ")}})
			s.FailedClosed = true
		}
	}
	s.Problems = problems
	return s
}

// mergeKey computes one key's effective value and its source.
func mergeKey(k Definition, layers []layer) (any, Source) {
	cur, src := k.Default, Source{Kind: SourceDefault}
	// Recommended files, then the user's settings: each replaces the last.
	userSet := false
	for _, l := range layers {
		if l.kind != SourceRecommended && l.kind != SourceUser {
			continue
		}
		if v, ok := l.file.Values[k.Name]; ok {
			cur, src = v, Source{Kind: l.kind, File: l.file.Path}
			userSet = l.kind == SourceUser
		}
	}
	userVal, userSrc := cur, src

	// Managed files: the later file wins; an invalid one poisons the key.
	var managed any
	var managedSrc Source
	managedSet, poisoned := false, false
	var poisonFile string
	for _, l := range layers {
		if l.kind != SourceManaged {
			continue
		}
		if l.failsClosed(k.Name) {
			poisoned, poisonFile = true, l.file.Path
		}
		// A file that fails closed for the key may still set it validly
		// (beside a stray name in its group): stricter, that value stands.
		if v, ok := l.file.Values[k.Name]; ok {
			managed, managedSrc, managedSet = v, Source{Kind: SourceManaged, File: l.file.Path}, true
		}
	}
	if poisoned {
		// Fail closed: the strict value, or a valid managed value if that
		// is as strict or stricter (then the managed file is its source:
		// IT set it).
		strict, strictSrc := k.StrictDefault(), Source{Kind: SourceStrictDefault, File: poisonFile, Cause: SourceManaged}
		if managedSet && k.Order != NoOrder && (k.Order == UnionIsStricter || !stricter(k, strict, managed)) {
			strict, strictSrc = combine(k, managed, strict), managedSrc
		}
		managed, managedSrc, managedSet = strict, strictSrc, true
	}
	if managedSet {
		switch {
		case k.Order == NoOrder:
			cur, src = managed, managedSrc
		case k.Order == UnionIsStricter:
			cur, src = combine(k, managed, userVal), managedSrc
		case userSet && stricter(k, userVal, managed):
			cur, src = userVal, userSrc // the user may be stricter than IT
		default:
			cur, src = managed, managedSrc
		}
	}

	// --policy files can only tighten, and set unordered keys IT leaves alone.
	for _, l := range layers {
		if l.kind != SourceExtra {
			continue
		}
		v, ok := l.file.Values[k.Name]
		fsrc := Source{Kind: SourceExtra, File: l.file.Path}
		// Failing closed, a valid value the file sets still stands if it
		// is stricter than the strict default (or a list, which adds up).
		if l.failsClosed(k.Name) && !(ok && (k.Order == UnionIsStricter || stricter(k, v, k.StrictDefault()))) {
			v, ok, fsrc = k.StrictDefault(), true, Source{Kind: SourceStrictDefault, File: l.file.Path, Cause: SourceExtra}
		}
		if !ok {
			continue
		}
		switch {
		case k.Order == NoOrder:
			if !managedSet {
				cur, src = v, fsrc
			}
		case k.Order == UnionIsStricter:
			cur = combine(k, cur, v)
			if len(v.([]string)) > 0 {
				src = fsrc
			}
		case stricter(k, v, cur):
			cur, src = v, fsrc
		case fsrc.Kind == SourceStrictDefault && !stricter(k, cur, v):
			src = fsrc // equal to the strict default: say why it holds
		}
	}
	return cur, src
}

// stricter reports whether a is strictly stricter than b for key k.
func stricter(k Definition, a, b any) bool {
	switch k.Order {
	case LowerIsStricter, HigherIsStricter:
		x, y := number(a), number(b)
		if k.Order == LowerIsStricter {
			return x < y
		}
		return x > y
	case TrueIsStricter:
		return a.(bool) && !b.(bool)
	case FalseIsStricter:
		return !a.(bool) && b.(bool)
	case UnionIsStricter:
		return len(combine(k, a, b).([]string)) > len(b.([]string))
	}
	return false
}

// combine returns the union of two lists for UnionIsStricter keys, and a
// otherwise. Entries compare without regard to case; the first spelling stays.
func combine(k Definition, a, b any) any {
	if k.Order != UnionIsStricter {
		return a
	}
	var out []string
	seen := map[string]bool{}
	for _, list := range [][]string{a.([]string), b.([]string)} {
		for _, w := range list {
			if key := strings.ToLower(w); !seen[key] {
				seen[key] = true
				out = append(out, w)
			}
		}
	}
	return out
}

func number(v any) int64 {
	switch x := v.(type) {
	case time.Duration:
		return int64(x)
	case int:
		return int64(x)
	}
	panic("policy: not a number")
}

// limitWarning keeps the warning shorter than the idle timeout when they come
// from different layers: half the timeout at most.
func limitWarning(s *Snapshot) {
	l := &s.Settings.Lock
	if l.Warning < l.IdleTimeout {
		return
	}
	l.Warning = l.IdleTimeout / 2
	src := s.Sources[LockWarning]
	src.Limited = true
	s.Sources[LockWarning] = src
}

// Equal reports whether two snapshots have the same settings, sources and
// problems, so that a reload that changed nothing can be ignored.
func (s *Snapshot) Equal(o *Snapshot) bool {
	if s == nil || o == nil {
		return s == o
	}
	if !slices.Equal(s.Read, o.Read) || len(s.Problems) != len(o.Problems) {
		return false
	}
	for i := range s.Problems {
		if s.Problems[i].Error() != o.Problems[i].Error() {
			return false
		}
	}
	for _, k := range keys {
		if s.Sources[k.Name] != o.Sources[k.Name] {
			return false
		}
		a, b := s.Settings.get(k), o.Settings.get(k)
		if la, ok := a.([]string); ok {
			if !slices.Equal(la, b.([]string)) {
				return false
			}
		} else if a != b {
			return false
		}
	}
	return true
}
