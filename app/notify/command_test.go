package notify

import (
	"slices"
	"strings"
	"testing"
)

// hostile is text a share's label could hold: quotes, PowerShell and
// AppleScript syntax, XML, non-ASCII.
const hostile = `Q4 "Klanten"; $(Remove-Item C:\) ' & <toast/> end run ` + "`" + ` Grüße €`

// The title and body never become part of the PowerShell script: they go
// in the environment, and the fixed script comes on standard input.
func TestPowershellCommand(t *testing.T) {
	exe, args, env := powershellCommand(`C:\Windows\system32`, hostile, "body "+hostile)
	if !strings.HasSuffix(exe, "powershell.exe") || !strings.HasPrefix(exe, `C:\Windows\system32`) {
		t.Errorf("program %q, want powershell.exe under System32", exe)
	}
	if want := []string{"-NoProfile", "-NonInteractive", "-Command", "-"}; !slices.Equal(args, want) {
		t.Errorf("args = %q, want %q", args, want)
	}
	want := []string{envTitle + "=" + hostile, envBody + "=body " + hostile}
	if !slices.Equal(env, want) {
		t.Errorf("env = %q, want %q", env, want)
	}
	for _, v := range []string{envTitle, envBody} {
		if !strings.Contains(toastScript, "[Security.SecurityElement]::Escape($env:"+v+")") {
			t.Errorf("the script does not XML-escape %s", v)
		}
	}
}

func TestPlain(t *testing.T) {
	for in, want := range map[string]string{
		"Klanten.xlsx": "Klanten.xlsx", "a\nb\tc\x00d": "a b c d", "-e do shell script": " -e do shell script", "": "",
	} {
		if got := plain(in); got != want {
			t.Errorf("plain(%q) = %q, want %q", in, got, want)
		}
	}
}

// osascript gets a fixed script and the text as its run handler's
// arguments, after every -e.
func TestOsascriptArgs(t *testing.T) {
	args := osascriptArgs(hostile, "body")
	if n := len(args); n < 2 || args[n-2] != hostile || args[n-1] != "body" {
		t.Fatalf("args %q: want title and body last", args)
	}
	for i, a := range args[:len(args)-2] {
		if strings.Contains(a, "Klanten") {
			t.Errorf("script argument %d %q carries the text", i, a)
		}
		if i%2 == 0 && a != "-e" {
			t.Errorf("argument %d is %q, want -e", i, a)
		}
	}
}
