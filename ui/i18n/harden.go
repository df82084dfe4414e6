package i18n

import "fyne.io/fyne/v2/lang"

// HardenFailed says that this process could not be kept out of core dumps
// ([grendel/app/harden.Process]), which may then hold its passwords, and why.
func HardenFailed(err error) string {
	return lang.X("cli.harden_failed", "this process could not be kept out of core dumps, which may then hold its passwords: {{.Error}}",
		map[string]string{"Error": err.Error()})
}
