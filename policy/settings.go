package policy

import (
	"fmt"
	"slices"
	"time"
)

// Settings holds one value for every policy key, typed. The zero value is
// not useful; start from [Defaults].
type Settings struct {
	Lock     LockSettings
	Password PasswordSettings
	Share    ShareSettings
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

// Get returns the value of the named key as a time.Duration, bool, int,
// string or []string, and false if there is no such key.
func (s *Settings) Get(name string) (any, bool) {
	k, ok := Lookup(name)
	if !ok {
		return nil, false
	}
	return s.get(k), true
}

func (s *Settings) get(k Key) any {
	switch p := k.field(s).(type) {
	case *time.Duration:
		return *p
	case *bool:
		return *p
	case *int:
		return *p
	case *string:
		return *p
	case *[]string:
		return slices.Clone(*p)
	}
	panic(fmt.Sprintf("policy: key %s has an unsupported field type", k.Name))
}

// set stores v, which must have the key's Go type.
func (s *Settings) set(k Key, v any) {
	switch p := k.field(s).(type) {
	case *time.Duration:
		*p = v.(time.Duration)
	case *bool:
		*p = v.(bool)
	case *int:
		*p = v.(int)
	case *string:
		*p = v.(string)
	case *[]string:
		*p = slices.Clone(v.([]string))
	default:
		panic(fmt.Sprintf("policy: key %s has an unsupported field type", k.Name))
	}
}
