// Package policy defines Grendel's settings, reads them from the files that IT
// pushes and from the user's own settings, and merges them into one effective
// [Snapshot].
//
// # Keys
//
// Every setting is declared once in [Keys]: its [Key] (a typed name such as
// [LockIdleTimeout]), type, default, bounds, which direction is stricter and
// its documentation in English, Dutch and German. That one table drives
// validation, the README's reference, the JSON Schema ([Schema]) and,
// later, the ADMX and mobileconfig templates. Code that knows a key's type
// reads its value through the typed accessors of [Settings]
// ([Settings.Duration], [Settings.Bool], [Settings.Int], [Settings.Enum],
// [Settings.List]), or simply the struct's fields.
//
// # Stores
//
// Policy is read from stores ([Store]): the files ([FileStore]) today, the Windows
// registry and macOS managed preferences later. A store only says what each
// of its places holds, as a [Layer] of raw values by key with its level
// (recommended, the user's, managed, --policy) and what it could not read;
// [LoadStores] checks every value against its key the same way for every
// store, and precedence, failing closed and reporting live there alone.
//
// # Files
//
// Policy files are JSON with comments and trailing commas (JWCC). Keys nest by
// their dots, so lock.idle_timeout is written {"lock": {"idle_timeout": "5m"}}.
// Durations are strings such as "90s", "5m", "1h30m" or "7d". [Parse] reports
// every problem at once, each naming file, line, column and key.
//
// # Precedence
//
// From weakest to strongest: built-in defaults, recommended files (lexical
// order), the user's settings.json, managed files (lexical order, the later
// file wins), and --policy files. For keys with an order (see [Order]) the
// effective value is the stricter of the managed and the user's value, and a
// --policy file can only tighten. Keys without an order come from the user or
// a --policy file only where no managed file sets them.
//
// # Failing closed
//
// A managed or --policy file that cannot be read or parsed, or a key in one
// with an invalid value, never makes Grendel laxer: the keys concerned take
// their strict values ([Definition.StrictDefault]), the user's looser values are
// ignored for them, and the problem is reported in [Snapshot.Problems]. A
// name that is no key, in such a file, fails closed for every key it may
// have been meant for (its group's, or all for a name at the top level);
// a name that differs from a key only in case is that key.
//
// The package imports no Fyne and prints nothing; user-visible text is
// produced from [Problem] codes at the edge (ui/).
package policy
