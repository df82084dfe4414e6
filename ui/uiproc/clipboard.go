package uiproc

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"fyne.io/fyne/v2"

	"grendel/app/agent"
	"grendel/app/vault"
	"grendel/policy"
	"grendel/ui/clipboard"
)

// maxClipboardSecret bounds what `grendel ui clipboard` reads.
const maxClipboardSecret = vault.MaxSecretLen

// serveClipboard is `grendel ui clipboard`, the helper of `grendel share
// show --copy`: it reads a secret from standard input (never from its
// arguments, which ps shows), puts it on the clipboard, says "ok" on
// standard output, and keeps owning the clipboard, without a window, until
// the policy's share.clipboard_clear has passed; then it clears the
// clipboard if it still holds the secret, and exits.
func serveClipboard(a fyne.App, opts agent.Options) bool {
	secret, err := io.ReadAll(io.LimitReader(bufio.NewReader(os.Stdin), maxClipboardSecret+1))
	if err != nil || len(secret) == 0 || len(secret) > maxClipboardSecret {
		fmt.Fprintln(os.Stderr, "grendel: ui clipboard: expected a password of 1 to", maxClipboardSecret, "bytes on standard input")
		return false
	}
	clearAfter := policy.Load(opts.Paths()).Settings.Share.ClipboardClear
	g := clipboard.NewGuard(a, func(bool) { fyne.Do(a.Quit) })
	a.Lifecycle().SetOnStopped(func() { g.ClearNowOn(a.Clipboard()) })
	go func() {
		g.Copy(string(secret), clearAfter)
		for i := range secret {
			secret[i] = 0
		}
		fmt.Fprint(os.Stdout, "ok")
		os.Stdout.Close()
	}()
	return true
}
