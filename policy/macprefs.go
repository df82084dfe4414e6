package policy

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
	"howett.net/plist"
)

// PreferenceDomain is Grendel's macOS preference domain: the app's bundle
// identifier (FyneApp.toml, the LaunchAgent's label), so that what an MDM
// sets for the domain is what the app's own preferences would read. A
// configuration profile's payload has it as its PayloadType, and the
// managed preferences land in /Library/Managed Preferences/<domain>.plist.
// A test keeps it equal to FyneApp.toml's ID.
const PreferenceDomain = "nl.grendel.app"

// ManagedPrefsDir is where macOS keeps the managed preferences that
// configuration profiles install: one plist per domain for the computer,
// and one subdirectory per user for profiles of the user.
const ManagedPrefsDir = "/Library/Managed Preferences"

// Problems that only a property list can have.
const (
	// CodeBadPlist: the file is not a property list that can be read.
	CodeBadPlist Code = "bad_plist" // Detail: the reader's English reason
	// CodePlistNotDict: the property list holds something other than a
	// dictionary of keys at its top.
	CodePlistNotDict Code = "plist_not_dict"
)

// KindSeconds is the kind a duration takes in a property list (and the
// registry): a whole number of seconds. It is named in the Want argument of
// CodeWrongType.
const KindSeconds = "seconds"

func init() {
	// The codes and kinds of property lists join the tables every store
	// shares; they are declared here, beside their only reader.
	Messages[CodeBadPlist] = "not a property list that can be read: {{.Detail}}"
	Messages[CodePlistNotDict] = "the property list must hold a dictionary of settings at its top"
	KindText[KindSeconds] = "a whole number of seconds"
}

// ManagedPrefs is the [Store] of macOS managed preferences: the plists that
// configuration profiles (from an MDM such as Jamf, Intune or Kandji, or
// installed by hand) leave under /Library/Managed Preferences for
// [PreferenceDomain]. Both are managed policy: the user's
// (<Root>/<User>/<domain>.plist, a profile installed for the user) and the
// computer's (<Root>/<domain>.plist, a device profile), the computer's
// winning over the user's for the same key, as HKLM does over HKCU on
// Windows.
//
// Each key is named by its [Definition.FlatName], exactly (property list
// keys are case-sensitive): durations as a whole number of seconds
// (LockIdleTimeoutSeconds), integers as integers, booleans as true or
// false, enums as strings and lists as arrays of strings. Names that begin
// with "Payload" are the profile's own bookkeeping (PayloadUUID,
// PayloadIdentifier…), which may be copied into the managed plist, and are
// ignored. Any other name is an unknown key: being in no group, it makes
// every key fail closed. A value of another type, out of bounds or not
// allowed makes its key fail closed; a file that cannot be read, is no
// property list, or that someone other than root may change (see
// [trustAnchor]) makes every key fail closed. A missing file or directory
// is no policy.
type ManagedPrefs struct {
	// Root is the managed preferences directory, [ManagedPrefsDir] on a Mac.
	Root string
	// User is the short name of the user whose own managed preferences are
	// read, "" for the computer's only.
	User string
	// trust says who may own and change the files and every directory above
	// them; nil means root only, up to the file system's root.
	trust *trustAnchor
}

var _ Notifier = ManagedPrefs{}

// paths returns the files the store reads, weakest first: the user's, then
// the computer's. A user name that could leave Root is refused.
func (m ManagedPrefs) paths() (files []string, bad *Problem) {
	plistName := PreferenceDomain + ".plist"
	if m.User != "" {
		if m.User == "." || m.User == ".." || strings.ContainsAny(m.User, `/\`+"\x00") {
			return nil, &Problem{File: filepath.Join(m.Root, m.User), Code: CodeDirUnreadable, Args: osArgs(os.ErrInvalid)}
		}
		files = append(files, filepath.Join(m.Root, m.User, plistName))
	}
	return append(files, filepath.Join(m.Root, plistName)), nil
}

// ReadPolicy implements [Store]: one managed layer for each file there is,
// the user's first, so that the computer's wins.
func (m ManagedPrefs) ReadPolicy() []Layer {
	files, bad := m.paths()
	if bad != nil {
		return []Layer{{Kind: SourceManaged, Origin: bad.File, Problems: []Problem{*bad}}}
	}
	var layers []Layer
	for _, path := range files {
		if l, ok := m.read(path); ok {
			layers = append(layers, l)
		}
	}
	return layers
}

// read reads one managed plist; ok is false when there is none.
func (m ManagedPrefs) read(path string) (l Layer, ok bool) {
	l = Layer{Kind: SourceManaged, Origin: path}
	if _, err := os.Lstat(path); err != nil && os.IsNotExist(err) {
		return l, false
	}
	trust := m.trust
	if trust == nil {
		trust = platformAnchor()
	}
	if p := trust.chain(filepath.Dir(path)); p != nil {
		l.Problems = []Problem{*p}
		return l, true
	}
	data, p := readLimited(path, trust.file(path))
	if p != nil {
		if p.Code == CodeUnreadable && p.Args["Reason"] == ReasonNotExist {
			return l, false // removed since it was looked at
		}
		l.Problems = []Problem{*p}
		return l, true
	}
	l.Values, l.Problems = ParsePlist(data)
	if m.User != "" && filepath.Dir(path) != filepath.Clean(m.Root) {
		// A profile of the user: the computer's keys are not its to set.
		for _, d := range keys {
			if _, set := l.Values[d.Name]; set && d.MachineOnly {
				delete(l.Values, d.Name)
				l.Problems = append(l.Problems, machineOnly(d))
			}
		}
	}
	return l, true
}

// ParsePlist reads the managed preferences in data, a property list in any
// form macOS writes (binary or XML): the value of each key, typed as in
// [Definition.Default] but not yet checked against its bounds (the store's
// merge does that), and a problem for each value of the wrong type, each
// unknown name, each name an XML property list gives twice (binary ones,
// which CoreFoundation writes without repeats, are not checked for it),
// or, naming no key, for data that is no property list or holds no
// dictionary. The Detail of CodeBadPlist is the reader's own English. It
// never fails; it reads data of any size, so callers bound it first
// ([MaxFileSize]).
func ParsePlist(data []byte) (map[Key]any, []Problem) {
	dict, twice, p := decodePlist(data)
	if p != nil {
		return nil, []Problem{*p}
	}
	return prefsValues(dict, twice)
}

// decodePlist decodes a binary or XML property list whose top is a
// dictionary; twice holds the names an XML one gives more than once.
func decodePlist(data []byte) (dict map[string]any, twice map[string]bool, p *Problem) {
	bad := func(detail string) (map[string]any, map[string]bool, *Problem) {
		return nil, nil, &Problem{Code: CodeBadPlist, Args: map[string]string{"Detail": detail}}
	}
	// macOS keeps preferences as binary or XML property lists; the old
	// text forms, which the library also reads (and slowly, when deeply
	// nested), are no managed preferences.
	binary := bytes.HasPrefix(data, []byte("bplist"))
	if !binary && !bytes.HasPrefix(bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\uFEFF")), " \t\r\n"), []byte("<")) {
		return bad("neither a binary nor an XML property list")
	}
	var top any
	format, err := plist.Unmarshal(data, &top)
	if err != nil {
		return bad(err.Error())
	}
	if format != plist.BinaryFormat && format != plist.XMLFormat {
		return bad("neither a binary nor an XML property list")
	}
	dict, ok := top.(map[string]any)
	if !ok {
		return nil, nil, &Problem{Code: CodePlistNotDict}
	}
	if !binary {
		twice = duplicateKeys(data)
	}
	return dict, twice, nil
}

// prefsValues reads the managed preferences in dict, as [ParsePlist]
// says; twice names the keys given more than once.
func prefsValues(dict map[string]any, twice map[string]bool) (map[Key]any, []Problem) {
	names := make([]string, 0, len(dict))
	for name := range dict {
		names = append(names, name)
	}
	slices.Sort(names)
	values := map[Key]any{}
	var problems []Problem
	for _, name := range names {
		if strings.HasPrefix(name, "Payload") {
			continue
		}
		if twice[name] {
			// Which of the values macOS would take is not said anywhere:
			// the key (or, for a name that is no key, every key) fails
			// closed.
			key := name
			if k, found := LookupFlat(name); found && k.FlatName() == name {
				key = string(k.Name)
			}
			problems = append(problems, Problem{Key: key, Code: CodeDuplicateKey})
			continue
		}
		k, found := LookupFlat(name)
		if !found || k.FlatName() != name {
			problems = append(problems, Problem{Key: name, Code: CodeUnknownKey,
				Args: map[string]string{"Suggestion": suggestFlat(name)}})
			continue
		}
		v, p := fromPlist(k, dict[name])
		if p != nil {
			problems = append(problems, *p)
			continue
		}
		values[k.Name] = v
	}
	return values, problems
}

// duplicateKeys returns the names that the top dictionary of an XML
// property list holds more than once (the reader keeps one value of each
// without a word). It is called only on data the reader took.
func duplicateKeys(data []byte) map[string]bool {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	seen, twice := map[string]bool{}, map[string]bool{}
	// The top dictionary's keys are at depth 3 under <plist>, at depth 2
	// in a document whose root is the dictionary itself.
	depth, keyDepth := 0, 0
	for {
		tok, err := d.Token()
		if err != nil {
			return twice
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if keyDepth == 0 {
				keyDepth = 2
				if t.Name.Local == "plist" {
					keyDepth = 3
				}
			}
			if depth == keyDepth && t.Name.Local == "key" {
				var name string
				if d.DecodeElement(&name, &t) != nil {
					return twice
				}
				depth--
				twice[name] = twice[name] || seen[name]
				seen[name] = true
			}
		case xml.EndElement:
			depth--
		}
	}
}

// suggestFlat returns the flat name that name was probably meant to be,
// or "".
func suggestFlat(name string) string {
	if k, ok := LookupFlat(name); ok {
		return k.FlatName()
	}
	if k, ok := Lookup(Key(strings.ToLower(name))); ok {
		return k.FlatName() // a policy file's dotted name
	}
	if k, ok := LookupFlat(name + "Seconds"); ok {
		return k.FlatName() // a duration without its unit
	}
	flat := make([]string, len(keys))
	for i, k := range keys {
		flat[i] = k.FlatName()
	}
	return suggest(name, flat)
}

// maxSeconds is the most seconds a time.Duration holds.
const maxSeconds = math.MaxInt64 / int64(time.Second)

// fromPlist turns the value v of key k, as the plist reader returns it,
// into the Go type of k's values, or says why it cannot.
func fromPlist(k Definition, v any) (any, *Problem) {
	wrong := func(got any, want string) (any, *Problem) {
		return nil, &Problem{Key: string(k.Name), Code: CodeWrongType, Args: map[string]string{"Got": plistKind(got), "Want": want}}
	}
	switch k.Type {
	case TypeDuration:
		var secs int64
		switch n := v.(type) {
		case int64:
			secs = n
		case uint64:
			secs = int64(min(n, math.MaxInt64))
		default:
			return wrong(v, KindSeconds)
		}
		if secs < 0 || secs > maxSeconds {
			return nil, &Problem{Key: string(k.Name), Code: CodeOutOfRange, Args: map[string]string{
				"Value": fmt.Sprint(v) + "s", "Min": FormatDuration(time.Duration(k.Min)), "Max": FormatDuration(time.Duration(k.Max))}}
		}
		return time.Duration(secs) * time.Second, nil
	case TypeInt:
		switch v.(type) {
		case int64, uint64:
			return v, nil // check bounds it, the largest uint64 too
		}
		return wrong(v, KindInteger)
	case TypeBool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
		return wrong(v, KindBool)
	case TypeEnum:
		if s, ok := v.(string); ok {
			return s, nil
		}
		return wrong(v, KindString)
	case TypeStringList, TypeArgv:
		a, ok := v.([]any)
		if !ok {
			return wrong(v, KindList)
		}
		l := make([]string, len(a))
		for i, e := range a {
			s, ok := e.(string)
			if !ok {
				return nil, &Problem{Key: string(k.Name), Code: CodeWrongType, Args: map[string]string{
					"Got": plistKind(e), "Want": KindString, "Index": strconv.Itoa(i + 1)}}
			}
			l[i] = s
		}
		return l, nil
	}
	return wrong(v, typeKind(k.Type))
}

// plistKind names the kind of a value the plist reader returned, for
// CodeWrongType.
func plistKind(v any) string {
	switch v.(type) {
	case bool:
		return KindBool
	case int64, uint64:
		return KindInteger
	case float32, float64:
		return KindFraction
	case string:
		return KindString
	case []any:
		return KindList
	}
	return KindObject // a dictionary, date or data
}

// Notify implements [Notifier]: it watches the directories of the managed
// plists (or, while one does not exist, its nearest existing parent) and
// calls changed when something happens to one of the plists or to a
// directory on the way to them. The [Watcher] debounces.
func (m ManagedPrefs) Notify(ctx context.Context, changed func()) error {
	files, bad := m.paths()
	if bad != nil {
		return fmt.Errorf("watch managed preferences: %s", bad.Message())
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch managed preferences: %w", err)
	}
	defer fw.Close()
	var targets []string
	for _, f := range files {
		targets = append(targets, filepath.Dir(f))
	}
	watched := map[string]bool{}
	sync := func() { watchDirs(fw, targets, watched) }
	sync()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			if concerns(ev.Name, files) {
				sync()
				changed()
			}
		case _, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			// Events may have been lost: look again.
			sync()
			changed()
		}
	}
}

// concerns reports whether an event on path can change what files hold:
// path is one of them, or a directory on the way to one.
func concerns(path string, files []string) bool {
	path = filepath.Clean(path)
	for _, f := range files {
		if path == f || strings.HasPrefix(f, path+string(filepath.Separator)) {
			return true
		}
	}
	return false
}
