// Package audit keeps a local record of what Grendel enforced: the idle
// lock's warnings, locks and their verification, presentation mode, the
// policy applied or rejected, the agent's starts, stops and restarts, the
// share passwords created, rotated, deleted or expired, and the files
// encrypted.
//
// # No personal data
//
// An event is one of the Go types of this package, each with a fixed name
// ([Name]) and fixed, typed fields: numbers, booleans, words from a closed
// set, share IDs. A word that is not in its set is recorded as "other", a
// share ID that does not have the form of one as "invalid": there is no
// field a caller could fill with free text, so a password, a file name, a
// recipient, a label, a path or anything typed never reaches the record.
// The policy's events say which kinds of source set how many keys, never
// a file's path (a user's settings.json lies in the user's home).
//
// # Where it goes
//
// A [Log] writes each [Entry] to its sinks: always a JSON-lines file in
// the user's state directory ([Dir]; [FileSink]), and where the platform
// has one, the systemd journal on Linux or the Windows event log ([Open]).
// The file is written with mode 0600, one whole line per write with
// O_APPEND under a lock file, so that the agent and a CLI command may
// append at once; it is rotated at [MaxFileSize] and [Files] files are
// kept ([FileSink]). A sink that fails never stops what Grendel enforces:
// the failure is counted and reported once per sink ([Config.OnFailure]).
//
// # Reading it back
//
// [Read] reads the files back, oldest first; a line that is not a whole
// entry (truncated, corrupted) is reported as a [ReadProblem] and the
// reader goes on. `grendel audit` renders the entries.
package audit
