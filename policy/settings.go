package policy

import (
	"slices"
	"time"
)

// Settings holds one value for every policy key, typed. The zero value is
// not useful; start from [Defaults].
type Settings struct {
	Lock     LockSettings
	Password PasswordSettings
	Share    ShareSettings
	File     FileSettings
	App      AppSettings
}

// LockSettings are the lock.* keys.
type LockSettings struct {
	IdleTimeout time.Duration
	Warning     time.Duration
	OnSleep     bool
	Command     []string
	SnoozeMax   time.Duration
}

// PasswordSettings are the password.* keys.
type PasswordSettings struct {
	MinScore    int
	MinLength   int
	BannedWords []string
}

// ShareSettings are the share.* keys.
type ShareSettings struct {
	MaxAge         time.Duration
	ClipboardClear time.Duration
	Generator      string
	Words          int
	Language       string
	Partners       []string
	PartnersOnly   bool
}

// FileSettings are the file.* keys.
type FileSettings struct {
	MinPasswordBits int
}

// AppSettings are the app.* keys.
type AppSettings struct {
	AllowQuit bool
}

// Defaults returns the built-in settings.
func Defaults() Settings {
	var s Settings
	for _, k := range keys {
		s.set(k, k.Default)
	}
	return s
}

// Duration returns the value of the duration key k, and false if k is no
// duration key.
func (s *Settings) Duration(k Key) (time.Duration, bool) { return value[time.Duration](s, k) }

// Bool returns the value of the true/false key k, and false if k is no
// such key.
func (s *Settings) Bool(k Key) (v, ok bool) { return value[bool](s, k) }

// Int returns the value of the whole-number key k, and false if k is no
// such key.
func (s *Settings) Int(k Key) (int, bool) { return value[int](s, k) }

// Enum returns the value of the enum key k (one of its Enum strings), and
// false if k is no enum key.
func (s *Settings) Enum(k Key) (string, bool) { return value[string](s, k) }

// List returns a copy of the value of the list or command key k, and false
// if k is neither.
func (s *Settings) List(k Key) ([]string, bool) { return value[[]string](s, k) }

// Get returns the value of the key k as a time.Duration, bool, int, string
// or []string (see [Definition.Type]), and false if there is no such key.
// Where the type is known, the typed accessors ([Settings.Duration],
// [Settings.Bool], [Settings.Int], [Settings.Enum], [Settings.List]) say
// so without a type assertion.
func (s *Settings) Get(k Key) (any, bool) {
	d, ok := Lookup(k)
	if !ok {
		return nil, false
	}
	return s.get(d), true
}

// value returns the value of k if its Go type is T.
func value[T any](s *Settings, k Key) (T, bool) {
	var zero T
	d, ok := Lookup(k)
	if !ok {
		return zero, false
	}
	f, ok := d.field.(field[T])
	if !ok {
		return zero, false
	}
	return cloned(*f(s)), true
}

func (s *Settings) get(k Definition) any { return k.field.get(s) }

// set stores v if it has the key's Go type, and reports whether it had.
func (s *Settings) set(k Definition, v any) bool { return k.field.set(s, v) }

// slot is where one key's value lives in [Settings].
type slot interface {
	get(*Settings) any
	set(*Settings, any) bool
}

// field is the slot of a Settings field of type T.
type field[T any] func(*Settings) *T

func (f field[T]) get(s *Settings) any { return cloned(*f(s)) }

func (f field[T]) set(s *Settings, v any) bool {
	x, ok := v.(T)
	if ok {
		*f(s) = cloned(x)
	}
	return ok
}

// ref returns the slot of the Settings field that p points to.
func ref[T any](p func(*Settings) *T) slot { return field[T](p) }

// cloned returns v, or a copy of it if it is a list, so that no two
// Settings share one.
func cloned[T any](v T) T {
	if l, ok := any(v).([]string); ok {
		return any(slices.Clone(l)).(T)
	}
	return v
}
