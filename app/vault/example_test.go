package vault_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"grendel/app/secret"
	"grendel/app/vault"
)

// now is the examples' fixed clock.
func now() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }

// exampleDir returns a fresh directory for an example, and a function
// that removes it.
func exampleDir() (string, func()) {
	dir, err := os.MkdirTemp("", "vault-example-")
	if err != nil {
		panic(err)
	}
	return filepath.Join(dir, "grendel"), func() { os.RemoveAll(dir) }
}

// Open a vault in the user's config directory, with the OS keychain and
// the policy's share.max_age. The app shows the problems Open dealt with.
func ExampleOpen() {
	dir, cleanup := exampleDir() // the app passes filepath.Join(os.UserConfigDir(), "grendel")
	defer cleanup()
	v, problems, err := vault.Open(vault.Config{
		Dir:      dir,
		Keychain: &vault.MapKeychain{}, // the app passes vault.System{}
		MaxAge:   7 * 24 * time.Hour,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range problems {
		fmt.Println(p.Code, p.ID)
	}
	shares, _ := v.List()
	fmt.Println(len(shares), "shares")
	// Output: 0 shares
}

// A corrupt index is set aside, reported and rebuilt.
func ExampleOpen_corruptIndex() {
	dir, cleanup := exampleDir()
	defer cleanup()
	cfg := vault.Config{Dir: dir, Keychain: &vault.MapKeychain{}, MaxAge: 24 * time.Hour, Now: now}
	if _, _, err := vault.Open(cfg); err != nil {
		fmt.Println(err)
		return
	}
	os.WriteFile(filepath.Join(dir, vault.IndexFile), []byte(`{"version":1,"shares":[`), 0o600)
	_, problems, err := vault.Open(cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range problems {
		fmt.Println(p.Code, filepath.Base(p.Path), errors.Is(p.Err, vault.ErrCorruptIndex))
	}
	// Output: corrupt_index shares.json.corrupt-20260302T090000Z true
}

// Create a share for a file sent by e-mail, whose passphrase goes by
// phone. The share holds what the split-channel message needs.
func ExampleVault_Create() {
	dir, cleanup := exampleDir()
	defer cleanup()
	v, _, err := vault.Open(vault.Config{Dir: dir, Keychain: &vault.MapKeychain{}, MaxAge: 7 * 24 * time.Hour, Now: now})
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := v.Create(vault.Request{
		Label:     "jaarverslag-2025.pdf",
		Recipient: "Anna de Vries",
		Channel:   vault.ChannelPhone,
		Settings:  vault.Settings{Kind: vault.KindPassphrase, Words: 5, Language: "nl"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Label, "for", s.Recipient, "by", s.Channel)
	fmt.Println("expires", s.Expires.Format(time.DateOnly))
	// 5 words of a list of at least 1,024: at least 50 bits.
	fmt.Println("at least 50 bits:", s.Entropy >= 50)

	pw, err := v.Reveal(s.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(pw, len(strings.Split(pw.Reveal(), "-")), "words")
	// Output:
	// jaarverslag-2025.pdf for Anna de Vries by phone
	// expires 2026-03-09
	// at least 50 bits: true
	// **redacted** 5 words
}

// A password the user typed; the caller has checked its strength.
func ExampleVault_Create_typed() {
	dir, cleanup := exampleDir()
	defer cleanup()
	v, _, _ := vault.Open(vault.Config{Dir: dir, Keychain: &vault.MapKeychain{}, MaxAge: time.Hour})
	s, err := v.Create(vault.Request{Label: "contract.zip", Channel: vault.ChannelSMS, Secret: secret.New("Tulip-Anchor-Violin-7")})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Typed, s.Settings.Kind)
	// Output: true passphrase
}

// When the keychain is locked nothing is stored; the UI tells the sentinels
// apart with errors.Is.
func ExampleVault_Create_keychainLocked() {
	dir, cleanup := exampleDir()
	defer cleanup()
	kc := &vault.MapKeychain{Fail: func(op, service, account string) error { return vault.ErrKeychainLocked }}
	v, _, _ := vault.Open(vault.Config{Dir: dir, Keychain: kc, MaxAge: time.Hour})
	_, err := v.Create(vault.Request{Label: "report.pdf"})
	switch {
	case errors.Is(err, vault.ErrKeychainLocked):
		fmt.Println("unlock the keychain and try again")
	case errors.Is(err, vault.ErrKeychainUnavailable):
		fmt.Println("no keychain")
	}
	shares, _ := v.List()
	fmt.Println(len(shares), "shares")
	// Output:
	// unlock the keychain and try again
	// 0 shares
}

// The agent reminds the user of shares that expire within a day, and
// purges the expired ones.
func ExampleVault_DueSoon() {
	dir, cleanup := exampleDir()
	defer cleanup()
	clock := now()
	v, _, _ := vault.Open(vault.Config{Dir: dir, Keychain: &vault.MapKeychain{}, MaxAge: 3 * 24 * time.Hour,
		Now: func() time.Time { return clock }})
	v.Create(vault.Request{Label: "monday.pdf"})
	clock = clock.Add(24 * time.Hour)
	v.Create(vault.Request{Label: "tuesday.pdf"})

	at := now().Add(60 * time.Hour)
	due, _ := v.DueSoon(at, 24*time.Hour)
	for _, s := range due {
		fmt.Println("due:", s.Label, s.Expires.Sub(at))
	}
	purged, _ := v.Purge(now().Add(80 * time.Hour))
	for _, s := range purged {
		fmt.Println("purged:", s.Label)
	}
	// Output:
	// due: monday.pdf 12h0m0s
	// purged: monday.pdf
}
