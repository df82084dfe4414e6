// Package i18n loads Grendel's translations into Fyne's lang package and
// renders the core's coded messages (policy problems, sources) in the user's
// language. It starts no driver: the CLI and the resident agent use it too.
package i18n

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"grendel/app/agent"
	"grendel/assets"
	"grendel/policy"
	_ "grendel/ui/i18n/clocale" // before lang's init: see its package doc
)

// Languages are the languages Grendel is translated into, English first.
var Languages = []string{"en", "nl", "de"}

var loadOnce sync.Once
var loadErr error

// Load registers the embedded translations of the user's language with
// Fyne's lang package; the language follows the system locale (LANGUAGE,
// LC_ALL, LC_MESSAGES, LANG) and is fixed for the life of the process. It
// is safe to call more than once.
//
// Only the user's language is read: every process, the agent and each CLI
// command, pays for one language's texts at start, not for three, and for
// none in English, whose texts are the fallbacks in the code. The files of
// that language are joined into one message file, so Fyne's locale
// matching runs once.
//
// Two details keep the output clean. A "C.UTF-8" locale means untranslated
// messages, but Fyne's locale library fails to parse it and logs an error;
// the clocale package sets LC_MESSAGES=C for this process and its children
// instead, before lang's init runs. And for
// a language that Fyne translates but Grendel does not (French, say), Load
// registers Grendel's English texts under that language, so Fyne's dialogs
// stay French, Grendel's texts are English, and nothing is logged as missing.
func Load() error {
	loadOnce.Do(func() {
		l := strings.ToLower(lang.SystemLocale().LanguageString())
		texts := Language()
		if l == "" || ours(l) {
			l = texts
		}
		if l == "en" {
			// English needs no message file: the English of every text
			// is its fallback in the code (lang.X's second argument, the
			// core's text maps), which TestTranslationsComplete holds
			// equal to the en files, and Fyne's lang gives the fallback,
			// without a word, for its default language. Parsing the
			// files cost every process 1.3 MB at start.
			return
		}
		data, err := joined(texts)
		if err == nil {
			err = lang.AddTranslationsForLocale(data, fyne.Locale(l))
		}
		loadErr = err
	})
	return loadErr
}

func ours(l string) bool {
	for _, s := range Languages {
		if l == s || strings.HasPrefix(l, s+"-") {
			return true
		}
	}
	return false
}

// joined returns every translation file of language l (*.l.json, Fyne's
// own words included) as one JSON object. Each file is one flat object, so
// the files' members are joined between a single pair of braces.
func joined(l string) ([]byte, error) {
	files, err := fs.Glob(assets.Translations, assets.TranslationsDir+"/*."+l+".json")
	if err != nil {
		return nil, err
	}
	out := []byte{'{'}
	for _, f := range files {
		data, err := assets.Translations.ReadFile(f)
		if err != nil {
			return nil, err
		}
		body := bytes.TrimSpace(data)
		if len(body) < 2 || body[0] != '{' || body[len(body)-1] != '}' {
			return nil, fmt.Errorf("%s: not one JSON object", f)
		}
		body = bytes.TrimSpace(body[1 : len(body)-1])
		if len(body) == 0 {
			continue
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(out, body...)
	}
	return append(out, '}'), nil
}

// Language returns the user's language among [Languages], "en" when the
// system locale is none of them.
func Language() string {
	l := strings.ToLower(lang.SystemLocale().LanguageString())
	for _, s := range Languages {
		if l == s || strings.HasPrefix(l, s+"-") {
			return s
		}
	}
	return "en"
}

// ProblemMessage renders a policy problem's message, without its location,
// in the user's language.
func ProblemMessage(p policy.Problem) string {
	args := p.ArgsWith(func(kind string) string {
		return lang.X("policy.kind."+kind, policy.KindText[kind])
	})
	if r := args["Reason"]; policy.ReasonText[r] != "" {
		args["Detail"] = lang.X("policy.os."+r, policy.ReasonText[r])
	}
	if p.Code == policy.CodeSyntax {
		args["Detail"] = syntaxDetail(args["Detail"])
	}
	return lang.X("policy.problem."+string(p.Code), policy.Messages[p.Code], args)
}

// Problem renders a policy problem as "file:line:col: key: message" in the
// user's language.
func Problem(p policy.Problem) string {
	return policy.FormatProblem(p, ProblemMessage(p))
}

// sourceText holds the English text of each source, keyed like the
// translations ("policy.source." + kind).
var sourceText = map[string]string{
	"default":        "default",
	"recommended":    "recommended policy {{.File}}",
	"user":           "user settings {{.File}}",
	"managed":        "managed policy {{.File}}",
	"policy-flag":    "--policy file {{.File}}",
	"strict-default": "strict default (invalid managed policy: {{.File}})",
	// The same for an invalid --policy file.
	"strict-default-flag": "strict default (--policy file invalid: {{.File}})",
}

// Source describes where a key's effective value came from, in the user's
// language: "managed policy /etc/grendel/policies/managed/10.json",
// "managed policy HKLM\Software\Policies\Grendel\Grendel".
func Source(k policy.KeyReport) string {
	kind := k.Source
	if kind == "strict-default" && k.Cause == "policy-flag" {
		kind = "strict-default-flag"
	}
	s := lang.X("policy.source."+kind, sourceText[kind], map[string]string{"File": k.File})
	if k.Limited {
		s = lang.X("policy.source.limited", "{{.Source}}, shortened to stay below lock.idle_timeout", map[string]string{"Source": s})
	}
	return s
}

// stateText holds the English name of each state of the idle lock.
var stateText = map[agent.State]string{
	agent.StateActive:     "active",
	agent.StateWarning:    "warning before the lock",
	agent.StateLocking:    "locking",
	agent.StateLocked:     "locked",
	agent.StatePrivacy:    "screen covered, not locked (no system lock worked)",
	agent.StatePresenting: "presentation mode",
}

// State names a state of the idle lock in the user's language.
func State(s agent.State) string {
	return lang.X("agent.state."+string(s), stateText[s])
}

// WordsLanguage resolves the policy's share.language ("auto", "nl", "de",
// "en"; "" counts as "auto") to the language of passphrase words and
// readouts: "auto" is the user's own language.
func WordsLanguage(setting string) string {
	if setting == "" || setting == "auto" {
		return Language()
	}
	return setting
}
