// Package vault keeps split-channel share passwords: a password sent to
// someone by one channel (read out over the phone, texted) for a file or
// link sent by another. The password lives only in the OS keychain; a
// secret-free index beside the user's configuration says what each one was
// for and when it expires. The package has no user interface and never
// prints: the UI shows what it returns and words its messages.
//
// # Shares
//
// A [Share] is the metadata of one password: a random ID, a label (what was
// shared, such as a file name), an optional recipient, the [Channel] the
// password goes by, when it was created, rotated and last copied, when it
// expires, and the generator [Settings] that made it (or that a typed one
// is replaced with on rotation). That is all a split-channel message needs;
// the UI writes the message. [Vault.Create] makes a share, generating a
// password with app/passgen or storing one the user typed (the caller checks
// its strength); [Vault.Reveal] reads the password back as a [grendel/app/secret.Secret];
// [Vault.Rotate] replaces it and restarts the expiry; [Vault.Extend]
// restarts the expiry alone; [Vault.Purge] removes the expired shares;
// [Vault.DueSoon] lists the shares that expire soon, for a reminder.
//
// # Storage
//
// The password of a share is a keychain item: service [Service] ("grendel")
// and account the share's ID, through the small [Keychain] interface.
// [System] is the OS keychain through github.com/zalando/go-keyring (the
// Secret Service on Linux, where the item has the attributes "service" and
// "username"; the login keychain on macOS; the Credential Manager on
// Windows); [MapKeychain] is an in-memory one for tests. There is no
// fallback: when the keychain is unavailable or locked, the operations fail
// and nothing is written anywhere else.
//
// A locked Secret Service asks the user to unlock it (its own prompt) when a
// password is read or written. Opening the vault and listing shares need no
// password, and never bring up that prompt: a keychain that is a [Prober],
// as [System] is, is asked only whether it holds an item — the Secret
// Service answers that from the item's attributes while locked — and
// [Vault.KeychainLocked] lets the caller say why an operation will wait.
//
// The index is a JSON file, [IndexFile] in the directory the caller names
// (the user's config directory), mode 0600 in a directory of mode 0700. It
// never holds a password or anything derived from one. Every write goes to
// a temporary file in the same directory, is synced and renamed over the
// old file, so that a reader sees the old index or the new one, never a
// torn one. An exclusive lock on [LockFile] keeps the agent and the UI
// process from interleaving their changes: each operation reads the index,
// changes it and writes it under the lock.
//
// # Crash safety
//
// The keychain is written before the index, and the index lists every ID
// whose password it put in the keychain: go-keyring cannot list items, and
// only the Secret Service can (see [Lister]).
// Before a new password goes into the keychain, its ID is added to a small
// journal, [JournalFile] (IDs only, no secrets); it is taken out once the
// index holds the share. [Open] reconciles the three:
//
//   - an ID in the journal whose password is in the keychain but that the
//     index lacks (the program died between the two writes) is adopted as a
//     share labelled [RecoveredLabel] with a fresh expiry ([CodeAdopted]);
//   - an ID in the journal that the keychain lacks never got there and is
//     dropped from the journal ([CodeDropped]);
//   - a share in the index whose password is gone from the keychain is
//     marked [Share.Broken]: kept, reported ([CodeBroken]) and deletable;
//   - an index that is not valid JSON is renamed aside to
//     shares.json.corrupt-TIMESTAMP, reported ([CodeCorruptIndex]), and
//     rebuilt from what is left: the IDs found in the damaged bytes and in
//     the journal whose passwords the keychain still holds are adopted;
//   - when the index is missing or was corrupt and the keychain is a
//     [Lister] (the Secret Service on Linux, which searches by attributes),
//     every item under the vault's service whose account is a share ID is
//     adopted too, so that a password outlives the loss of both the index
//     and the journal. Elsewhere such an item stays in the keychain,
//     unseen. A vault with an index never lists, so that a second vault of
//     the same user (another config directory) does not take over the
//     first one's live shares.
//
// When the keychain cannot be reached at Open, nothing is marked or dropped
// ([CodeKeychainUnavailable]); the journal keeps its IDs for the next Open.
// A share whose expiry lies further ahead than the policy's share.max_age
// allows (the policy got stricter) has it brought forward ([CodeShortened]).
//
// # Errors
//
// Errors are lowercase, name the share's ID, and wrap one of the sentinels
// ([ErrNotFound], [ErrExpired], [ErrBroken], [ErrKeychainUnavailable],
// [ErrKeychainLocked], [ErrTooBig], [ErrInvalid], …) with %w, so that the UI
// can tell them apart with [errors.Is]. They never hold a password: a
// keychain error whose text would contain the password loses its details.
//
// # Secrets
//
// A password leaves the vault as a [grendel/app/secret.Secret], which refuses to print:
// String, GoString, every fmt verb, JSON, text marshalling and log/slog show
// **redacted**; [grendel/app/secret.Secret.Reveal] gives the text.
package vault
