package audit

import "grendel/app/internal/statedir"

// Dir returns the directory of the audit files: the user's state
// directory ([statedir.Dir]), where the compliance status file lies too.
func Dir() (string, error) { return statedir.Dir() }
