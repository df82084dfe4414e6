// Package rules turns the policy into the core's own configuration: the
// password rules ([strength.Policy] and the user's [strength.Context]) and
// the share vault's [vault.Config]. It is the one place where policy
// settings become core types, for the CLI, the windows and the agent alike.
package rules

import (
	"os"
	"os/user"
	"path/filepath"

	"grendel/app/strength"
	"grendel/app/vault"
	"grendel/policy"
)

// Password returns the policy's password rules and what a password of this
// user is scored against: the banned words and [UserInputs].
func Password(s policy.PasswordSettings) (strength.Policy, strength.Context) {
	return strength.Policy{MinScore: s.MinScore, MinLength: s.MinLength},
		strength.Context{UserInputs: UserInputs(), BannedWords: s.BannedWords}
}

// UserInputs is what an attacker targeting this user would try: login
// name, full name, host name.
func UserInputs() []string {
	var out []string
	if u, err := user.Current(); err == nil {
		out = append(out, u.Username, u.Name)
	}
	if h, err := os.Hostname(); err == nil {
		out = append(out, h)
	}
	return out
}

// Vault is the share vault of this user under the policy s: beside the
// user's settings file (paths.User), on the system keychain, with
// share.max_age, and generating passwords that meet the password rules.
func Vault(paths policy.Paths, s policy.Settings) vault.Config {
	pol, ctx := Password(s.Password)
	return vault.Config{
		Dir:      filepath.Dir(paths.User),
		Keychain: vault.System{},
		MaxAge:   s.Share.MaxAge,
		Meets:    func(pw string) bool { return pol.Judge(strength.Default().Score(pw, ctx)).Pass },
	}
}
