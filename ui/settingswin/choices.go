package settingswin

import (
	"cmp"
	"slices"
	"time"

	"grendel/policy"
)

// Data is what the window starts from: the policy, what it leaves the user,
// and the user's own settings file. [Load] reads it; tests build it.
type Data struct {
	// Path is the user's settings.json.
	Path string
	// Effective is the policy as it applies now.
	Effective *policy.Snapshot
	// Standard is the policy without the user's settings: what a key the
	// user leaves unset comes to.
	Standard *policy.Snapshot
	// Bounds says what managed and --policy files leave the user free to set.
	Bounds policy.Bounds
	// User holds the values of the user's settings.json, by key.
	User map[policy.Key]any
	// UserErr says why the user's settings.json cannot be changed (usually
	// a [*policy.UserError]); the window then saves nothing.
	UserErr error
}

// Load reads the policy and the user's settings that paths name.
func Load(paths policy.Paths) Data {
	d := Data{Path: paths.User, Effective: policy.Load(paths), Bounds: policy.UserBounds(paths)}
	standard := paths
	standard.User = ""
	d.Standard = policy.Load(standard)
	if paths.User == "" {
		d.UserErr = errNoSettingsFile
	} else {
		d.User, d.UserErr = policy.ReadUser(paths.User)
	}
	return d
}

// row is one setting the window offers, decided from [Data] alone.
type row struct {
	// Key is the policy key.
	Key policy.Key
	// Options are the values offered, in order. The nil option is the
	// default: no value of the user's own, so the key takes the value the
	// policy gives it without the user; it stands where that value belongs
	// among the others, which never repeat it. A fixed row has one option,
	// the fixed value.
	Options []any
	// Initial is the index of the option shown first: the user's own value,
	// else the default.
	Initial int
	// Fixed is true when a managed or --policy file fixes the key; the row
	// is shown but cannot be changed.
	Fixed bool
	// Ignored is the user's own value when it does not apply (it is less
	// strict than the policy allows), else nil.
	Ignored any
}

// offered lists the settings the window offers, in order.
var offered = []policy.Key{policy.LockIdleTimeout, policy.LockWarning, policy.LockSnoozeMax, policy.ShareLanguage}

// candidates are the values each setting may offer, before the bounds
// filter them.
var candidates = map[policy.Key][]any{
	policy.LockIdleTimeout: durations(time.Minute, 2*time.Minute, 3*time.Minute, 5*time.Minute, 10*time.Minute, 15*time.Minute, 30*time.Minute, time.Hour),
	policy.LockWarning:     durations(0, 10*time.Second, 15*time.Second, 20*time.Second, 30*time.Second, 45*time.Second, time.Minute, 2*time.Minute),
	policy.LockSnoozeMax:   durations(0, 15*time.Minute, 30*time.Minute, 45*time.Minute, time.Hour, 90*time.Minute, 2*time.Hour),
	policy.ShareLanguage:   {"auto", "nl", "de", "en"},
}

func durations(ds ...time.Duration) []any {
	out := make([]any, len(ds))
	for i, d := range ds {
		out[i] = d
	}
	return out
}

// rows decides which settings the window shows and what each offers.
// Presentation mode is left out when the policy allows none.
func rows(d Data) []row {
	var out []row
	for _, key := range offered {
		b, ok := d.Bounds[key]
		if !ok {
			b = policy.UserBounds(policy.Paths{})[key]
		}
		if key == policy.LockSnoozeMax {
			if max, _ := b.Max.(time.Duration); max <= 0 {
				continue
			}
		}
		r := row{Key: key}
		if b.Kind == policy.BoundFixed {
			r.Options, r.Fixed = []any{b.Value}, true
			out = append(out, r)
			continue
		}
		// One entry means the default: the value the default comes to is
		// not offered a second time.
		std := standard(d, key)
		r.Options = []any{nil}
		for _, c := range candidates[key] {
			if b.Allows(c) && c != std {
				r.Options = append(r.Options, c)
			}
		}
		own, set := d.User[key]
		switch {
		case !set:
		case !b.Allows(own):
			r.Ignored = own
		case own == std:
			// The default entry stands for it; the file keeps the value
			// unless the user picks another.
		case !slices.Contains(r.Options, own):
			// A value written by hand: offer it where it belongs.
			r.Options = append(r.Options, own)
		}
		sortOptions(r.Options, std)
		if set && own != std && r.Ignored == nil {
			r.Initial = slices.Index(r.Options, own)
		} else {
			r.Initial = slices.Index(r.Options, nil)
		}
		out = append(out, r)
	}
	return out
}

// standard returns the value key takes when the user sets none.
func standard(d Data, key policy.Key) any {
	std, _ := d.Standard.Settings.Get(key)
	return std
}

// sortOptions sorts durations in ascending order, the default (nil) at
// the place of std; other values keep their order, the default first.
func sortOptions(opts []any, std any) {
	value := func(o any) any {
		if o == nil {
			return std
		}
		return o
	}
	slices.SortStableFunc(opts, func(a, b any) int {
		da, okA := value(a).(time.Duration)
		db, okB := value(b).(time.Duration)
		if !okA || !okB {
			return 0
		}
		return cmp.Compare(da, db)
	})
}

// changes returns what to write to the user's settings.json: the value of
// every row whose selection differs from its initial one (nil removes the
// key). selected holds the index of each row's selected option. Rows left
// alone keep what the file says, even a value that does not apply now.
func changes(rs []row, selected []int) map[policy.Key]any {
	out := map[policy.Key]any{}
	for i, r := range rs {
		if r.Fixed || selected[i] == r.Initial || selected[i] < 0 || selected[i] >= len(r.Options) {
			continue
		}
		out[r.Key] = r.Options[selected[i]]
	}
	return out
}

// check returns the problems with saving chosen, which [changes] made: the
// warning that would apply must be shorter than the idle timeout that
// would apply. A warning fixed by the organisation is left to the policy,
// which shortens it; so is a combination the user did not touch.
func check(d Data, chosen map[policy.Key]any) []policy.Problem {
	_, idleChosen := chosen[policy.LockIdleTimeout]
	_, warnChosen := chosen[policy.LockWarning]
	if !idleChosen && !warnChosen || d.Bounds[policy.LockWarning].Kind == policy.BoundFixed {
		return nil
	}
	idle := applied(d, chosen, policy.LockIdleTimeout).(time.Duration)
	warn := applied(d, chosen, policy.LockWarning).(time.Duration)
	if warn < idle {
		return nil
	}
	return []policy.Problem{{File: d.Path, Key: string(policy.LockWarning), Code: policy.CodeWarningNotLess,
		Args: map[string]string{"Value": policy.FormatDuration(warn), "Limit": policy.FormatDuration(idle)}}}
}

// applied returns the value key would have after saving chosen: the user's
// value where it applies, else the standard one.
func applied(d Data, chosen map[policy.Key]any, key policy.Key) any {
	v, set := chosen[key]
	if !set {
		v, set = d.User[key]
	}
	if set && v != nil && d.Bounds[key].Allows(v) {
		return v
	}
	return standard(d, key)
}
