package notify

import (
	"encoding/base64"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

// hostile is text a share's label could hold: quotes, PowerShell and
// AppleScript syntax, XML, non-ASCII.
const hostile = `Q4 "Klanten"; $(Remove-Item C:\) ' & <toast/> end run ` + "`" + ` Grüße €`

// The title and body never become part of the PowerShell script: they go
// in the environment, and the script is the fixed one, encoded as
// -EncodedCommand expects (base64 of UTF-16LE).
func TestPowershellCommand(t *testing.T) {
	exe, args, env := powershellCommand(`C:\Windows\system32`, hostile, "body "+hostile)
	if exe != `C:\Windows\system32/WindowsPowerShell/v1.0/powershell.exe` && exe != `C:\Windows\system32\WindowsPowerShell\v1.0\powershell.exe` {
		t.Errorf("program %q, want powershell.exe under System32", exe)
	}
	i := slices.Index(args, "-EncodedCommand")
	if i < 0 || i+1 != len(args)-1 {
		t.Fatalf("args %q: want -EncodedCommand SCRIPT last", args)
	}
	raw, err := base64.StdEncoding.DecodeString(args[i+1])
	if err != nil || len(raw)%2 != 0 {
		t.Fatalf("encoded command is not base64 of UTF-16: %v", err)
	}
	units := make([]uint16, len(raw)/2)
	for j := range units {
		units[j] = uint16(raw[2*j]) | uint16(raw[2*j+1])<<8
	}
	if got := string(utf16.Decode(units)); got != toastScript {
		t.Errorf("decoded script differs from toastScript:\n%s", got)
	}
	for _, a := range args {
		if strings.Contains(a, "Klanten") {
			t.Errorf("argument %q carries the text", a)
		}
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
