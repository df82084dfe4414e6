package policy

import (
	"fmt"
	"sort"
	"strings"
	"text/template"
)

// Code names a kind of problem with a policy file. Codes are stable: the UI
// translates them (translation key "policy.problem.CODE") and scripts may
// match on them.
type Code string

// The problems a policy file can have.
const (
	CodeUnreadable     Code = "unreadable"       // Detail: the OS error
	CodeNotRegular     Code = "not_regular"      // the path is a directory, device, …
	CodeTooLarge       Code = "too_large"        // Size, Limit
	CodeInvalidUTF8    Code = "invalid_utf8"     // the text is not UTF-8
	CodeSyntax         Code = "syntax"           // Detail: what the parser expected
	CodeEmpty          Code = "empty"            // the file has no JSON at all
	CodeTruncated      Code = "truncated"        // the text ends inside a value: the position is its end
	CodeOpenComment    Code = "open_comment"     // a /* comment never ends: the position is its start
	CodeNotObject      Code = "not_object"       // a group that must be an object is not
	CodeUnknownKey     Code = "unknown_key"      // Suggestion: a known key, or empty
	CodeDuplicateKey   Code = "duplicate_key"    // the key appears twice
	CodeNull           Code = "null"             // null instead of a value
	CodeWrongType      Code = "wrong_type"       // Want, Got
	CodeBadDuration    Code = "bad_duration"     // Value
	CodeOutOfRange     Code = "out_of_range"     // Value, Min, Max
	CodeNotInEnum      Code = "not_in_enum"      // Value, Allowed
	CodeBadListEntry   Code = "bad_list_entry"   // Index: empty, too long or a control character
	CodeTooManyEntries Code = "too_many_entries" // Count, Max
	CodeEmptyCommand   Code = "empty_command"    // the command has no program
	CodeWarningNotLess Code = "warning_not_less" // Value (warning), Limit (idle timeout)
	CodeDirUnreadable  Code = "dir_unreadable"   // Detail: the OS error
	CodeStrictDefaults Code = "strict_defaults"  // summary: strict defaults replace a broken file
	CodeKeyCase        Code = "key_case"         // Canonical: the key as it is spelt (a warning)
	CodeReadTimeout    Code = "read_timeout"     // Seconds: reading did not finish in time
	// A managed or recommended file or directory that someone other than
	// an administrator owns or may change: its content is ignored.
	CodeUntrustedOwner    Code = "untrusted_owner"    // Path, Owner (uid N, or a SID)
	CodeUntrustedWritable Code = "untrusted_writable" // Path
	// The Windows registry's own problems (policy/registry.go).
	CodeKeyUnreadable Code = "key_unreadable"  // Detail: the OS error
	CodeRegistryType  Code = "registry_type"   // Type, WantType: registry value types such as REG_SZ
	CodeRegistrySize  Code = "registry_size"   // Size: a number value of the wrong length in bytes
	CodeValueTooLarge Code = "value_too_large" // Limit, in bytes
	CodeListValueName Code = "list_value_name" // Name: a value of a list's subkey not named 1, 2, 3 …
	CodeMachineOnly   Code = "machine_only"    // a machine-only key set for the user (a warning: ignored)
)

// Problem is one thing wrong with a policy file. Its fields are data, not
// prose: Error renders English, the UI renders the user's language from Code
// and Args.
type Problem struct {
	// File is the path of the file (or directory) with the problem.
	File string `json:"file"`
	// Line and Col locate the problem, 1-based; both are 0 when the problem
	// concerns the whole file.
	Line int `json:"line"`
	Col  int `json:"col"`
	// Key is the dotted key concerned, or "" for the whole file.
	Key string `json:"key,omitempty"`
	// Code says what is wrong.
	Code Code `json:"code"`
	// Args fills in the message for Code: see the comment on each code.
	Args map[string]string `json:"args,omitempty"`
	// Warning is true for a problem that changes nothing in what the file
	// sets (a key name in another case, read as the key): the file is
	// still reported, but no key fails closed for it.
	Warning bool `json:"warning,omitempty"`
}

// Messages holds the English text of each code as a text/template over
// Problem.Args. The UI's English translation file carries the same text (a
// test keeps them equal) and Dutch and German beside it.
var Messages = map[Code]string{
	CodeUnreadable:        "cannot read the file: {{.Detail}}",
	CodeNotRegular:        "not a regular file",
	CodeTooLarge:          "file is too large ({{.Size}} bytes, at most {{.Limit}})",
	CodeInvalidUTF8:       "the text is not valid UTF-8",
	CodeSyntax:            "not valid JSON: {{.Detail}}",
	CodeEmpty:             "the file is empty; write {} for a file that sets nothing",
	CodeTruncated:         "the file ends before the JSON is complete: a closing }, ] or \" is missing",
	CodeOpenComment:       "this /* comment is never closed with */",
	CodeNotObject:         "must be an object of keys, {{.Example}}",
	CodeUnknownKey:        "unknown key{{if .Suggestion}} (did you mean {{.Suggestion}}?){{end}}",
	CodeDuplicateKey:      "the key appears more than once",
	CodeNull:              "null is not a value; leave the key out to keep it unset",
	CodeWrongType:         "is {{.Got}}, want {{.Want}}",
	CodeBadDuration:       "{{.Value}} is not a duration; write it like \"90s\", \"5m\", \"1h30m\" or \"7d\"",
	CodeOutOfRange:        "{{.Value}} is out of bounds ({{.Min}} to {{.Max}})",
	CodeNotInEnum:         "{{.Value}} is not allowed; use one of {{.Allowed}}",
	CodeBadListEntry:      "entry {{.Index}} is empty, too long or has control characters",
	CodeTooManyEntries:    "{{.Count}} entries, at most {{.Max}}",
	CodeEmptyCommand:      "the command must name a program as its first entry",
	CodeWarningNotLess:    "lock.warning ({{.Value}}) must be less than lock.idle_timeout ({{.Limit}})",
	CodeDirUnreadable:     "cannot read the policy directory: {{.Detail}}",
	CodeStrictDefaults:    "strict built-in defaults apply to the keys of this file until it is fixed",
	CodeUntrustedOwner:    "ignored: {{.Path}} does not belong to an administrator (owner: {{.Owner}}), so anyone could have written this policy",
	CodeUntrustedWritable: "ignored: users other than administrators may change {{.Path}}, so anyone could have written this policy",
	CodeReadTimeout:       "the file did not answer within {{.Seconds}} seconds; it is left out until it does",
	CodeKeyCase:           "read as {{.Canonical}}: key names are written in small letters",
	CodeKeyUnreadable:     "cannot read the registry key: {{.Detail}}",
	CodeRegistryType:      "is a {{.Type}} value, want {{.WantType}}",
	CodeRegistrySize:      "a number value of {{.Size}} bytes; a REG_DWORD has 4",
	CodeValueTooLarge:     "the value is too large (more than {{.Limit}} bytes)",
	CodeListValueName:     "the list's key holds a value named {{.Name}}; entries are named 1, 2, 3 and so on",
	CodeMachineOnly:       "ignored: this setting can only be made for the whole computer, not for one user",
}

// Kinds of JSON value named in the Got and Want arguments of
// CodeWrongType. The UI translates them (key "policy.kind.KIND").
const (
	KindNull     = "null"
	KindBool     = "bool"
	KindString   = "string"
	KindNumber   = "number"
	KindFraction = "fraction"
	KindInteger  = "integer"
	KindDuration = "duration"
	KindObject   = "object"
	KindList     = "list"
)

// KindText holds the English words for each kind.
var KindText = map[string]string{
	KindNull:     "null",
	KindBool:     "true or false",
	KindString:   "a string",
	KindNumber:   "a number",
	KindFraction: "a fraction",
	KindInteger:  "a whole number",
	KindDuration: `a duration string such as "5m"`,
	KindObject:   "an object",
	KindList:     "a list of strings",
}

// Message renders the problem's English message (without location).
func (p Problem) Message() string {
	return RenderMessage(Messages[p.Code], p.argsWith(func(kind string) string { return KindText[kind] }))
}

// ArgsWith returns the problem's Args with the Got and Want kinds replaced by
// the words that kindText returns, ready for a message template.
func (p Problem) ArgsWith(kindText func(kind string) string) map[string]string {
	return p.argsWith(kindText)
}

func (p Problem) argsWith(kindText func(kind string) string) map[string]string {
	out := make(map[string]string, len(p.Args))
	for k, v := range p.Args {
		if (k == "Got" || k == "Want") && v != "" {
			v = kindText(v)
		}
		out[k] = v
	}
	return out
}

// RenderMessage fills a message template such as one from [Messages], or its
// translation, with args. A template that does not parse is returned as is.
func RenderMessage(tmpl string, args map[string]string) string {
	t, err := template.New("").Option("missingkey=zero").Parse(tmpl)
	if err != nil {
		return tmpl
	}
	if args == nil {
		args = map[string]string{}
	}
	var b strings.Builder
	if err := t.Execute(&b, args); err != nil {
		return tmpl
	}
	return b.String()
}

// Error formats the problem as "file:line:col: key: message" in English.
func (p Problem) Error() string {
	return FormatProblem(p, p.Message())
}

// FormatProblem formats p as "file:line:col: key: msg", the form that
// editors and CI logs recognise; msg is the (possibly translated) message.
// A problem of the whole file is placed at 1:1 and names no key; a
// registry key has no lines, so its problems are placed at the key alone
// ("HKLM\Software\Policies\Grendel\Grendel: share.words: …").
func FormatProblem(p Problem, msg string) string {
	place := p.File
	switch {
	case p.Line > 0:
		place = fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case !isRegistryOrigin(p.File):
		// A whole file: its start, where editors jump to.
		place += ":1:1"
	}
	if p.Key == "" {
		return fmt.Sprintf("%s: %s", place, msg)
	}
	return fmt.Sprintf("%s: %s: %s", place, p.Key, msg)
}

func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}
