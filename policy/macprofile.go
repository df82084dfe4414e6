package policy

// CodeNoPayload is the problem of a configuration profile that sets
// nothing for Grendel.
const CodeNoPayload Code = "no_payload" // Domain

func init() {
	Messages[CodeNoPayload] = "the profile holds no settings for {{.Domain}}"
}

// ReadPreferencesFile reads a file of macOS managed preferences as `grendel
// policy validate` checks it, before IT installs it: a managed plist (what
// lands in /Library/Managed Preferences, or what an MDM's custom settings
// upload takes) or an unsigned configuration profile (.mobileconfig), of
// which it reads every payload for [PreferenceDomain], the kind that
// [MobileConfig] and ProfileCreator make as well as the older custom
// settings (com.apple.ManagedClient.preferences, its Forced settings). The
// File holds the values and every problem a Mac would find in them,
// checked as the agent checks them ([ManagedPrefs]), the rule between keys
// included. A key that two payloads set is a problem: which one macOS
// applies is not said.
func ReadPreferencesFile(path string) *File {
	data, p := readLimited(path, nil)
	if p != nil {
		return &File{Path: path, Values: map[Key]any{}, Pos: map[Key]Pos{}, Invalid: map[Key]bool{}, Broken: true, Problems: []Problem{*p}}
	}
	values, problems := parsePreferences(data)
	return Layer{Kind: SourceManaged, Origin: path, Values: values, Problems: problems}.read().file
}

// parsePreferences reads a managed plist or a configuration profile, as
// [ReadPreferencesFile] says.
func parsePreferences(data []byte) (map[Key]any, []Problem) {
	dict, twice, bad := decodePlist(data)
	switch {
	case bad != nil:
		return nil, []Problem{*bad}
	case dict["PayloadType"] == "Configuration":
		return profileValues(dict)
	}
	return prefsValues(dict, twice)
}

// profileValues reads the settings of every payload for Grendel in a
// configuration profile.
func profileValues(profile map[string]any) (map[Key]any, []Problem) {
	var sets []map[string]any
	content, _ := profile["PayloadContent"].([]any)
	for _, c := range content {
		payload, _ := c.(map[string]any)
		switch payload["PayloadType"] {
		case PreferenceDomain:
			sets = append(sets, payload)
		case "com.apple.ManagedClient.preferences":
			domains, _ := payload["PayloadContent"].(map[string]any)
			domain, _ := domains[PreferenceDomain].(map[string]any)
			forced, _ := domain["Forced"].([]any)
			for _, f := range forced {
				entry, _ := f.(map[string]any)
				settings, _ := entry["mcx_preference_settings"].(map[string]any)
				if settings != nil {
					sets = append(sets, settings)
				}
			}
		}
	}
	if len(sets) == 0 {
		return nil, []Problem{{Code: CodeNoPayload, Args: map[string]string{"Domain": PreferenceDomain}}}
	}
	values := map[Key]any{}
	var problems []Problem
	for _, set := range sets {
		v, ps := prefsValues(set, nil)
		for k, x := range v {
			if _, again := values[k]; again {
				problems = append(problems, Problem{Key: string(k), Code: CodeDuplicateKey})
			}
			values[k] = x
		}
		problems = append(problems, ps...)
	}
	return values, problems // a problem naming a key makes it invalid
}
