package notify

import (
	"encoding/base64"
	"path/filepath"
	"unicode/utf16"
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
// that show a toast with title and body. system is the Windows system
// directory (System32): PowerShell is run from there, never found on PATH.
// The script goes base64-encoded in UTF-16LE, as -EncodedCommand wants,
// which no quoting of the command line can break.
func powershellCommand(system, title, body string) (string, []string, []string) {
	units := utf16.Encode([]rune(toastScript))
	b := make([]byte, 0, 2*len(units))
	for _, u := range units {
		b = append(b, byte(u), byte(u>>8))
	}
	exe := filepath.Join(system, "WindowsPowerShell", "v1.0", "powershell.exe")
	args := []string{"-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-WindowStyle", "Hidden",
		"-EncodedCommand", base64.StdEncoding.EncodeToString(b)}
	return exe, args, []string{envTitle + "=" + title, envBody + "=" + body}
}

// osascriptArgs returns the arguments of /usr/bin/osascript that show a
// macOS notification with title and body: a fixed script whose run handler
// takes them as its arguments.
func osascriptArgs(title, body string) []string {
	return []string{
		"-e", "on run argv",
		"-e", "display notification (item 2 of argv) with title (item 1 of argv)",
		"-e", "end run",
		title, body,
	}
}
