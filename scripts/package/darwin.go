package main

import (
	"strconv"

	"howett.net/plist"
)

// The macOS app bundle and its LaunchAgent are not built yet (this machine
// has no macOS SDK); their property lists are made from the same
// definition so that they are ready, and tested.

// macBundle is where the app is installed on macOS.
const macBundle = "/Applications/Grendel.app"

// LaunchAgent is the property list of the LaunchAgent that starts
// Grendel at login and keeps it running:
// /Library/LaunchAgents/nl.grendel.app.plist.
type LaunchAgent struct {
	Label                  string    `plist:"Label"`
	ProgramArguments       []string  `plist:"ProgramArguments"`
	RunAtLoad              bool      `plist:"RunAtLoad"`
	KeepAlive              KeepAlive `plist:"KeepAlive"`
	ThrottleInterval       int       `plist:"ThrottleInterval"`
	ProcessType            string    `plist:"ProcessType"`
	LimitLoadToSessionType string    `plist:"LimitLoadToSessionType"`
}

// KeepAlive is launchd's condition for starting the program again:
// whenever it exits unsuccessfully (a kill, a crash, an error), but not
// after a quit that policy allows (exit 0), as the Linux unit's
// RestartPreventExitStatus=0.
type KeepAlive struct {
	SuccessfulExit bool `plist:"SuccessfulExit"`
}

// InfoPlist holds the app bundle's Info.plist values.
type InfoPlist struct {
	CFBundleIdentifier            string `plist:"CFBundleIdentifier"`
	CFBundleName                  string `plist:"CFBundleName"`
	CFBundleDisplayName           string `plist:"CFBundleDisplayName"`
	CFBundleExecutable            string `plist:"CFBundleExecutable"`
	CFBundleIconFile              string `plist:"CFBundleIconFile"`
	CFBundlePackageType           string `plist:"CFBundlePackageType"`
	CFBundleShortVersionString    string `plist:"CFBundleShortVersionString"`
	CFBundleVersion               string `plist:"CFBundleVersion"`
	CFBundleInfoDictionaryVersion string `plist:"CFBundleInfoDictionaryVersion"`
	LSMinimumSystemVersion        string `plist:"LSMinimumSystemVersion"`
	LSUIElement                   bool   `plist:"LSUIElement"`
	NSHighResolutionCapable       bool   `plist:"NSHighResolutionCapable"`
}

// MacLaunchAgent returns d's LaunchAgent: started at login in the user's
// GUI session (Aqua) and started again whenever it exits unsuccessfully, at
// most once in RestartSec seconds.
func (d Definition) MacLaunchAgent() LaunchAgent {
	return LaunchAgent{
		Label:                  d.ID,
		ProgramArguments:       []string{macBundle + "/Contents/MacOS/grendel"},
		RunAtLoad:              true,
		KeepAlive:              KeepAlive{SuccessfulExit: false},
		ThrottleInterval:       d.RestartSec,
		ProcessType:            "Interactive",
		LimitLoadToSessionType: "Aqua",
	}
}

// MacInfo returns d's Info.plist values: an agent app (no Dock icon,
// LSUIElement) of version short (1.2.0, as macOS wants it: up to three
// numbers) and build number build (the number of commits).
func (d Definition) MacInfo(short string, build int) InfoPlist {
	return InfoPlist{
		CFBundleIdentifier:            d.ID,
		CFBundleName:                  d.Name,
		CFBundleDisplayName:           d.Name,
		CFBundleExecutable:            "grendel",
		CFBundleIconFile:              "icon.icns",
		CFBundlePackageType:           "APPL",
		CFBundleShortVersionString:    short,
		CFBundleVersion:               strconv.Itoa(build),
		CFBundleInfoDictionaryVersion: "6.0",
		LSMinimumSystemVersion:        "11.0",
		LSUIElement:                   true,
		NSHighResolutionCapable:       true,
	}
}

// marshalPlist writes v as an XML property list.
func marshalPlist(v any) ([]byte, error) {
	return plist.MarshalIndent(v, plist.XMLFormat, "\t")
}
