package notify

import (
	"path/filepath"
	"strings"
	"unicode"
)

// The title and body reach the notification scripts of Windows and macOS
// as data — environment variables and arguments — never as script text,
// so that a share's label cannot turn into code.

// Environment variables that carry the title and body to the PowerShell
// script.
const (
	envTitle = "GRENDEL_NOTIFY_TITLE"
	envBody  = "GRENDEL_NOTIFY_BODY"
)

// toastScript shows a Windows toast notification with the text of envTitle
// and envBody, escaped for the toast's XML, under the app ID of Windows
// PowerShell (a toast needs an app ID that Windows knows; Grendel
// installs none).
const toastScript = `$ErrorActionPreference = 'Stop'
[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] > $null
[Windows.Data.Xml.Dom.XmlDocument, Windows.Data.Xml.Dom.XmlDocument, ContentType = WindowsRuntime] > $null
$title = [Security.SecurityElement]::Escape($env:` + envTitle + `)
$body = [Security.SecurityElement]::Escape($env:` + envBody + `)
$doc = New-Object Windows.Data.Xml.Dom.XmlDocument
$doc.LoadXml("<toast><visual><binding template='ToastGeneric'><text>$title</text><text>$body</text></binding></visual></toast>")
$id = '{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\WindowsPowerShell\v1.0\powershell.exe'
[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier($id).Show([Windows.UI.Notifications.ToastNotification]::new($doc))
`

// powershellCommand returns the program, arguments and extra environment
// that show a toast with title and body; the script goes on standard input
// ("-Command -"), so that no quoting of the command line can break it and
// nothing in the command line looks obfuscated to a virus scanner. system
// is the Windows system directory (System32): PowerShell is run from
// there, never found on PATH.
func powershellCommand(system, title, body string) (string, []string, []string) {
	exe := filepath.Join(system, "WindowsPowerShell", "v1.0", "powershell.exe")
	args := []string{"-NoProfile", "-NonInteractive", "-Command", "-"}
	return exe, args, []string{envTitle + "=" + plain(title), envBody + "=" + plain(body)}
}

// plain replaces the control characters of s, which XML cannot hold, with
// spaces, and keeps it from starting with "-", which a command-line parser
// could take for an option.
func plain(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	if strings.HasPrefix(s, "-") {
		s = " " + s
	}
	return s
}

// osascriptArgs returns the arguments of /usr/bin/osascript that show a
// macOS notification with title and body: a fixed script whose run handler
// takes them as its arguments (see plain for why none starts with "-").
func osascriptArgs(title, body string) []string {
	return []string{
		"-e", "on run argv",
		"-e", "display notification (item 2 of argv) with title (item 1 of argv)",
		"-e", "end run",
		plain(title), plain(body),
	}
}
