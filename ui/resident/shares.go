package resident

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"

	"grendel/app/agent"
	"grendel/app/audit"
	"grendel/app/notify"
	"grendel/app/rules"
	"grendel/app/vault"
	"grendel/ui/i18n"
)

// newJanitor keeps the user's shares tidy: the expired ones are deleted at
// start and every hour, and a notification comes a day before a share
// expires. A user who never made a share has no index, and nothing is
// opened or written for them.
func newJanitor(opts agent.Options, a *agent.Agent, say func(string), rec audit.Recorder) *vault.Janitor {
	index := filepath.Join(filepath.Dir(opts.Paths().User), vault.IndexFile)
	return &vault.Janitor{
		Open: func() (*vault.Vault, error) {
			if _, err := os.Stat(index); err != nil {
				return nil, errNoShares
			}
			cfg := rules.Vault(opts.Paths(), a.Policy().Settings)
			cfg.Audit = rec // expired shares
			v, problems, err := vault.Open(cfg)
			for _, p := range problems {
				say(i18n.VaultProblem(p))
			}
			return v, err
		},
		Purged: func(gone []vault.Share) { say(purged(gone)) },
		Due: func(s vault.Share) {
			title, body := due(s)
			say(title + ": " + body)
			if _, err := notify.Send(title, body); err != nil {
				say(notifyProblem(err))
			}
		},
		Failed: func(err error) {
			switch {
			case err == errNoShares:
			case errors.Is(err, vault.ErrKeychainLocked):
				say(lang.X("agent.shares_locked", "expired share passwords are deleted once the keychain is unlocked"))
			default:
				say(lang.X("agent.shares_failed", "could not tidy the share passwords: {{.Error}}", map[string]string{"Error": i18n.VaultError(err, "")}))
			}
		},
	}
}

// purged says which expired shares the janitor deleted.
func purged(gone []vault.Share) string {
	labels := make([]string, len(gone))
	for i, s := range gone {
		labels[i] = s.Label
	}
	data := map[string]string{"Count": i18n.Number(int64(len(gone))), "Labels": strings.Join(labels, ", ")}
	if len(gone) == 1 {
		return lang.X("agent.shares_purged_one", "1 expired share password deleted: {{.Labels}}", data)
	}
	return lang.X("agent.shares_purged", "{{.Count}} expired share passwords deleted: {{.Labels}}", data)
}

// due is the notification that s expires within a day: its title and
// body, the date and time in the user's locale.
func due(s vault.Share) (title, body string) {
	at := s.Expires.Local()
	return lang.X("agent.share_due.title", "A share password expires soon"),
		lang.X("agent.share_due.body", "The password of {{.Label}} expires on {{.Date}} at {{.Time}}. Retire it, or extend it, in Grendel's Share passwords window.",
			map[string]string{"Label": s.Label, "Date": i18n.Date(at), "Time": i18n.Clock(at)})
}

// notifyProblem says in the user's language that a desktop notification
// was not shown; the message itself is in the log line before. The
// error's own text is English and names D-Bus services; it is not shown.
func notifyProblem(err error) string {
	if errors.Is(err, notify.ErrUnsupported) {
		return lang.X("agent.notify_unsupported", "no desktop notification: Grendel cannot show one on this system")
	}
	return lang.X("agent.no_notification", "no desktop notification: no notification service answered on the session bus")
}

// errNoShares stands for "this user has no shares": nothing to do.
var errNoShares = errorString("no shares")

type errorString string

func (e errorString) Error() string { return string(e) }
