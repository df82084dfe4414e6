package policy

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tailscale/hujson"
)

// File is what one policy file says: the keys it sets and the keys it tried
// to set but got wrong.
type File struct {
	// Path is where the file was read from.
	Path string
	// Values holds each valid key's value, typed as in [Definition.Default].
	Values map[Key]any
	// Pos is where each valid key's value starts.
	Pos map[Key]Pos
	// Invalid holds the keys the file meant to set but could not (a bad value,
	// a duplicate, a misspelt name with a close match). A managed file's
	// invalid keys fail closed.
	Invalid map[Key]bool
	// Broken is true when nothing in the file can be trusted: it could not be
	// read, or it is not JSON. A managed file that is broken fails closed for
	// every key.
	Broken bool
	// Unknown holds the groups (such as "lock") in which the file has a name
	// that is no key, and "" when it has an unknown name at the top level.
	// In a managed or --policy file such a name fails closed for the keys
	// it may have been meant for: the group's, or every key (see
	// [File.failsClosed]); a user's file only reports it.
	Unknown map[string]bool
	// Problems lists everything wrong with the file, in file order.
	Problems []Problem
}

// Pos is a 1-based line and column (in characters) in a file.
type Pos struct{ Line, Col int }

// OK reports whether the file has no problems at all.
func (f *File) OK() bool { return len(f.Problems) == 0 }

// Parse reads the policy file data, which was read from path. It never fails:
// every problem found is in the returned File's Problems.
func Parse(path string, data []byte) *File {
	f := &File{Path: path, Values: map[Key]any{}, Pos: map[Key]Pos{}, Invalid: map[Key]bool{}}
	p := parser{f: f, data: data}
	p.parse()
	sortProblems(f.Problems)
	return f
}

type parser struct {
	f    *File
	data []byte
	// suspect holds the keys that a misspelt or misplaced name probably
	// meant. They fail closed (become invalid) unless the file also sets
	// them, correctly spelt, to a valid value: then that value stands and
	// the stray name is only reported.
	suspect map[Key]bool
}

// suspectKey records that a stray name in the file probably meant key.
func (p *parser) suspectKey(key Key) {
	if p.suspect == nil {
		p.suspect = map[Key]bool{}
	}
	p.suspect[key] = true
}

func (p *parser) pos(offset int) Pos {
	if offset > len(p.data) {
		offset = len(p.data)
	}
	before := p.data[:offset]
	line := 1 + bytes.Count(before, []byte("\n"))
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return Pos{Line: line, Col: 1 + utf8.RuneCount(before[lineStart:])}
}

func (p *parser) problem(offset int, key string, code Code, args map[string]string) {
	pos := Pos{}
	if offset >= 0 {
		pos = p.pos(offset)
	}
	p.f.Problems = append(p.f.Problems, Problem{File: p.f.Path, Line: pos.Line, Col: pos.Col, Key: key, Code: code, Args: args})
}

func (p *parser) broken(offset int, code Code, args map[string]string) {
	p.problem(offset, "", code, args)
	p.f.Broken = true
}

func (p *parser) parse() {
	// Windows editors (Notepad among them) may start a UTF-8 file with a
	// byte order mark; it is no part of the JSON, and invisible.
	p.data = bytes.TrimPrefix(p.data, []byte("\ufeff"))
	if !utf8.Valid(p.data) {
		off := 0
		for off < len(p.data) {
			r, size := utf8.DecodeRune(p.data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		p.broken(off, CodeInvalidUTF8, nil)
		return
	}
	if len(bytes.TrimSpace(p.data)) == 0 {
		p.broken(0, CodeEmpty, nil)
		return
	}
	// hujson rejects a line comment that ends the file without a newline;
	// people write those, so parse as if the newline were there.
	src := p.data
	if src[len(src)-1] != '\n' {
		src = append(src[:len(src):len(src)], '\n')
	}
	root, err := hujson.Parse(src)
	if err != nil {
		off, detail := syntaxErrorAt(p.data, err)
		if onlyComments(src) {
			p.broken(0, CodeEmpty, nil)
			return
		}
		if at, open := openBlockComment(p.data); open {
			p.broken(at, CodeOpenComment, nil)
			return
		}
		if strings.HasSuffix(detail, io.ErrUnexpectedEOF.Error()) {
			// The parser stands past the end; the place to look is
			// where the text stops.
			p.broken(len(bytes.TrimRight(p.data, " \t\r\n")), CodeTruncated, nil)
			return
		}
		p.broken(off, CodeSyntax, map[string]string{"Detail": detail})
		return
	}
	obj, ok := root.Value.(*hujson.Object)
	if !ok {
		p.broken(root.StartOffset, CodeNotObject, map[string]string{"Example": `{"lock": {"idle_timeout": "5m"}}`})
		return
	}
	seen := map[string]bool{}
	for _, m := range obj.Members {
		name := literalString(m.Name)
		if name == "$schema" {
			if _, isStr := stringValue(m.Value); !isStr {
				p.problem(m.Value.StartOffset, name, CodeWrongType, map[string]string{"Got": kindName(m.Value), "Want": KindString})
			}
			continue
		}
		if seen[name] {
			p.problem(m.Name.StartOffset, name, CodeDuplicateKey, nil)
			for _, k := range keysInGroup(name) {
				p.f.Invalid[k] = true
			}
			continue
		}
		group := keysInGroup(name)
		if len(group) == 0 {
			if canon := caseVariant(name, groupNames()); canon != "" {
				p.caseWarning(m.Name.StartOffset, name, canon)
				name, group = canon, keysInGroup(canon)
				if seen[name] {
					p.problem(m.Name.StartOffset, name, CodeDuplicateKey, nil)
					for _, k := range group {
						p.f.Invalid[k] = true
					}
					continue
				}
			}
		}
		seen[name] = true
		if len(group) == 0 {
			p.unknownTopLevel(m)
			continue
		}
		inner, ok := m.Value.Value.(*hujson.Object)
		if !ok {
			p.problem(m.Value.StartOffset, name, CodeNotObject, map[string]string{"Example": fmt.Sprintf(`{"%s": {"%s": …}}`, name, strings.TrimPrefix(string(group[0]), name+"."))})
			for _, k := range group {
				p.f.Invalid[k] = true
			}
			continue
		}
		p.group(name, inner)
	}
	for k := range p.suspect {
		if _, set := p.f.Values[k]; !set {
			p.f.Invalid[k] = true
		}
	}
	p.f.checkBetween()
}

// group reads the members of one group object such as "lock".
func (p *parser) group(name string, obj *hujson.Object) {
	seen := map[Key]bool{}
	for _, m := range obj.Members {
		full := name + "." + literalString(m.Name)
		k, known := Lookup(Key(full))
		if canon := caseVariant(full, keysInGroup(name)); !known && canon != "" {
			p.caseWarning(m.Name.StartOffset, full, string(canon))
			k, known = Lookup(canon)
			full = string(canon)
		}
		if !known {
			p.unknownIn(name)
			sugg := suggest(full, allKeyNames())
			p.problem(m.Name.StartOffset, full, CodeUnknownKey, map[string]string{"Suggestion": sugg})
			if sugg != "" {
				p.suspectKey(Key(sugg))
			}
			continue
		}
		key := k.Name
		if seen[key] {
			p.problem(m.Name.StartOffset, full, CodeDuplicateKey, nil)
			p.f.Invalid[key] = true
			delete(p.f.Values, key)
			continue
		}
		seen[key] = true
		v, ok := p.value(k, m.Value)
		if !ok {
			p.f.Invalid[key] = true
			continue
		}
		p.f.Values[key] = v
		p.f.Pos[key] = p.pos(m.Value.StartOffset)
	}
}

// unknownTopLevel reports a top-level name that is not a group, with a hint.
func (p *parser) unknownTopLevel(m hujson.ObjectMember) {
	name := literalString(m.Name)
	p.unknownIn("")
	k, ok := Lookup(Key(name))
	if canon := caseVariant(name, allKeyNames()); !ok && canon != "" {
		k, ok = Lookup(Key(canon))
	}
	if ok {
		// A dotted name written flat: say how to nest it, and fail closed on it.
		group, leaf, _ := strings.Cut(string(k.Name), ".")
		p.problem(m.Name.StartOffset, name, CodeUnknownKey, map[string]string{"Suggestion": fmt.Sprintf(`{"%s": {"%s": …}}`, group, leaf)})
		p.suspectKey(k.Name)
		return
	}
	sugg := suggest(name, groupNames())
	p.problem(m.Name.StartOffset, name, CodeUnknownKey, map[string]string{"Suggestion": sugg})
	for _, k := range keysInGroup(sugg) {
		p.suspectKey(k)
	}
}

// unknownIn records that group ("" for the top level) holds a name that is
// no key.
func (p *parser) unknownIn(group string) {
	if p.f.Unknown == nil {
		p.f.Unknown = map[string]bool{}
	}
	p.f.Unknown[group] = true
}

// caseWarning reports a name that differs from the key canon only in case.
// The value is read as canon's: a managed file meant to set it, and must
// not leave it at the user's value.
func (p *parser) caseWarning(offset int, name, canon string) {
	pos := p.pos(offset)
	p.f.Problems = append(p.f.Problems, Problem{File: p.f.Path, Line: pos.Line, Col: pos.Col, Key: name, Code: CodeKeyCase,
		Args: map[string]string{"Canonical": canon}, Warning: true})
}

// caseVariant returns the candidate that name spells in another case, or "".
func caseVariant[S ~string](name string, candidates []S) S {
	for _, c := range candidates {
		if strings.EqualFold(name, string(c)) {
			return c
		}
	}
	return ""
}

// value reads one key's JSON value as the Go value of its type, and
// checks it by the rules of every store ([Definition.check]).
func (p *parser) value(k Definition, v hujson.Value) (any, bool) {
	off := v.StartOffset
	wrong := func(want string) (any, bool) {
		if v.Value.Kind() == 'n' {
			p.problem(off, string(k.Name), CodeNull, nil)
		} else {
			p.problem(off, string(k.Name), CodeWrongType, map[string]string{"Got": kindName(v), "Want": want})
		}
		return nil, false
	}
	switch k.Type {
	case TypeDuration:
		s, ok := stringValue(v)
		if !ok {
			return wrong(KindDuration)
		}
		d, err := ParseDuration(s)
		if err != nil {
			p.problem(off, string(k.Name), CodeBadDuration, map[string]string{"Value": strconv.Quote(s)})
			return nil, false
		}
		return p.checked(k, v, d, s)
	case TypeBool:
		switch v.Value.Kind() {
		case 't':
			return true, true
		case 'f':
			return false, true
		}
		return wrong(KindBool)
	case TypeInt:
		lit, ok := v.Value.(hujson.Literal)
		if !ok || lit.Kind() != '0' {
			return wrong(KindInteger)
		}
		f, inRange := number64(lit)
		if inRange && f != math.Trunc(f) {
			p.problem(off, string(k.Name), CodeWrongType, map[string]string{"Got": KindFraction, "Want": KindInteger})
			return nil, false
		}
		if !inRange || math.Abs(f) > 1e15 { // far out of any bounds, or of what a float64 holds
			p.problem(off, string(k.Name), CodeOutOfRange, map[string]string{"Value": strings.TrimSpace(string(lit)),
				"Min": strconv.FormatInt(k.Min, 10), "Max": strconv.FormatInt(k.Max, 10)})
			return nil, false
		}
		return p.checked(k, v, int64(f), "")
	case TypeEnum:
		s, ok := stringValue(v)
		if !ok {
			return wrong(KindString)
		}
		return p.checked(k, v, s, "")
	case TypeStringList, TypeArgv:
		return p.list(k, v)
	}
	panic("policy: unhandled type " + k.Type.String())
}

func (p *parser) list(k Definition, v hujson.Value) (any, bool) {
	arr, ok := v.Value.(*hujson.Array)
	if !ok {
		if v.Value.Kind() == 'n' {
			p.problem(v.StartOffset, string(k.Name), CodeNull, nil)
		} else {
			p.problem(v.StartOffset, string(k.Name), CodeWrongType, map[string]string{"Got": kindName(v), "Want": KindList})
		}
		return nil, false
	}
	strs := make([]string, len(arr.Elements))
	var notStrings []hujson.Value
	for i, e := range arr.Elements {
		s, isStr := stringValue(e)
		if !isStr {
			s = "x" // a stand-in that passes the checks; the entry is reported below
			notStrings = append(notStrings, e)
		}
		strs[i] = s
	}
	out, problems := k.check(strs)
	for _, vp := range problems {
		off := v.StartOffset
		if vp.entry >= 0 {
			off = arr.Elements[vp.entry].StartOffset
		}
		p.problem(off, vp.Key, vp.Code, vp.Args)
	}
	if len(problems) > 0 && problems[0].Code == CodeTooManyEntries {
		return nil, false
	}
	for _, e := range notStrings {
		p.problem(e.StartOffset, string(k.Name), CodeWrongType, map[string]string{"Got": kindName(e), "Want": KindString})
	}
	if len(problems) > 0 || len(notStrings) > 0 {
		return nil, false
	}
	return out, true
}

// checked checks x, which the JSON value v held, by the rules of every
// store ([Definition.check]), and reports any problem at v. written, if
// not "", is the value as the file wrote it, which an out-of-bounds
// problem quotes.
func (p *parser) checked(k Definition, v hujson.Value, x any, written string) (any, bool) {
	out, problems := k.check(x)
	for _, vp := range problems {
		if written != "" && vp.Code == CodeOutOfRange {
			vp.Args["Value"] = written
		}
		p.problem(v.StartOffset, vp.Key, vp.Code, vp.Args)
	}
	return out, len(problems) == 0
}

// number64 returns the value of the JSON number lit and whether it is
// within what a float64 holds. A number too large for one (1e309, -1e400)
// and a nonzero number too small for one (1e-400, which would read as 0)
// are not: they are out of bounds, never read as 0, the weakest value of
// many keys. (hujson's Float returns 0 for both.)
func number64(lit hujson.Literal) (float64, bool) {
	text := strings.TrimSpace(string(lit))
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	if f == 0 {
		mantissa, _, _ := strings.Cut(strings.ToLower(text), "e")
		if strings.ContainsAny(mantissa, "123456789") {
			return 0, false
		}
	}
	return f, true
}

// openBlockComment reports whether data has a /* comment that never ends,
// and the offset of its /*. It skips strings and line comments as JSON with
// comments does.
func openBlockComment(data []byte) (int, bool) {
	for i := 0; i < len(data); i++ {
		switch {
		case data[i] == '"':
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
		case bytes.HasPrefix(data[i:], []byte("//")):
			if nl := bytes.IndexByte(data[i:], '\n'); nl >= 0 {
				i += nl
			} else {
				return 0, false
			}
		case bytes.HasPrefix(data[i:], []byte("/*")):
			end := bytes.Index(data[i+2:], []byte("*/"))
			if end < 0 {
				return i, true
			}
			i += 2 + end + 1
		}
	}
	return 0, false
}

// onlyComments reports whether src, which hujson rejected, holds nothing but
// comments and white space: then a value appended to it is all it parses to.
func onlyComments(src []byte) bool {
	v, err := hujson.Parse(append(src[:len(src):len(src)], "null"...))
	if err != nil {
		return false
	}
	lit, ok := v.Value.(hujson.Literal)
	return ok && string(lit) == "null" && v.StartOffset == len(src)
}

// syntaxErrorAt turns hujson's "hujson: line L, column C: detail" into a byte
// offset and the detail.
func syntaxErrorAt(data []byte, err error) (int, string) {
	msg := err.Error()
	var line, col int
	if _, scanErr := fmt.Sscanf(msg, "hujson: line %d, column %d:", &line, &col); scanErr != nil {
		return -1, strings.TrimPrefix(msg, "hujson: ")
	}
	detail := msg
	if i := strings.Index(msg, ": "); i >= 0 {
		if j := strings.Index(msg[i+2:], ": "); j >= 0 {
			detail = msg[i+2+j+2:]
		}
	}
	off := 0
	for l := 1; l < line; l++ {
		nl := bytes.IndexByte(data[off:], '\n')
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	return min(off+col-1, len(data)), detail
}

func literalString(v hujson.Value) string {
	s, _ := stringValue(v)
	return s
}

func stringValue(v hujson.Value) (string, bool) {
	lit, ok := v.Value.(hujson.Literal)
	if !ok || lit.Kind() != '"' {
		return "", false
	}
	return lit.String(), true
}

// kindName returns the Kind code of a JSON value, for messages.
func kindName(v hujson.Value) string {
	switch v.Value.Kind() {
	case 't', 'f':
		return KindBool
	case '"':
		return KindString
	case '0':
		return KindNumber
	case '{':
		return KindObject
	case '[':
		return KindList
	}
	return KindNull
}

func groupNames() []string {
	var gs []string
	for _, k := range keys {
		g := k.Name.Group()
		if len(gs) == 0 || gs[len(gs)-1] != g {
			gs = append(gs, g)
		}
	}
	return gs
}

func allKeyNames() []string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = string(k.Name)
	}
	return names
}

// keysInGroup returns the keys whose names start with group + ".".
func keysInGroup(group string) []Key {
	var out []Key
	for _, k := range keys {
		if k.Name.Group() == group {
			out = append(out, k.Name)
		}
	}
	return out
}

// suggest returns the candidate closest to name, if it is close enough to
// be a likely misspelling, else "".
func suggest(name string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		limit := min(3, max(1, len(c)/4))
		if d := editDistance(name, c); d <= limit && d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the optimal-string-alignment distance between a and b, in
// bytes: insertions, deletions, substitutions and swaps of neighbours each
// count one, so "lokc" is one step from "lock".
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}
