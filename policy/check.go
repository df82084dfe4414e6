package policy

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// valueProblem is a problem with one value, before it is placed: entry
// is the list entry concerned (from 0), or -1 for the whole value.
type valueProblem struct {
	Problem
	entry int
}

// check holds a value that a store read against its key's rules: its Go
// type, its bounds, the allowed values and, for lists, every entry. It
// returns the value as [Settings] holds it (a whole number of another Go
// integer type as an int; an empty list as nil), or every problem found,
// naming the key but neither file nor position: the store's reader places
// them. Every store's values pass through here, the JSON parser's too, so
// a value means the same whatever it was read from.
func (k Definition) check(v any) (any, []valueProblem) {
	fail := func(code Code, args map[string]string) (any, []valueProblem) {
		return nil, []valueProblem{{Problem: Problem{Key: string(k.Name), Code: code, Args: args}, entry: -1}}
	}
	if v == nil {
		return fail(CodeNull, nil)
	}
	wrong := func() (any, []valueProblem) {
		return fail(CodeWrongType, map[string]string{"Got": goKind(v), "Want": typeKind(k.Type)})
	}
	switch k.Type {
	case TypeDuration:
		d, ok := v.(time.Duration)
		switch {
		case !ok:
			return wrong()
		case d < 0 || d%time.Second != 0:
			return fail(CodeBadDuration, map[string]string{"Value": strconv.Quote(d.String())})
		case int64(d) < k.Min || int64(d) > k.Max:
			return fail(CodeOutOfRange, map[string]string{"Value": FormatDuration(d),
				"Min": FormatDuration(time.Duration(k.Min)), "Max": FormatDuration(time.Duration(k.Max))})
		}
		return d, nil
	case TypeBool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
		return wrong()
	case TypeInt:
		n, text, ok := wholeNumber(v)
		if !ok {
			return wrong()
		}
		if text != "" || n < k.Min || n > k.Max {
			if text == "" {
				text = strconv.FormatInt(n, 10)
			}
			return fail(CodeOutOfRange, map[string]string{"Value": text,
				"Min": strconv.FormatInt(k.Min, 10), "Max": strconv.FormatInt(k.Max, 10)})
		}
		return int(n), nil
	case TypeEnum:
		s, ok := v.(string)
		if !ok {
			return wrong()
		}
		if !slices.Contains(k.Enum, s) {
			return fail(CodeNotInEnum, map[string]string{"Value": strconv.Quote(s), "Allowed": strings.Join(k.Enum, ", ")})
		}
		return s, nil
	case TypeStringList, TypeArgv:
		l, ok := v.([]string)
		if !ok {
			return wrong()
		}
		return k.checkList(l)
	}
	return wrong()
}

// checkList checks the entries of a list or command.
func (k Definition) checkList(l []string) (any, []valueProblem) {
	if int64(len(l)) > k.Max {
		return nil, []valueProblem{{Problem: Problem{Key: string(k.Name), Code: CodeTooManyEntries,
			Args: map[string]string{"Count": strconv.Itoa(len(l)), "Max": strconv.FormatInt(k.Max, 10)}}, entry: -1}}
	}
	maxLen := maxListEntryLength
	if k.Type == TypeArgv {
		maxLen = maxArgvEntryLength
	}
	var problems []valueProblem
	for i, s := range l {
		empty := s == "" && (k.Type == TypeStringList || i == 0)
		if !empty && len(s) <= maxLen && strings.IndexFunc(s, unicode.IsControl) < 0 {
			continue
		}
		p := Problem{Key: string(k.Name), Code: CodeBadListEntry, Args: map[string]string{"Index": strconv.Itoa(i + 1)}}
		if k.Type == TypeArgv && i == 0 && s == "" {
			p = Problem{Key: string(k.Name), Code: CodeEmptyCommand}
		}
		problems = append(problems, valueProblem{Problem: p, entry: i})
	}
	if len(problems) > 0 {
		return nil, problems
	}
	if len(l) == 0 {
		return []string(nil), nil
	}
	return slices.Clone(l), nil
}

// wholeNumber returns v as an int64 if it is a Go integer; text is set
// (to its digits) when it is one beyond what an int64 holds.
func wholeNumber(v any) (n int64, text string, ok bool) {
	switch x := v.(type) {
	case int:
		return int64(x), "", true
	case int32:
		return int64(x), "", true
	case int64:
		return x, "", true
	case uint32:
		return int64(x), "", true
	case uint64:
		if x > math.MaxInt64 {
			return 0, strconv.FormatUint(x, 10), true
		}
		return int64(x), "", true
	}
	return 0, "", false
}

// checkBetween applies the rules between keys of one place: lock.warning
// must be less than lock.idle_timeout when both are set there.
func (f *File) checkBetween() {
	w, okW := f.Values[LockWarning].(time.Duration)
	idle, okI := f.Values[LockIdleTimeout].(time.Duration)
	if okW && okI && w >= idle {
		pos := f.Pos[LockWarning]
		f.Problems = append(f.Problems, Problem{File: f.Path, Line: pos.Line, Col: pos.Col, Key: string(LockWarning), Code: CodeWarningNotLess,
			Args: map[string]string{"Value": FormatDuration(w), "Limit": FormatDuration(idle)}})
		delete(f.Values, LockWarning)
		f.Invalid[LockWarning] = true
	}
}
