package i18n

import (
	"encoding/json"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"grendel/app/vault"
)

// vaultProblemText holds the English text of each problem the share vault
// reports when it opens ("vault.problem." + code).
var vaultProblemText = map[vault.Code]string{
	vault.CodeCorruptIndex:        "the list of share passwords was damaged; it was kept as {{.Path}} and rebuilt from the keychain ({{.Error}})",
	vault.CodeCorruptJournal:      "the journal of share passwords was damaged; it was kept as {{.Path}} ({{.Error}})",
	vault.CodeBadEntry:            "a damaged entry of the list of share passwords was repaired or dropped: {{.ID}} ({{.Error}})",
	vault.CodeBroken:              "share password {{.ID}} is missing from the keychain; replace it with a new one, or delete it",
	vault.CodeAdopted:             "share password {{.ID}} was found in the keychain without its details and was recovered",
	vault.CodeDropped:             "share password {{.ID}} was being created when Grendel stopped, but never reached the keychain; nothing was lost",
	vault.CodeKeychainUnavailable: "the keychain could not be checked{{.Error}}",
	vault.CodeShortened:           "share password {{.ID}} expired later than the policy allows; its expiry was brought forward",
}

// VaultProblem renders a problem of the share vault in the user's language.
func VaultProblem(p vault.Problem) string {
	data := map[string]string{"ID": p.ID, "Path": p.Path, "Error": ""}
	switch {
	case p.Code == vault.CodeKeychainUnavailable:
		data["Error"] = keychainCause(p.Err)
	case p.Err != nil:
		data["Error"] = jsonDetail(p.Err)
	}
	text, ok := vaultProblemText[p.Code]
	if !ok {
		return p.String()
	}
	return lang.X("vault.problem."+string(p.Code), text, data)
}

// jsonDetail says what is wrong with a file that is not the JSON it
// should be, in the user's language: encoding/json's own words ("invalid
// character 'x' looking for beginning of value") are English. Other
// errors give their own text.
func jsonDetail(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return lang.X("vault.json.syntax", "not valid JSON at byte {{.Offset}}", map[string]string{"Offset": Number(syntax.Offset)})
	case errors.As(err, &typ):
		return lang.X("vault.json.type", "{{.Field}} holds the wrong kind of value", map[string]string{"Field": typ.Field})
	}
	return err.Error()
}

// VaultError renders an error of the share vault in the user's language,
// for the CLI and the windows alike: the sentinel it wraps (found with
// [errors.Is]) gives the sentence, and the error's own text, which never
// holds a password, follows as the detail where it adds something. share
// names the share concerned (its ID in the CLI, its label in a window), or
// is "".
func VaultError(err error, share string) string {
	data := map[string]string{"Share": share, "Error": err.Error()}
	switch {
	case errors.Is(err, vault.ErrNotFound):
		return lang.X("vault.error.not_found", "there is no share password {{.Share}}", data)
	case errors.Is(err, vault.ErrKeychainLocked):
		data["Error"] = keychainCause(err)
		return lang.X("vault.error.locked",
			"the system keychain is locked: unlock it (on Linux: log in again, or unlock the \"Login\" keyring in Passwords and Keys) and try again{{.Error}}", data)
	case errors.Is(err, vault.ErrKeychainUnavailable):
		data["Error"] = keychainCause(err)
		return lang.X("vault.error.no_keychain",
			"the system keychain is not available, and Grendel never keeps share passwords in a plain file: on Linux, run a Secret Service such as gnome-keyring (package gnome-keyring) or KeePassXC with its Secret Service enabled, in a desktop session{{.Error}}", data)
	case errors.Is(err, vault.ErrTooBig):
		return lang.X("vault.error.too_big", "the password is too long for the system keychain", data)
	case errors.Is(err, vault.ErrBroken):
		return lang.X("vault.error.broken", "share password {{.Share}} is missing from the keychain; replace it with a new one, or delete it", data)
	case errors.Is(err, vault.ErrExpired):
		return lang.X("vault.error.expired", "share password {{.Share}} has expired; replace it with a new one, or delete it", data)
	case errors.Is(err, vault.ErrInvalid):
		return lang.X("vault.error.invalid", "invalid share password: {{.Error}}", data)
	case errors.Is(err, vault.ErrIndexVersion):
		return lang.X("vault.error.index_version", "the list of share passwords was written by a newer version of Grendel; update Grendel to use it ({{.Error}})", data)
	}
	return lang.X("vault.error.failed", "the vault of share passwords failed: {{.Error}}", data)
}

// keychainCause says in the user's language why the keychain could not be
// reached, as " (…)" to follow a sentence, when err shows one of the
// usual causes; "" otherwise. The keychain library's and D-Bus's own words
// are English and never shown.
func keychainCause(err error) string {
	if err == nil {
		return ""
	}
	var cause string
	switch e := err.Error(); {
	case strings.Contains(e, "DBUS_SESSION_BUS_ADDRESS"), strings.Contains(e, "session bus"):
		cause = lang.X("vault.cause.no_bus", "there is no D-Bus session bus: start Grendel in a desktop session")
	case strings.Contains(e, "org.freedesktop.secrets"), strings.Contains(e, "ServiceUnknown"):
		cause = lang.X("vault.cause.no_service", "no program offers the Secret Service")
	case strings.Contains(e, "no answer"), strings.Contains(e, "timeout"), strings.Contains(e, "timed out"):
		cause = lang.X("vault.cause.timeout", "the keychain did not answer in time")
	case strings.Contains(e, "dismissed"), strings.Contains(e, "cancel"):
		cause = lang.X("vault.cause.dismissed", "the request to unlock it was dismissed")
	default:
		return ""
	}
	return " (" + cause + ")"
}

// ShareState says in a word or two how a share stands at now.
func ShareState(s vault.Share, now time.Time) string {
	switch {
	case s.Broken:
		return lang.X("share.state.broken", "password missing")
	case s.Expired(now):
		return lang.X("share.state.expired", "expired")
	case s.Expires.Sub(now) < 24*time.Hour:
		return lang.X("share.state.due", "expires within a day")
	case s.Recovered:
		return lang.X("share.state.recovered", "recovered")
	}
	return lang.X("share.state.ok", "active")
}

// ChannelBy says how a share's password goes, as a phrase that stands
// where English says "by phone": "by SMS", "per telefoon", "auf anderem
// Weg" (German and Dutch have no "per" for the other channel).
func ChannelBy(c vault.Channel) string {
	switch c {
	case vault.ChannelPhone:
		return lang.X("share.by.phone", "by phone")
	case vault.ChannelSMS:
		return lang.X("share.by.sms", "by SMS")
	}
	return lang.X("share.by.other", "by other means")
}

// Channel names a share's channel.
func Channel(c vault.Channel) string {
	switch c {
	case vault.ChannelPhone:
		return lang.X("share.channel.phone", "phone")
	case vault.ChannelSMS:
		return lang.X("share.channel.sms", "SMS")
	}
	return lang.X("share.channel.other", "other")
}
