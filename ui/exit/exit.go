// Package exit holds the exit codes of every Grendel process: the CLI
// commands, the resident agent and the UI processes. Scripts and IT tooling
// depend on them, so they are never renumbered; README.md documents them:
//
//	0  success
//	1  failure: an invalid policy file, a refused request
//	2  usage: unknown command or flag, missing argument
//	3  the resident agent is not running (status)
//	4  no share has that ID (share …)
//	5  the system keychain is unavailable or locked (share …, file compact --pseudonymise)
//	6  a file cannot be read: empty, binary, password-protected, damaged, too large (file …)
//	7  the output file exists and --force was not given (file compact, file encrypt)
//	8  personal data found (file scan)
//	9  the export was refused: it still holds personal data nobody asked to keep (file compact)
//	10 not verified: a check of the encrypted file failed, nothing was written (file encrypt, file verify)
//	11 the recipient is not a partner while share.partners_only is on (file encrypt)
//	12 the agent was stopped by a signal while policy does not allow quitting (grendel)
//	13 another agent is running, so a supervised agent did not start (grendel under grendel supervise)
//
// `grendel check` exits 1 when any password fails the policy.
package exit

// The exit codes. Never renumber them.
const (
	// OK: success.
	OK = 0
	// Failure: an invalid policy file, a refused request; also `grendel
	// check` when any password fails the policy.
	Failure = 1
	// Usage: unknown command or flag, missing argument.
	Usage = 2
	// NoAgent: the resident agent is not running (`grendel status`).
	NoAgent = 3
	// NoShare: no share has that ID (`grendel share …`).
	NoShare = 4
	// Keychain: the system keychain is unavailable or locked.
	Keychain = 5
	// BadFile: a file cannot be read as a table (empty, binary,
	// password-protected, damaged, beyond the limits).
	BadFile = 6
	// OutputExists: the output file exists and --force was not given.
	OutputExists = 7
	// Personal: `file scan` found personal data in a file.
	Personal = 8
	// StillPersonal: `file compact` refused to write an export that
	// still holds personal data nobody asked to keep.
	StillPersonal = 9
	// NotVerified: `file encrypt` wrote nothing because a check of the
	// encrypted file failed, or `file verify` found a check that fails.
	NotVerified = 10
	// NotPartner: `file encrypt` refused a recipient that is not on
	// share.partners while share.partners_only is on.
	NotPartner = 11
	// Signalled: the resident agent was stopped by SIGTERM or SIGINT while
	// app.allow_quit is false. Not a success, so that a supervisor
	// (`grendel supervise`, systemd's Restart=on-failure) brings it back;
	// where policy allows quitting the agent exits with OK instead.
	Signalled = 12
	// AlreadyRunning: an agent started by `grendel supervise` found
	// another agent running and did not start. The supervisor waits for
	// that agent to end instead of counting a crash. (A second `grendel`
	// started by hand asks the first to show its status and exits with OK.)
	AlreadyRunning = 13
)
