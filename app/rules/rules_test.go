package rules

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"grendel/internal/testdir"
	"grendel/policy"
)

// TestPasswordAndVault: the rules carry the policy's numbers and banned
// words, the vault lives beside the user's settings, and its generator
// accepts only passwords that meet the same rules.
func TestPasswordAndVault(t *testing.T) {
	s := policy.Load(policy.Paths{}).Settings
	s.Password.MinScore, s.Password.MinLength, s.Password.BannedWords = 3, 14, []string{"acme"}
	s.Share.MaxAge = 48 * time.Hour
	pol, ctx := Password(s.Password)
	if pol.MinScore != 3 || pol.MinLength != 14 || !slices.Equal(ctx.BannedWords, []string{"acme"}) {
		t.Errorf("Password = %+v, %+v", pol, ctx)
	}
	user := filepath.Join(testdir.New(t), "grendel", "settings.json")
	c := Vault(policy.Paths{User: user}, s)
	if c.Dir != filepath.Dir(user) || c.MaxAge != 48*time.Hour {
		t.Errorf("Vault: dir %q, max age %v; want %q, 48h", c.Dir, c.MaxAge, filepath.Dir(user))
	}
	if c.Meets("acme-Summer-2024") || !c.Meets("vX7#qp9!Lm2@wZ4$rT8k") {
		t.Error("Meets does not apply the password rules")
	}
}
