package resident

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"grendel/app/agent"
	"grendel/app/notify"
	"grendel/app/rules"
	"grendel/app/vault"
	"grendel/ui/i18n"
)

// newJanitor keeps the user's shares tidy: the expired ones are deleted at
// start and every hour, and a notification comes a day before a share
// expires. A user who never made a share has no index, and nothing is
// opened or written for them.
func newJanitor(opts agent.Options, a *agent.Agent, say func(string)) *vault.Janitor {
	index := filepath.Join(filepath.Dir(opts.Paths().User), vault.IndexFile)
	return &vault.Janitor{
		Open: func() (*vault.Vault, error) {
			if _, err := os.Stat(index); err != nil {
				return nil, errNoShares
			}
			v, problems, err := vault.Open(rules.Vault(opts.Paths(), a.Policy().Settings))
			for _, p := range problems {
				say(i18n.VaultProblem(p))
			}
			return v, err
		},
		Purged: func(gone []vault.Share) {
			labels := make([]string, len(gone))
			for i, s := range gone {
				labels[i] = s.Label
			}
			say(lang.X("agent.shares_purged", "{{.Count}} expired share passwords deleted: {{.Labels}}",
				map[string]string{"Count": strconv.Itoa(len(gone)), "Labels": strings.Join(labels, ", ")}))
		},
		Due: func(s vault.Share) {
			title := lang.X("agent.share_due.title", "A share password expires soon")
			body := lang.X("agent.share_due.body", "The password of {{.Label}} expires {{.Expires}}. Retire it, or extend it, in Grendel's Share passwords window.",
				map[string]string{"Label": s.Label, "Expires": s.Expires.Local().Format("2006-01-02 15:04")})
			say(title + ": " + body)
			if _, err := notify.Send(title, body); err != nil {
				say(lang.X("agent.no_notification", "no desktop notification: {{.Error}}", map[string]string{"Error": err.Error()}))
			}
		},
		Failed: func(err error) {
			switch {
			case err == errNoShares:
			case errors.Is(err, vault.ErrKeychainLocked):
				say(lang.X("agent.shares_locked", "expired share passwords are deleted once the keychain is unlocked"))
			default:
				say(lang.X("agent.shares_failed", "could not tidy the share passwords: {{.Error}}", map[string]string{"Error": err.Error()}))
			}
		},
	}
}

// errNoShares stands for "this user has no shares": nothing to do.
var errNoShares = errorString("no shares")

type errorString string

func (e errorString) Error() string { return string(e) }
