package settingswin

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"grendel/policy"
	"grendel/ui/i18n"
)

// settingName names a setting for people; keys the window does not offer
// keep their dotted name.
func settingName(key policy.Key) string {
	switch key {
	case policy.LockIdleTimeout:
		return lang.X("settings.idle_timeout", "Lock after")
	case policy.LockWarning:
		return lang.X("settings.warning", "Warning before locking")
	case policy.LockSnoozeMax:
		return lang.X("settings.snooze_max", "Presentation mode")
	case policy.ShareLanguage:
		return lang.X("settings.language", "Passphrase language")
	}
	return string(key)
}

// settingHelp says what a setting is for.
func settingHelp(key policy.Key) string {
	switch key {
	case policy.LockIdleTimeout:
		return lang.X("settings.idle_timeout.help", "How long without mouse or keyboard input before Grendel locks the screen.")
	case policy.LockWarning:
		return lang.X("settings.warning.help", "A countdown before the screen locks; moving the mouse or pressing a key stops it.")
	case policy.LockSnoozeMax:
		return lang.X("settings.snooze_max.help", "The longest you can pause automatic locking, for example during a presentation.")
	case policy.ShareLanguage:
		return lang.X("settings.language.help", "The language of the words in the passphrases that Grendel makes for sharing.")
	}
	return ""
}

// optionText is the text of one option: nil is the default, the value
// that applies when the user sets nothing.
func optionText(key policy.Key, v any, d Data) string {
	if v == nil {
		return lang.X("settings.default", "{{.Value}} (default)", map[string]string{"Value": valueText(key, standard(d, key))})
	}
	return valueText(key, v)
}

// valueText shows a value of key for people.
func valueText(key policy.Key, v any) string {
	switch x := v.(type) {
	case time.Duration:
		switch {
		case x > 0:
			return i18n.Duration(x)
		case key == policy.LockWarning:
			return lang.X("settings.warning.none", "No warning")
		case key == policy.LockSnoozeMax:
			return lang.X("settings.snooze_max.none", "Off")
		}
		return i18n.Duration(x)
	case string:
		if key == policy.ShareLanguage {
			switch x {
			case "auto":
				return lang.X("settings.language.auto", "Your language")
			case "nl":
				return lang.X("settings.language.nl", "Dutch")
			case "de":
				return lang.X("settings.language.de", "German")
			case "en":
				return lang.X("settings.language.en", "English")
			}
		}
		return x
	}
	return policy.FormatValue(v)
}

// sourceText says where a value comes from, in words for people.
func sourceText(src policy.Source) string {
	switch src.Kind {
	case policy.SourceRecommended:
		return lang.X("settings.source.recommended", "recommended by your organisation")
	case policy.SourceUser:
		return lang.X("settings.source.user", "your choice")
	case policy.SourceManaged:
		return lang.X("settings.source.managed", "set by your organisation")
	case policy.SourceExtra:
		return lang.X("settings.source.policy_flag", "set by a --policy file")
	case policy.SourceStrictDefault:
		if byFlag(src) {
			return lang.X("settings.source.strict_default.policy_flag", "strict default, because a --policy file is invalid")
		}
		return lang.X("settings.source.strict_default", "strict default, because a policy file from your organisation is invalid")
	}
	return lang.X("settings.source.default", "Grendel's default")
}

// nowText says what applies now and where it comes from.
func nowText(key policy.Key, v any, src policy.Source) string {
	args := map[string]string{"Value": valueText(key, v), "Source": sourceText(src)}
	if src.Limited {
		return lang.X("settings.now.limited", "Now: {{.Value}} ({{.Source}}, shortened to stay below the time before locking)", args)
	}
	return lang.X("settings.now", "Now: {{.Value}} ({{.Source}})", args)
}

// fixedText says that a setting cannot be changed, and who fixed it.
func fixedText(src policy.Source) string {
	if byFlag(src) {
		return lang.X("settings.fixed.policy_flag", "Set by a --policy file; it cannot be changed here.")
	}
	return lang.X("settings.fixed", "Set by your organisation; it cannot be changed here.")
}

// byFlag reports whether a bound comes from a --policy file (valid or
// not) rather than from the organisation's managed policy.
func byFlag(src policy.Source) bool {
	return src.Kind == policy.SourceExtra || src.Kind == policy.SourceStrictDefault && src.Cause == policy.SourceExtra
}

// limitText says how far the policy lets the user go, and who set the
// limit. It speaks of what the user may choose, not of what applies now
// ([nowText] says that): a limit on presentation mode does not turn it on.
func limitText(key policy.Key, b policy.Bound) string {
	args := map[string]string{"Value": valueText(key, b.Value)}
	switch {
	case key == policy.LockSnoozeMax && byFlag(b.Source):
		return lang.X("settings.limit.snooze_max.policy_flag", "A --policy file lets you choose at most {{.Value}}.", args)
	case key == policy.LockSnoozeMax:
		return lang.X("settings.limit.snooze_max", "Your organisation lets you choose at most {{.Value}}.", args)
	case byFlag(b.Source):
		return lang.X("settings.limit.policy_flag", "A --policy file allows at most {{.Value}}; you may choose a shorter time.", args)
	}
	return lang.X("settings.limit", "Your organisation allows at most {{.Value}}; you may choose a shorter time.", args)
}

// ignoredText says that the user's saved value does not apply.
func ignoredText(key policy.Key, v any, b policy.Bound) string {
	args := map[string]string{"Value": valueText(key, v)}
	if byFlag(b.Source) {
		return lang.X("settings.ignored.policy_flag", "Your saved choice ({{.Value}}) does not apply: a --policy file allows less.", args)
	}
	return lang.X("settings.ignored", "Your saved choice ({{.Value}}) does not apply: your organisation allows less.", args)
}

// problemText renders a problem with a setting in the user's language.
func problemText(p policy.Problem) string {
	if p.Code == policy.CodeWarningNotLess {
		warn, errW := policy.ParseDuration(p.Args["Value"])
		idle, errI := policy.ParseDuration(p.Args["Limit"])
		if errW == nil && errI == nil {
			return lang.X("settings.error.warning_not_less", "the warning ({{.Warning}}) must be shorter than the time before locking ({{.Idle}})",
				map[string]string{"Warning": valueText(policy.LockWarning, warn), "Idle": i18n.Duration(idle)})
		}
	}
	return i18n.ProblemMessage(p)
}

// userFileText explains why the user's settings file cannot be changed.
func userFileText(d Data) string {
	var ue *policy.UserError
	switch {
	case errors.Is(d.UserErr, errNoSettingsFile):
		return lang.X("settings.no_file", "This system has no place for your own settings, so nothing can be saved.")
	case errors.As(d.UserErr, &ue):
		lines := []string{lang.X("settings.file_invalid", "Your settings file has a problem. Grendel leaves it as it is and saves nothing until you fix or remove it:")}
		for _, p := range ue.Problems {
			lines = append(lines, i18n.Problem(p))
		}
		return strings.Join(lines, "\n")
	}
	return lang.X("settings.error.write", "Grendel could not write your settings: {{.Error}}", map[string]string{"Error": d.UserErr.Error()})
}
