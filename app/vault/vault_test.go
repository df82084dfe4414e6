package vault

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"grendel/app/passgen"
	"grendel/app/secret"
)

const (
	day    = 24 * time.Hour
	maxAge = 7 * day
)

// t0 is the fake clock's start.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// clock is a fake clock that tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// fixture is a vault on a map keychain and a fake clock, in a temporary
// directory.
type fixture struct {
	t     *testing.T
	dir   string
	kc    *MapKeychain
	clock *clock
	cfg   Config
	v     *Vault
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, dir: filepath.Join(t.TempDir(), "grendel"), kc: &MapKeychain{}, clock: &clock{t: t0}}
	f.cfg = Config{Dir: f.dir, Keychain: f.kc, MaxAge: maxAge, Now: f.clock.Now}
	f.v, _ = f.open()
	return f
}

// open opens the fixture's vault again, as a new process would.
func (f *fixture) open() (*Vault, []Problem) {
	f.t.Helper()
	v, problems, err := Open(f.cfg)
	if err != nil {
		f.t.Fatalf("Open: %v", err)
	}
	f.v = v
	return v, problems
}

func (f *fixture) create(req Request) Share {
	f.t.Helper()
	s, err := f.v.Create(req)
	if err != nil {
		f.t.Fatalf("Create(%+v): %v", req, err)
	}
	return s
}

// secret returns what the keychain holds for id.
func (f *fixture) secret(id string) string {
	f.t.Helper()
	s, err := f.kc.Get(Service, id)
	if err != nil {
		f.t.Fatalf("keychain Get(%s): %v", id, err)
	}
	return s
}

// index returns the bytes of the index file, or nil if there is none.
func (f *fixture) index() []byte {
	f.t.Helper()
	data, err := os.ReadFile(filepath.Join(f.dir, IndexFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		f.t.Fatal(err)
	}
	return data
}

func exists(t *testing.T, path string) bool {
	t.Helper()
	_, err := os.Lstat(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return err == nil
}

// same reports whether a and b are the same share, as the index would
// hold them.
func same(a, b Share) bool {
	ja, err := json.Marshal(a)
	if err != nil {
		panic(err)
	}
	jb, err := json.Marshal(b)
	if err != nil {
		panic(err)
	}
	return bytes.Equal(ja, jb)
}

func codes(problems []Problem) []Code {
	var cs []Code
	for _, p := range problems {
		cs = append(cs, p.Code)
	}
	return cs
}

func TestCreate(t *testing.T) {
	tests := []struct {
		name        string
		req         Request
		want        Settings
		typed       bool
		check       func(t *testing.T, secret string)
		wantChannel Channel
	}{
		{
			name: "defaults",
			req:  Request{Label: "report.pdf"},
			want: Settings{Kind: KindPassphrase, Words: passgen.DefaultWords, Language: "en"},
			check: func(t *testing.T, s string) {
				if n := len(strings.Split(s, passgen.DefaultSeparator)); n != passgen.DefaultWords {
					t.Errorf("passphrase %d words, want %d", n, passgen.DefaultWords)
				}
			},
			wantChannel: ChannelOther,
		},
		{
			name: "dutch passphrase by phone",
			req: Request{Label: "jaarverslag.xlsx", Recipient: "Anna de Vries", Channel: ChannelPhone,
				Settings: Settings{Kind: KindPassphrase, Words: 5, Language: "nl", Length: 99}},
			want: Settings{Kind: KindPassphrase, Words: 5, Language: "nl"},
			check: func(t *testing.T, s string) {
				if n := len(strings.Split(s, passgen.DefaultSeparator)); n != 5 {
					t.Errorf("passphrase %d words, want 5", n)
				}
			},
			wantChannel: ChannelPhone,
		},
		{
			name: "random by sms",
			req:  Request{Label: "vertrag.zip", Channel: ChannelSMS, Settings: Settings{Kind: KindRandom, Length: 16, Language: "de", Words: 3}},
			want: Settings{Kind: KindRandom, Length: 16, Language: "de"},
			check: func(t *testing.T, s string) {
				if len(s) != 16 {
					t.Errorf("password %d bytes, want 16", len(s))
				}
			},
			wantChannel: ChannelSMS,
		},
		{
			name:  "typed",
			req:   Request{Label: "notes.txt", Secret: secret.New("Correct-Horse-Battery-Staple-42")},
			want:  DefaultSettings(),
			typed: true,
			check: func(t *testing.T, s string) {
				if s != "Correct-Horse-Battery-Staple-42" {
					t.Errorf("typed password stored as another")
				}
			},
			wantChannel: ChannelOther,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			s := f.create(tt.req)
			if !ValidID(s.ID) {
				t.Errorf("ID %q is not a valid ID", s.ID)
			}
			if s.Label != tt.req.Label || s.Recipient != tt.req.Recipient || s.Channel != tt.wantChannel {
				t.Errorf("share = %+v, want label %q, recipient %q, channel %q", s, tt.req.Label, tt.req.Recipient, tt.wantChannel)
			}
			if s.Settings != tt.want {
				t.Errorf("Settings = %+v, want %+v", s.Settings, tt.want)
			}
			if !s.Created.Equal(t0) || !s.Expires.Equal(t0.Add(maxAge)) {
				t.Errorf("Created, Expires = %v, %v, want %v, %v", s.Created, s.Expires, t0, t0.Add(maxAge))
			}
			if s.Typed != tt.typed || (s.Entropy > 0) == tt.typed {
				t.Errorf("Typed, Entropy = %v, %v, want typed %v with entropy only if generated", s.Typed, s.Entropy, tt.typed)
			}
			secret := f.secret(s.ID)
			tt.check(t, secret)
			got, err := f.v.Reveal(s.ID)
			if err != nil || got.Reveal() != secret {
				t.Errorf("Reveal = (%d bytes, %v), want the %d bytes of the keychain", len(got.Reveal()), err, len(secret))
			}
			list, err := f.v.List()
			if err != nil || len(list) != 1 || !same(list[0], s) {
				t.Errorf("List() = %+v, %v, want [%+v]", list, err, s)
			}
			// Another process sees the same.
			v2, problems := f.open()
			if g, err := v2.Get(s.ID); err != nil || !same(g, s) || len(problems) > 0 {
				t.Errorf("after reopening: Get = %+v, %v, problems %v; want %+v", g, err, problems, s)
			}
		})
	}
}

func TestCreateInvalid(t *testing.T) {
	tests := []struct {
		name string
		req  Request
		want error
	}{
		{"empty label", Request{Label: "  "}, ErrInvalid},
		{"control in label", Request{Label: "a\nb"}, ErrInvalid},
		{"long label", Request{Label: strings.Repeat("x", MaxLabelLen+1)}, ErrInvalid},
		{"bad recipient", Request{Label: "x", Recipient: "\xff"}, ErrInvalid},
		{"bad channel", Request{Label: "x", Channel: "pigeon"}, ErrInvalid},
		{"bad kind", Request{Label: "x", Settings: Settings{Kind: "pin"}}, ErrInvalid},
		{"too few words", Request{Label: "x", Settings: Settings{Words: passgen.MinWords - 1}}, ErrInvalid},
		{"too short", Request{Label: "x", Settings: Settings{Kind: KindRandom, Length: passgen.MinLength - 1}}, ErrInvalid},
		{"unknown language", Request{Label: "x", Settings: Settings{Language: "fr"}}, ErrInvalid},
		{"typed too long", Request{Label: "x", Secret: secret.New(strings.Repeat("a", MaxSecretLen+1))}, ErrTooBig},
		{"typed not UTF-8", Request{Label: "x", Secret: secret.New("p\xffss")}, ErrInvalid},
		{"typed NUL", Request{Label: "x", Secret: secret.New("p\x00ss")}, ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			_, err := f.v.Create(tt.req)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Create(%+v) = %v, want %v", tt.req, err, tt.want)
			}
			if f.index() != nil || len(f.kc.Accounts(Service)) > 0 {
				t.Errorf("a refused request wrote the index or the keychain")
			}
			if s := tt.req.Secret.Reveal(); s != "" && strings.Contains(err.Error(), s) {
				t.Errorf("error %q holds the password", err)
			}
		})
	}
}

func TestOpenInvalidConfig(t *testing.T) {
	dir := t.TempDir()
	for _, cfg := range []Config{
		{Keychain: &MapKeychain{}, MaxAge: day},
		{Dir: dir, MaxAge: day},
		{Dir: dir, Keychain: &MapKeychain{}},
		{Dir: dir, Keychain: &MapKeychain{}, MaxAge: -day},
	} {
		if _, _, err := Open(cfg); !errors.Is(err, ErrInvalid) {
			t.Errorf("Open(%+v) = %v, want ErrInvalid", cfg, err)
		}
	}
}

func TestUnknownShare(t *testing.T) {
	f := newFixture(t)
	ops := map[string]func(id string) error{
		"Get":    func(id string) error { _, err := f.v.Get(id); return err },
		"Reveal": func(id string) error { _, err := f.v.Reveal(id); return err },
		"Copied": func(id string) error { _, err := f.v.Copied(id); return err },
		"Rotate": func(id string) error { _, err := f.v.Rotate(id); return err },
		"Extend": func(id string) error { _, err := f.v.Extend(id); return err },
		"Delete": f.v.Delete,
	}
	for name, op := range ops {
		for _, id := range []string{"aaaaaaaaaa", "", "../etc", "AAAAAAAAAA"} {
			if err := op(id); !errors.Is(err, ErrNotFound) {
				t.Errorf("%s(%q) = %v, want ErrNotFound", name, id, err)
			}
		}
	}
}

func TestCopied(t *testing.T) {
	f := newFixture(t)
	s := f.create(Request{Label: "a.pdf"})
	f.clock.Advance(time.Hour)
	got, err := f.v.Copied(s.ID)
	if err != nil || !got.LastCopied.Equal(t0.Add(time.Hour)) {
		t.Fatalf("Copied = %+v, %v, want LastCopied %v", got, err, t0.Add(time.Hour))
	}
	if g, _ := f.v.Get(s.ID); !g.LastCopied.Equal(t0.Add(time.Hour)) {
		t.Errorf("LastCopied in the index = %v, want %v", g.LastCopied, t0.Add(time.Hour))
	}
	f.clock.Advance(maxAge)
	if _, err := f.v.Copied(s.ID); !errors.Is(err, ErrExpired) {
		t.Errorf("Copied of an expired share = %v, want ErrExpired", err)
	}
	if _, err := f.v.Reveal(s.ID); !errors.Is(err, ErrExpired) {
		t.Errorf("Reveal of an expired share = %v, want ErrExpired", err)
	}
}

func TestRotate(t *testing.T) {
	f := newFixture(t)
	s := f.create(Request{Label: "a.pdf", Recipient: "Bob", Channel: ChannelPhone,
		Settings: Settings{Kind: KindRandom, Length: 24}, Secret: secret.New("typed by the user 123")})
	old := f.secret(s.ID)
	f.clock.Advance(2 * time.Hour)
	if _, err := f.v.Copied(s.ID); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(3 * day)
	now := t0.Add(3*day + 2*time.Hour)
	got, err := f.v.Rotate(s.ID)
	if err != nil {
		t.Fatalf("Rotate: %v", err)
	}
	secret := f.secret(s.ID)
	if secret == old || len(secret) != 24 {
		t.Errorf("after Rotate the keychain holds the old password or one of %d bytes, want a new one of 24", len(secret))
	}
	want := s
	want.Rotated, want.Expires, want.Typed, want.Entropy = now, now.Add(maxAge), false, got.Entropy
	if !same(got, want) || got.Entropy <= 0 {
		t.Errorf("Rotate = %+v, want %+v", got, want)
	}
	if r, _ := f.v.Reveal(s.ID); r.Reveal() != secret {
		t.Errorf("Reveal after Rotate gives another password than the keychain's")
	}
	// An expired share can be rotated back to life.
	f.clock.Advance(maxAge)
	if got, err := f.v.Rotate(s.ID); err != nil || got.Expired(f.clock.Now()) {
		t.Errorf("Rotate of an expired share = %+v, %v, want a live share", got, err)
	}
}

func TestExtend(t *testing.T) {
	f := newFixture(t)
	s := f.create(Request{Label: "a.pdf"})
	secret := f.secret(s.ID)
	f.clock.Advance(5 * day)
	got, err := f.v.Extend(s.ID)
	if err != nil || !got.Expires.Equal(t0.Add(5*day+maxAge)) {
		t.Fatalf("Extend = %+v, %v, want Expires %v", got, err, t0.Add(5*day+maxAge))
	}
	if f.secret(s.ID) != secret || !got.Rotated.IsZero() {
		t.Errorf("Extend changed the password")
	}
	f.clock.Advance(maxAge)
	if _, err := f.v.Extend(s.ID); !errors.Is(err, ErrExpired) {
		t.Errorf("Extend of an expired share = %v, want ErrExpired", err)
	}
}

func TestDelete(t *testing.T) {
	f := newFixture(t)
	a := f.create(Request{Label: "a"})
	b := f.create(Request{Label: "b"})
	if err := f.v.Delete(a.ID); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if got := f.kc.Accounts(Service); !slices.Equal(got, []string{b.ID}) {
		t.Errorf("keychain accounts = %v, want [%s]", got, b.ID)
	}
	if list, _ := f.v.List(); len(list) != 1 || list[0].ID != b.ID {
		t.Errorf("List = %+v, want only %s", list, b.ID)
	}
	// A keychain that fails leaves the share.
	f.kc.Fail = func(op, _, _ string) error { return ErrKeychainLocked }
	if err := f.v.Delete(b.ID); !errors.Is(err, ErrKeychainLocked) {
		t.Errorf("Delete with a locked keychain = %v, want ErrKeychainLocked", err)
	}
	if _, err := f.v.Get(b.ID); err != nil {
		t.Errorf("after a failed Delete: %v", err)
	}
	// A password already gone is no obstacle.
	f.kc.Fail = nil
	if err := f.kc.Delete(Service, b.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.v.Delete(b.ID); err != nil {
		t.Errorf("Delete of a share without a password: %v", err)
	}
	if list, _ := f.v.List(); len(list) != 0 {
		t.Errorf("List = %+v, want none", list)
	}
}

func TestPurgeAndDueSoon(t *testing.T) {
	// Shares made at these offsets from t0, each expiring maxAge later.
	ages := map[string]time.Duration{
		"old":       0,
		"older":     -time.Hour,
		"edge":      time.Hour,
		"due":       2 * day,
		"due later": 2*day + 12*time.Hour,
		"fresh":     5 * day,
	}
	tests := []struct {
		at      time.Duration // from t0 + maxAge
		within  time.Duration
		purged  []string
		dueSoon []string
	}{
		{at: -day, within: day, dueSoon: []string{"older", "old"}},
		{at: 0, within: day, purged: []string{"older", "old"}, dueSoon: []string{"edge"}},
		{at: time.Hour, within: day, purged: []string{"older", "old", "edge"}},
		{at: day + 12*time.Hour, within: day, purged: []string{"older", "old", "edge"}, dueSoon: []string{"due", "due later"}},
		{at: 10 * day, within: day, purged: []string{"older", "old", "edge", "due", "due later", "fresh"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.at), func(t *testing.T) {
			f := newFixture(t)
			labels := map[string]string{}
			for label, age := range ages {
				f.clock.t = t0.Add(age)
				s := f.create(Request{Label: label})
				labels[s.ID] = label
			}
			now := t0.Add(maxAge + tt.at)
			f.clock.t = now
			due, err := f.v.DueSoon(now, tt.within)
			if err != nil {
				t.Fatal(err)
			}
			var gotDue []string
			for _, s := range due {
				gotDue = append(gotDue, s.Label)
			}
			if !slices.Equal(gotDue, tt.dueSoon) {
				t.Errorf("DueSoon(%v) = %q, want %q", tt.within, gotDue, tt.dueSoon)
			}
			removed, err := f.v.Purge(now)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range removed {
				got = append(got, s.Label)
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tt.purged))
			if !slices.Equal(got, want) {
				t.Errorf("Purge removed %q, want %q", got, want)
			}
			list, _ := f.v.List()
			if len(list)+len(removed) != len(ages) {
				t.Errorf("%d shares left and %d removed, want %d in all", len(list), len(removed), len(ages))
			}
			for _, s := range list {
				if s.Expired(now) {
					t.Errorf("share %q left after Purge has expired", s.Label)
				}
				f.secret(s.ID)
			}
			for _, s := range removed {
				if _, err := f.kc.Get(Service, s.ID); !errors.Is(err, ErrNotFound) {
					t.Errorf("the keychain still has the password of purged share %q", s.Label)
				}
			}
		})
	}
}

func TestPurgeKeychainFails(t *testing.T) {
	f := newFixture(t)
	a := f.create(Request{Label: "a"})
	b := f.create(Request{Label: "b"})
	f.kc.Fail = func(op, _, account string) error {
		if op == "delete" && account == a.ID {
			return ErrKeychainLocked
		}
		return nil
	}
	now := t0.Add(maxAge)
	removed, err := f.v.Purge(now)
	if !errors.Is(err, ErrKeychainLocked) || !strings.Contains(err.Error(), a.ID) {
		t.Errorf("Purge = %v, want ErrKeychainLocked naming %s", err, a.ID)
	}
	// The failure stops the purge: a locked keychain would fail again.
	list, _ := f.v.List()
	if len(removed)+len(list) != 2 || !slices.ContainsFunc(list, func(s Share) bool { return s.ID == a.ID }) {
		t.Errorf("Purge removed %+v and left %+v; want a kept", removed, list)
	}
	f.kc.Fail = nil
	removed, err = f.v.Purge(now)
	if list, _ := f.v.List(); err != nil || len(list) != 0 {
		t.Errorf("second Purge = %+v, %v, left %+v; want all gone", removed, err, list)
	}
	_ = b
}

// errKilled stands for the program dying.
var errKilled = errors.New("killed")

func TestKeychainFailureLeavesIndex(t *testing.T) {
	const typed = "S3cret-typed-by-Alice!"
	tests := []struct {
		name  string
		fail  error
		want  error
		typed bool
	}{
		{"unavailable", fmt.Errorf("%w: no Secret Service", ErrKeychainUnavailable), ErrKeychainUnavailable, false},
		{"locked", ErrKeychainLocked, ErrKeychainLocked, false},
		{"too big", fmt.Errorf("%w: data passed to Set was too big", ErrTooBig), ErrTooBig, true},
		{"foreign error", errors.New("org.freedesktop.DBus.Error.NoReply"), ErrKeychainUnavailable, false},
		{"error echoes the password", fmt.Errorf("cannot store %q", typed), ErrKeychainUnavailable, true},
		{"timeout", &keychainError{kind: ErrKeychainUnavailable, cause: errors.New("no answer"), timeout: true}, ErrKeychainUnavailable, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			keep := f.create(Request{Label: "kept"})
			keepSecret := f.secret(keep.ID)
			before := f.index()
			var attempted string
			f.kc.Fail = func(op, _, account string) error {
				if op == "set" {
					if attempted == "" {
						attempted = account
					}
					return tt.fail
				}
				return nil
			}
			req := Request{Label: "new"}
			if tt.typed {
				req.Secret = secret.New(typed)
			}
			_, err := f.v.Create(req)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Create = %v, want %v", err, tt.want)
			}
			if strings.Contains(err.Error(), typed) {
				t.Errorf("error %q holds the password", err)
			}
			if !bytes.Equal(f.index(), before) {
				t.Errorf("a failed keychain write changed the index")
			}
			// Rotation fails the same way and keeps the old password.
			_, err = f.v.Rotate(keep.ID)
			if !errors.Is(err, tt.want) || !bytes.Equal(f.index(), before) || f.secret(keep.ID) != keepSecret {
				t.Errorf("Rotate = %v, and it changed the index or the password; want %v and no change", err, tt.want)
			}
			journal := exists(t, filepath.Join(f.dir, JournalFile))
			if timeout := tt.name == "timeout"; journal != timeout {
				t.Errorf("journal left = %v, want %v (kept only after a timeout)", journal, timeout)
			}
			// The next Open drops what never reached the keychain.
			f.kc.Fail = nil
			_, problems := f.open()
			if list, _ := f.v.List(); len(list) != 1 || list[0].ID != keep.ID {
				t.Errorf("after reopening: %+v, want only the kept share", list)
			}
			if tt.name == "timeout" && (len(problems) != 1 || problems[0].Code != CodeDropped || problems[0].ID != attempted) {
				t.Errorf("after a timeout, Open found %v, want %s dropped", problems, attempted)
			}
		})
	}
}

func TestErrorsHoldNoSecret(t *testing.T) {
	const secret = "generated-secret-words-here"
	f := newFixture(t)
	f.cfg.Generate = func(Settings) (string, float64, error) { return secret, 80, nil }
	f.open()
	s := f.create(Request{Label: "a"})
	echo := func(op, service, account string) error {
		return fmt.Errorf("dbus: %s %s/%s failed with secret %s", op, service, account, secret)
	}
	f.kc.Fail = echo
	var errs []error
	_, err := f.v.Create(Request{Label: "b"})
	errs = append(errs, err)
	_, err = f.v.Rotate(s.ID)
	errs = append(errs, err)
	f.kc.Fail = func(op, service, account string) error {
		return fmt.Errorf("%w: %s", ErrKeychainLocked, secret)
	}
	_, err = f.v.Create(Request{Label: "c"})
	errs = append(errs, err)
	f.kc.Fail = nil
	f.cfg.Generate = func(Settings) (string, float64, error) { return "", 0, errors.New("no entropy") }
	f.open()
	_, err = f.v.Create(Request{Label: "d"})
	errs = append(errs, err)
	for i, err := range errs {
		if err == nil {
			t.Errorf("error %d: nil, want one", i)
			continue
		}
		if strings.Contains(err.Error(), secret) || strings.Contains(fmt.Sprintf("%+v %#v", err, err), secret) {
			t.Errorf("error %d %q holds the password", i, err)
		}
	}
	if !errors.Is(errs[2], ErrKeychainLocked) {
		t.Errorf("a withheld error = %v, want it to wrap ErrKeychainLocked still", errs[2])
	}
}

func TestCrashAfterKeychainWrite(t *testing.T) {
	f := newFixture(t)
	kept := f.create(Request{Label: "kept"})
	f.v.afterKeychainWrite = func() error { return errKilled }
	if _, err := f.v.Create(Request{Label: "lost in the crash"}); !errors.Is(err, errKilled) {
		t.Fatalf("Create = %v, want the simulated kill", err)
	}
	accounts := f.kc.Accounts(Service)
	if len(accounts) != 2 {
		t.Fatalf("keychain accounts = %v, want 2", accounts)
	}
	orphan := accounts[0]
	if orphan == kept.ID {
		orphan = accounts[1]
	}
	if _, err := f.v.Get(orphan); !errors.Is(err, ErrNotFound) {
		t.Fatalf("the index knows the orphan before reopening: %v", err)
	}
	f.clock.Advance(time.Minute)
	_, problems := f.open()
	if len(problems) != 1 || problems[0].Code != CodeAdopted || problems[0].ID != orphan {
		t.Fatalf("Open found %v, want %s adopted", problems, orphan)
	}
	s, err := f.v.Get(orphan)
	now := t0.Add(time.Minute)
	if err != nil || s.Label != RecoveredLabel || !s.Recovered || !s.Created.Equal(now) || !s.Expires.Equal(now.Add(maxAge)) {
		t.Errorf("adopted share = %+v, %v; want %q, recovered, created now", s, err, RecoveredLabel)
	}
	if r, err := f.v.Reveal(orphan); err != nil || r.Reveal() != f.secret(orphan) {
		t.Errorf("Reveal(adopted) = %v; want the keychain's password", err)
	}
	if exists(t, filepath.Join(f.dir, JournalFile)) {
		t.Errorf("journal left after adoption")
	}
	if _, problems := f.open(); len(problems) != 0 {
		t.Errorf("a second Open found %v, want nothing", problems)
	}
}

func TestJournal(t *testing.T) {
	tests := []struct {
		name     string
		journal  string // ORPHAN stands for the ID of a password in the keychain
		down     bool   // the keychain fails
		want     []Code
		keep     bool // the journal stays
		adopted  int
		backedUp bool
	}{
		{name: "adopt", journal: `{"version":1,"ids":["ORPHAN"]}`, want: []Code{CodeAdopted}, adopted: 1},
		{name: "drop", journal: `{"version":1,"ids":["bbbbbbbbbb"]}`, want: []Code{CodeDropped}},
		{name: "adopt and drop", journal: `{"version":1,"ids":["bbbbbbbbbb","ORPHAN","ORPHAN"]}`, want: []Code{CodeDropped, CodeAdopted}, adopted: 1},
		{name: "invalid IDs ignored", journal: `{"version":1,"ids":["../../x","AAAAAAAAAA",""]}`},
		{name: "keychain down", journal: `{"version":1,"ids":["ORPHAN"]}`, down: true, want: []Code{CodeKeychainUnavailable}, keep: true},
		{name: "corrupt", journal: `{"version":1,"ids":["ORPHAN",`, want: []Code{CodeCorruptJournal, CodeAdopted}, adopted: 1, backedUp: true},
		{name: "not a journal", journal: `[]`, want: []Code{CodeCorruptJournal}, backedUp: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			const orphan = "orphan2345"
			if err := f.kc.Set(Service, orphan, "pw"); err != nil {
				t.Fatal(err)
			}
			journal := strings.ReplaceAll(tt.journal, "ORPHAN", orphan)
			if err := os.WriteFile(filepath.Join(f.dir, JournalFile), []byte(journal), 0o600); err != nil {
				t.Fatal(err)
			}
			if tt.down {
				f.kc.Fail = func(string, string, string) error { return ErrKeychainUnavailable }
			}
			_, problems := f.open()
			if got := codes(problems); !slices.Equal(got, tt.want) {
				t.Errorf("Open found %v, want %v", problems, tt.want)
			}
			if list, _ := f.v.List(); len(list) != tt.adopted {
				t.Errorf("%d shares, want %d", len(list), tt.adopted)
			}
			if got := exists(t, filepath.Join(f.dir, JournalFile)); got != tt.keep {
				t.Errorf("journal kept = %v, want %v", got, tt.keep)
			}
			backups, _ := filepath.Glob(filepath.Join(f.dir, JournalFile+".corrupt-*"))
			if (len(backups) == 1) != tt.backedUp {
				t.Errorf("backups %v, want one: %v", backups, tt.backedUp)
			}
			if tt.down { // the keychain comes back
				f.kc.Fail = nil
				if _, problems := f.open(); !slices.Equal(codes(problems), []Code{CodeAdopted}) {
					t.Errorf("once the keychain is back, Open found %v, want the orphan adopted", problems)
				}
			}
		})
	}
}

func TestBroken(t *testing.T) {
	f := newFixture(t)
	a := f.create(Request{Label: "a"})
	b := f.create(Request{Label: "b"})
	if err := f.kc.Delete(Service, a.ID); err != nil { // out of band
		t.Fatal(err)
	}
	_, problems := f.open()
	if len(problems) != 1 || problems[0].Code != CodeBroken || problems[0].ID != a.ID {
		t.Fatalf("Open found %v, want %s broken", problems, a.ID)
	}
	if s, _ := f.v.Get(a.ID); !s.Broken {
		t.Errorf("share %s not marked Broken", a.ID)
	}
	if s, _ := f.v.Get(b.ID); s.Broken {
		t.Errorf("share %s marked Broken", b.ID)
	}
	if _, err := f.v.Reveal(a.ID); !errors.Is(err, ErrBroken) {
		t.Errorf("Reveal(broken) = %v, want ErrBroken", err)
	}
	for name, op := range map[string]func(string) (Share, error){"Copied": f.v.Copied, "Extend": f.v.Extend} {
		if _, err := op(a.ID); !errors.Is(err, ErrBroken) {
			t.Errorf("%s(broken) = %v, want ErrBroken", name, err)
		}
	}
	if due, _ := f.v.DueSoon(t0.Add(maxAge-time.Hour), day); len(due) != 1 || due[0].ID != b.ID {
		t.Errorf("DueSoon = %+v, want only %s", due, b.ID)
	}
	// It stays reported, and Rotate repairs it.
	if _, problems := f.open(); !slices.Equal(codes(problems), []Code{CodeBroken}) {
		t.Errorf("second Open found %v, want it broken still", problems)
	}
	if s, err := f.v.Rotate(a.ID); err != nil || s.Broken {
		t.Errorf("Rotate(broken) = %+v, %v, want a whole share", s, err)
	}
	if _, problems := f.open(); len(problems) != 0 {
		t.Errorf("Open after the repair found %v", problems)
	}
	// Reveal notices a password gone while the vault is open.
	if err := f.kc.Delete(Service, b.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.v.Reveal(b.ID); !errors.Is(err, ErrBroken) {
		t.Errorf("Reveal = %v, want ErrBroken", err)
	}
	if s, _ := f.v.Get(b.ID); !s.Broken {
		t.Errorf("Reveal did not mark the share Broken")
	}
	if err := f.v.Delete(b.ID); err != nil {
		t.Errorf("Delete(broken) = %v", err)
	}
	// A password that comes back (a keychain restored) heals the share.
	if err := f.kc.Delete(Service, a.ID); err != nil {
		t.Fatal(err)
	}
	f.open()
	if err := f.kc.Set(Service, a.ID, "restored"); err != nil {
		t.Fatal(err)
	}
	if r, err := f.v.Reveal(a.ID); err != nil || r.Reveal() != "restored" {
		t.Errorf("Reveal of a restored password = %v", err)
	}
	if s, _ := f.v.Get(a.ID); s.Broken {
		t.Errorf("restored share still Broken")
	}
}

func TestCorruptIndex(t *testing.T) {
	const orphan = "orphan2345" // its password is in the keychain
	tests := []struct {
		name    string
		index   string
		adopted []string
		dropped []string
	}{
		{name: "garbage", index: "not json at all"},
		{name: "empty", index: ""},
		{name: "truncated", index: `{"version":1,"shares":[{"id":"` + orphan + `","label":"x"},{"id":"gone234567","lab`,
			adopted: []string{orphan}, dropped: []string{"gone234567"}},
		{name: "no version", index: `{"shares":[{"id":"` + orphan + `"}]}`, adopted: []string{orphan}},
		{name: "wrong type", index: `{"version":1,"shares":{"id":"` + orphan + `"}}`, adopted: []string{orphan}},
		{name: "trailing data", index: `{"version":1,"shares":[]} {}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			if err := f.kc.Set(Service, orphan, "pw"); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(f.dir, IndexFile), []byte(tt.index), 0o600); err != nil {
				t.Fatal(err)
			}
			f.clock.Advance(90 * time.Minute)
			_, problems := f.open()
			if len(problems) == 0 || problems[0].Code != CodeCorruptIndex || !errors.Is(problems[0].Err, ErrCorruptIndex) {
				t.Fatalf("Open found %v, want CodeCorruptIndex first", problems)
			}
			backup := problems[0].Path
			if want := filepath.Join(f.dir, "shares.json.corrupt-20260302T103000Z"); backup != want {
				t.Errorf("backup %s, want %s", backup, want)
			}
			if data, err := os.ReadFile(backup); err != nil || string(data) != tt.index {
				t.Errorf("backup holds %q, %v, want the old index", data, err)
			}
			var adopted, dropped []string
			for _, p := range problems[1:] {
				switch p.Code {
				case CodeAdopted:
					adopted = append(adopted, p.ID)
				case CodeDropped:
					dropped = append(dropped, p.ID)
				default:
					t.Errorf("unexpected problem %v", p)
				}
			}
			if !slices.Equal(adopted, tt.adopted) || !slices.Equal(dropped, tt.dropped) {
				t.Errorf("adopted %v and dropped %v, want %v and %v", adopted, dropped, tt.adopted, tt.dropped)
			}
			list, err := f.v.List()
			if err != nil || len(list) != len(tt.adopted) {
				t.Errorf("List = %+v, %v, want the %d adopted", list, err, len(tt.adopted))
			}
			if _, problems := f.open(); len(problems) != 0 {
				t.Errorf("Open of the rebuilt index found %v", problems)
			}
			// A second corruption in the same second gets its own backup.
			if err := os.WriteFile(filepath.Join(f.dir, IndexFile), []byte("{"), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, problems := f.open(); len(problems) == 0 || problems[0].Path != backup+"-2" {
				t.Errorf("second corruption: %v, want a backup %s-2", problems, backup)
			}
		})
	}
}

func TestCorruptWhileOpen(t *testing.T) {
	f := newFixture(t)
	s := f.create(Request{Label: "a"})
	if err := os.WriteFile(filepath.Join(f.dir, IndexFile), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := f.v.Reveal(s.ID); !errors.Is(err, ErrCorruptIndex) {
		t.Errorf("Reveal = %v, want ErrCorruptIndex", err)
	}
	if _, err := f.v.Create(Request{Label: "b"}); !errors.Is(err, ErrCorruptIndex) {
		t.Errorf("Create = %v, want ErrCorruptIndex", err)
	}
	if got := f.kc.Accounts(Service); len(got) != 1 {
		t.Errorf("keychain accounts %v, want only the first share's", got)
	}
}

func TestNewerIndex(t *testing.T) {
	f := newFixture(t)
	index := `{"version":2,"shares":[],"vaults":{}}`
	path := filepath.Join(f.dir, IndexFile)
	if err := os.WriteFile(path, []byte(index), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Open(f.cfg); !errors.Is(err, ErrIndexVersion) {
		t.Errorf("Open = %v, want ErrIndexVersion", err)
	}
	if data, _ := os.ReadFile(path); string(data) != index {
		t.Errorf("Open changed a newer index to %q", data)
	}
}

func TestShortened(t *testing.T) {
	f := newFixture(t)
	s := f.create(Request{Label: "a"})
	f.clock.Advance(day)
	f.cfg.MaxAge = 2 * day // IT tightened share.max_age
	_, problems := f.open()
	if len(problems) != 1 || problems[0].Code != CodeShortened || problems[0].ID != s.ID {
		t.Fatalf("Open found %v, want %s shortened", problems, s.ID)
	}
	if g, _ := f.v.Get(s.ID); !g.Expires.Equal(t0.Add(3 * day)) {
		t.Errorf("Expires = %v, want %v", g.Expires, t0.Add(3*day))
	}
	f.cfg.MaxAge = 30 * day // a looser policy lengthens nothing
	if _, problems := f.open(); len(problems) != 0 {
		t.Errorf("Open found %v", problems)
	}
	if g, _ := f.v.Get(s.ID); !g.Expires.Equal(t0.Add(3 * day)) {
		t.Errorf("Expires = %v, want %v", g.Expires, t0.Add(3*day))
	}
}

func TestIndexHoldsNoSecret(t *testing.T) {
	f := newFixture(t)
	var secrets []string
	for _, req := range []Request{
		{Label: "a", Settings: Settings{Kind: KindRandom, Length: passgen.MinLength}},
		{Label: "b", Settings: Settings{Language: "de"}},
		{Label: "c", Secret: secret.New("hunter2-but-longer")},
	} {
		s := f.create(req)
		secrets = append(secrets, f.secret(s.ID))
		if _, err := f.v.Copied(s.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.v.Rotate(s.ID); err != nil {
			t.Fatal(err)
		}
		secrets = append(secrets, f.secret(s.ID))
	}
	f.v.afterKeychainWrite = func() error { return errKilled }
	f.v.Create(Request{Label: "d", Secret: secret.New("left-in-the-journal")})
	secrets = append(secrets, "left-in-the-journal")
	check := func() {
		t.Helper()
		entries, err := os.ReadDir(f.dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(f.dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range secrets {
				if bytes.Contains(data, []byte(s)) {
					t.Errorf("%s holds a password", e.Name())
				}
			}
		}
	}
	check()
	f.open()
	check()
}

func TestFileModes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes on Windows")
	}
	f := newFixture(t)
	f.create(Request{Label: "a"})
	modes := map[string]fs.FileMode{f.dir: fs.ModeDir | 0o700, filepath.Join(f.dir, IndexFile): 0o600}
	for path, want := range modes {
		fi, err := os.Stat(path)
		if err != nil || fi.Mode() != want {
			t.Errorf("mode of %s = %v, %v, want %v", path, fi.Mode(), err, want)
		}
	}
	// Looser modes are narrowed.
	if err := os.Chmod(f.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(f.dir, IndexFile), 0o644); err != nil {
		t.Fatal(err)
	}
	f.open()
	for path, want := range modes {
		fi, err := os.Stat(path)
		if err != nil || fi.Mode() != want {
			t.Errorf("after reopening, mode of %s = %v, %v, want %v", path, fi.Mode(), err, want)
		}
	}
}

func TestTempFilesRemoved(t *testing.T) {
	f := newFixture(t)
	stale := filepath.Join(f.dir, tempPrefix+"123.tmp")
	if err := os.WriteFile(stale, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	f.open()
	if exists(t, stale) {
		t.Errorf("Open left %s", stale)
	}
}

func TestConcurrent(t *testing.T) {
	f := newFixture(t)
	other, _, err := Open(f.cfg) // as another process would
	if err != nil {
		t.Fatal(err)
	}
	const n = 8
	var wg sync.WaitGroup
	ids := make(chan string, 2*n)
	for i := range 2 * n {
		v := f.v
		if i%2 == 1 {
			v = other
		}
		wg.Go(func() {
			s, err := v.Create(Request{Label: fmt.Sprint("share ", i)})
			if err != nil {
				t.Error(err)
				return
			}
			if _, err := v.Copied(s.ID); err != nil {
				t.Error(err)
			}
			ids <- s.ID
		})
	}
	wg.Wait()
	close(ids)
	list, err := f.v.List()
	if err != nil || len(list) != 2*n {
		t.Fatalf("List = %d shares, %v, want %d", len(list), err, 2*n)
	}
	for _, s := range list {
		if s.LastCopied.IsZero() {
			t.Errorf("share %s lost its copy time", s.ID)
		}
	}
	if got := f.kc.Accounts(Service); len(got) != 2*n {
		t.Errorf("%d keychain items, want %d", len(got), 2*n)
	}
}

func TestService(t *testing.T) {
	f := newFixture(t)
	f.cfg.Service = "grendel-test"
	f.open()
	s := f.create(Request{Label: "a"})
	if got := f.kc.Accounts("grendel-test"); !slices.Equal(got, []string{s.ID}) {
		t.Errorf("accounts under grendel-test = %v, want [%s]", got, s.ID)
	}
	if got := f.kc.Accounts(Service); len(got) != 0 {
		t.Errorf("accounts under %s = %v, want none", Service, got)
	}
}

func TestIDs(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id, err := newID(rand.Reader)
		if err != nil || !ValidID(id) || seen[id] {
			t.Fatalf("newID = %q, %v: invalid or repeated", id, err)
		}
		seen[id] = true
	}
	for _, id := range []string{"", "abcdefghi", "abcdefghijk", "ABCDEFGHIJ", "abcdefgh01", "abcdefgh-_"} {
		if ValidID(id) {
			t.Errorf("ValidID(%q) = true", id)
		}
	}
	// A source that always gives the same ID runs out of fresh ones.
	f := newFixture(t)
	f.cfg.Rand = bytes.NewReader(make([]byte, 1000))
	f.open()
	f.create(Request{Label: "a"})
	if _, err := f.v.Create(Request{Label: "b"}); err == nil {
		t.Errorf("Create with a stuck random source succeeded")
	}
}

// lockedKeychain is a keychain that can be looked at (it is a [Prober])
// but whose secrets are locked away: Get, Set and Delete fail as a locked
// Secret Service does when the user dismisses the unlock prompt.
type lockedKeychain struct {
	*MapKeychain
	locked bool
	hides  bool // while locked, Has finds nothing (as KeePassXC's does)
	reads  int  // Get, Set and Delete calls while locked
}

func (k *lockedKeychain) Has(service, account string) (bool, error) {
	if k.locked && k.hides {
		return false, &keychainError{kind: ErrKeychainLocked, cause: errors.New("nothing found in a locked collection")}
	}
	_, err := k.MapKeychain.Get(service, account)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

func (k *lockedKeychain) Locked() (bool, error) { return k.locked, nil }

func (k *lockedKeychain) gate() error {
	if k.locked {
		k.reads++
		return &keychainError{kind: ErrKeychainLocked, cause: errors.New("prompt dismissed")}
	}
	return nil
}

func (k *lockedKeychain) Get(service, account string) (string, error) {
	if err := k.gate(); err != nil {
		return "", err
	}
	return k.MapKeychain.Get(service, account)
}

func (k *lockedKeychain) Set(service, account, secret string) error {
	if err := k.gate(); err != nil {
		return err
	}
	return k.MapKeychain.Set(service, account, secret)
}

func (k *lockedKeychain) Delete(service, account string) error {
	if err := k.gate(); err != nil {
		return err
	}
	return k.MapKeychain.Delete(service, account)
}

// A keychain that can be looked at is never read to open the vault: with
// it locked, Open, List and Get work and find a missing password, and
// only what needs a password asks for it (and fails, locked).
func TestOpenLockedProber(t *testing.T) {
	f := newFixture(t)
	kc := &lockedKeychain{MapKeychain: f.kc}
	a, b := f.twoSharesOn(kc)
	if f.v.KeychainLocked() {
		t.Fatal("KeychainLocked = true before the keychain was locked")
	}
	if err := f.kc.Delete(Service, b.ID); err != nil { // out of band
		t.Fatal(err)
	}

	kc.locked = true
	_, problems := f.open()
	if !slices.Equal(codes(problems), []Code{CodeBroken}) || problems[0].ID != b.ID {
		t.Errorf("Open on a locked keychain found %v, want only %s broken", problems, b.ID)
	}
	if shares, err := f.v.List(); err != nil || len(shares) != 2 {
		t.Errorf("List on a locked keychain = %d shares, %v", len(shares), err)
	}
	if kc.reads != 0 {
		t.Errorf("opening and listing read the locked keychain %d times, want 0", kc.reads)
	}
	if !f.v.KeychainLocked() {
		t.Error("KeychainLocked = false, want true")
	}
	if _, err := f.v.Reveal(a.ID); !errors.Is(err, ErrKeychainLocked) {
		t.Errorf("Reveal on a locked keychain = %v, want ErrKeychainLocked", err)
	}
	if s, _ := f.v.Get(a.ID); s.Broken {
		t.Error("a share whose password could not be read for a lock is marked Broken")
	}
}

// KeychainLocked is false for a keychain that cannot tell.
func TestKeychainLockedUnknown(t *testing.T) {
	f := newFixture(t)
	if f.v.KeychainLocked() {
		t.Error("KeychainLocked on a map keychain = true")
	}
}

// listingKeychain is a map keychain that can list its accounts, as the
// Secret Service can; err, if set, makes the listing fail.
type listingKeychain struct {
	*MapKeychain
	err error
}

func (k *listingKeychain) ListAccounts(service string) ([]string, error) {
	if k.err != nil {
		return nil, k.err
	}
	return k.Accounts(service), nil
}

// A keychain that lists its accounts lets Open adopt the passwords that
// the index and the journal both lost; one whose listing fails loses
// nothing either, it only finds nothing new.
func TestOpenAdoptsListedOrphans(t *testing.T) {
	f := newFixture(t)
	kc := &listingKeychain{MapKeychain: f.kc}
	a, b := f.twoSharesOn(kc)
	// With an index, a password it does not know is not taken over: it may
	// be another vault's (another config directory of the same user).
	if err := f.kc.Set(Service, "dddddddddd", "another vault's"); err != nil {
		t.Fatal(err)
	}
	if _, problems := f.open(); len(problems) != 0 {
		t.Errorf("Open with an index found %v, want nothing", problems)
	}
	if _, err := f.v.Get("dddddddddd"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a vault with an index adopted a password it did not know: %v", err)
	}
	if err := f.kc.Delete(Service, "dddddddddd"); err != nil {
		t.Fatal(err)
	}
	// Not ours, though under our service: not a share ID.
	if err := f.kc.Set(Service, "not-an-id", "x"); err != nil {
		t.Fatal(err)
	}
	if err := f.kc.Set("other-service", "cccccccccc", "x"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{IndexFile, JournalFile} {
		if err := os.Remove(filepath.Join(f.dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
	}

	kc.err = errors.New("listing failed")
	if _, problems := f.open(); len(problems) != 0 {
		t.Errorf("Open with a failing listing found %v, want nothing", problems)
	}
	if shares, _ := f.v.List(); len(shares) != 0 {
		t.Errorf("Open with a failing listing made %d shares", len(shares))
	}

	kc.err = nil
	_, problems := f.open()
	var adopted []string
	for _, p := range problems {
		if p.Code != CodeAdopted {
			t.Errorf("unexpected problem %v", p)
		}
		adopted = append(adopted, p.ID)
	}
	want := []string{a.ID, b.ID}
	slices.Sort(want)
	slices.Sort(adopted)
	if !slices.Equal(adopted, want) {
		t.Fatalf("adopted %v, want %v", adopted, want)
	}
	for _, id := range want {
		s, err := f.v.Get(id)
		if err != nil || !s.Recovered || s.Label != RecoveredLabel {
			t.Errorf("adopted share %s = %+v, %v", id, s, err)
		}
		if r, err := f.v.Reveal(id); err != nil || r.Reveal() != f.secret(id) {
			t.Errorf("Reveal(adopted %s) = %v", id, err)
		}
	}
	if _, problems := f.open(); len(problems) != 0 {
		t.Errorf("second Open found %v, want nothing", problems)
	}
}

// twoSharesOn reopens the fixture's vault on kc, a keychain around the
// fixture's map keychain, and creates shares "a" and "b" in it.
func (f *fixture) twoSharesOn(kc Keychain) (a, b Share) {
	f.t.Helper()
	f.cfg.Keychain = kc
	f.open()
	return f.create(Request{Label: "a"}), f.create(Request{Label: "b"})
}

// A keychain that hides its items while locked marks no share broken and
// drops nothing from the journal: it reports that it could not check.
func TestOpenLockedHidingProber(t *testing.T) {
	f := newFixture(t)
	kc := &lockedKeychain{MapKeychain: f.kc, hides: true}
	a, _ := f.twoSharesOn(kc)
	kc.locked = true
	_, problems := f.open()
	if !slices.Equal(codes(problems), []Code{CodeKeychainUnavailable}) || !errors.Is(problems[0].Err, ErrKeychainLocked) {
		t.Errorf("Open on a hiding locked keychain found %v, want it unchecked (locked)", problems)
	}
	if s, _ := f.v.Get(a.ID); s.Broken {
		t.Error("a share was marked broken because a locked keychain hid it")
	}
	kc.locked = false
	if _, problems := f.open(); len(problems) != 0 {
		t.Errorf("Open once unlocked found %v, want nothing", problems)
	}
}
