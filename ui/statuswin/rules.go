package statuswin

import (
	"encoding/json"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"grendel/policy"
	"grendel/ui/i18n"
)

// rule is one setting the window names in words, above the details.
type rule struct {
	key   policy.Key
	label func() string
	// value writes the key's value in words: "5 minutes", "Off".
	value func(json.RawMessage) string
}

// rules are the settings that say what happens when the workstation is
// left, in the order the window shows them. The settings window names
// them alike.
var rules = []rule{
	{policy.LockIdleTimeout, func() string { return lang.X("settings.idle_timeout", "Lock after") }, duration(policy.LockIdleTimeout)},
	{policy.LockWarning, func() string { return lang.X("settings.warning", "Warning before locking") },
		duration(policy.LockWarning)},
	{policy.LockOnSleep, func() string { return lang.X("status.rule.on_sleep", "Lock before sleep") }, yesNo},
	{policy.LockSnoozeMax, func() string { return lang.X("settings.snooze_max", "Presentation mode") },
		duration(policy.LockSnoozeMax)},
}

// duration returns the writer of a duration in words; zero reads as no
// warning or off for the keys where it means that.
func duration(key policy.Key) func(json.RawMessage) string {
	return func(raw json.RawMessage) string {
		var s string
		d, err := time.Duration(0), json.Unmarshal(raw, &s)
		if err == nil {
			d, err = policy.ParseDuration(s)
		}
		switch {
		case err != nil:
			return string(raw)
		case d == 0 && key == policy.LockWarning:
			return lang.X("settings.warning.none", "No warning")
		case d == 0 && key == policy.LockSnoozeMax:
			return lang.X("settings.snooze_max.none", "Off")
		}
		return i18n.Duration(d)
	}
}

// yesNo writes a boolean as yes or no.
func yesNo(raw json.RawMessage) string {
	var b bool
	if err := json.Unmarshal(raw, &b); err != nil {
		return string(raw)
	}
	if b {
		return lang.X("status.yes", "Yes")
	}
	return lang.X("status.no", "No")
}

// showRules writes each rule's value and who set it.
func (v *View) showRules(keys []policy.KeyReport) {
	for i, r := range rules {
		text := "—"
		for _, k := range keys {
			if k.Key == r.key {
				text = ruleText(k, r.value(k.Value))
			}
		}
		v.rules[i].Widget.(*widget.Label).SetText(text)
	}
}

// ruleText writes value with who set it: "5 minutes (your organisation's
// maximum)". A value IT sets for a key where lower is stricter is a
// maximum: the user may choose less.
func ruleText(k policy.KeyReport, value string) string {
	args := map[string]string{"Value": value}
	def, _ := policy.Lookup(k.Key)
	maximum := def.Order == policy.LowerIsStricter && !zero(k.Value)
	switch {
	case k.Limited:
		return lang.X("status.rule.limited", "{{.Value}} (shortened to stay below the time before locking)", args)
	case k.Source == "user":
		return lang.X("status.rule.user", "{{.Value}} (your own setting)", args)
	case k.Source == "recommended":
		return lang.X("status.rule.recommended", "{{.Value}} (recommended by your organisation)", args)
	case k.Source == "managed" && maximum:
		return lang.X("status.rule.managed_max", "{{.Value}} (your organisation's maximum)", args)
	case k.Source == "managed":
		return lang.X("status.rule.managed", "{{.Value}} (set by your organisation)", args)
	case k.Source == "policy-flag" && maximum:
		return lang.X("status.rule.policy_flag_max", "{{.Value}} (the maximum of a --policy file)", args)
	case k.Source == "policy-flag":
		return lang.X("status.rule.policy_flag", "{{.Value}} (set by a --policy file)", args)
	case k.Source == "strict-default" && k.Cause == "policy-flag":
		return lang.X("status.rule.strict_default_flag", "{{.Value}} (strict default: a --policy file is invalid)", args)
	case k.Source == "strict-default":
		return lang.X("status.rule.strict_default", "{{.Value}} (strict default: a policy file of your organisation is invalid)", args)
	}
	return lang.X("status.rule.default", "{{.Value}} (default)", args)
}

// zero reports whether a duration's JSON value is zero.
func zero(raw json.RawMessage) bool {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return false
	}
	d, err := policy.ParseDuration(s)
	return err == nil && d == 0
}

// idleText says how long ago the user's last input was, from the idle
// source: "just now" under a minute, else in whole minutes or hours.
func idleText(source string, idle time.Duration) string {
	args := map[string]string{"Source": source}
	if idle < time.Minute {
		return lang.X("status.idle.just_now", "{{.Source}}: last input just now", args)
	}
	args["Idle"] = i18n.Duration(idle.Truncate(time.Minute))
	return lang.X("status.idle.ago", "{{.Source}}: last input {{.Idle}} ago", args)
}
