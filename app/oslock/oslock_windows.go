package oslock

import (
	"golang.org/x/sys/windows/registry"
)

// Read reads the machine inactivity limit and the screensaver's values.
func Read() Setting {
	var v WindowsValues
	if k, err := registry.OpenKey(registry.LOCAL_MACHINE, `SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System`, registry.QUERY_VALUE); err == nil {
		if n, _, err := k.GetIntegerValue("InactivityTimeoutSecs"); err == nil {
			v.InactivityTimeoutSecs = n
		}
		k.Close()
	}
	v.Policy = saverValues(`Software\Policies\Microsoft\Windows\Control Panel\Desktop`)
	v.User = saverValues(`Control Panel\Desktop`)
	return Windows(v)
}

// saverValues reads the screensaver's values under HKCU\path.
func saverValues(path string) map[string]string {
	out := map[string]string{}
	k, err := registry.OpenKey(registry.CURRENT_USER, path, registry.QUERY_VALUE)
	if err != nil {
		return out
	}
	defer k.Close()
	for _, name := range []string{"ScreenSaveActive", "ScreenSaverIsSecure", "ScreenSaveTimeOut"} {
		if s, _, err := k.GetStringValue(name); err == nil {
			out[name] = s
		}
	}
	return out
}
