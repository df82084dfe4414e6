package policy

func systemDir() string { return "/Library/Application Support/Grendel/policies" }
