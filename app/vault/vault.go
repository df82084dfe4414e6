package vault

import (
	"cmp"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"grendel/app/audit"
	"grendel/app/passgen"
	"grendel/app/secret"
	"grendel/assets"
)

// Config says where a [Vault] keeps its shares and what it depends on.
type Config struct {
	// Dir is the directory of the index, such as the user's config
	// directory for Grendel (~/.config/grendel). Open creates it with mode
	// 0700, or narrows an existing one to 0700.
	Dir string
	// Keychain holds the passwords: a [System] keychain in the app, a
	// [MapKeychain] in tests. It is required.
	Keychain Keychain
	// Service is the keychain service of the passwords; "" means
	// [Service]. Tests against a real keychain use one of their own.
	Service string
	// MaxAge is the policy's share.max_age: a share expires that long
	// after its creation, rotation or extension. It must be positive.
	MaxAge time.Duration
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// Generate, if not nil, generates a password for settings that
	// [Settings.Normalize] returned, with its entropy in bits. Nil means
	// app/passgen with the word lists of package assets.
	Generate func(settings Settings) (secret string, entropy float64, err error)
	// Meets, if not nil, is the policy's check of a generated password
	// (password.min_score and min_length): the default generator draws
	// again until it passes.
	Meets func(pw string) bool
	// Rand is the random source of share IDs and of the default
	// generator; nil means crypto/rand.Reader.
	Rand io.Reader
	// Audit records the shares created, rotated, deleted and expired,
	// by ID alone ([grendel/app/audit]); nil records nothing.
	Audit audit.Recorder
}

// Vault is a store of share passwords: their metadata in an index file,
// the passwords in a keychain. Make one with [Open]. It is safe for
// concurrent use, and several processes may open the same directory: each
// change reads and writes the index under an exclusive file lock.
//
// Times in its shares are UTC, to the second.
type Vault struct {
	dir      string
	kc       Keychain
	service  string
	maxAge   time.Duration
	now      func() time.Time
	generate func(Settings) (string, float64, error)
	meets    func(string) bool
	rand     io.Reader
	audit    audit.Recorder

	// mu orders the operations of this process; lockFile those of
	// processes. It also guards lists.
	mu    sync.Mutex
	lists map[string]*passgen.WordList

	// afterKeychainWrite, if not nil, runs in Create right after the
	// password went into the keychain. An error it returns ends Create at
	// once, with no clean-up, as if the program had died there. Tests
	// only.
	afterKeychainWrite func() error
}

// Open opens the vault in cfg.Dir, creating the directory if need be, and
// reconciles its index with the keychain and the journal (see the package
// documentation). It returns what it found and dealt with as problems,
// which are not errors: the vault is usable. It fails for an unusable
// configuration (wrapping [ErrInvalid]), an index from a newer version
// ([ErrIndexVersion]), or a directory it cannot read or write.
func Open(cfg Config) (*Vault, []Problem, error) {
	switch {
	case cfg.Dir == "":
		return nil, nil, fmt.Errorf("opening the vault: %w", invalid("no directory"))
	case cfg.Keychain == nil:
		return nil, nil, fmt.Errorf("opening the vault: %w", invalid("no keychain"))
	case cfg.MaxAge <= 0:
		return nil, nil, fmt.Errorf("opening the vault: %w", invalid("maximum age %v, want more than 0", cfg.MaxAge))
	}
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, nil, fmt.Errorf("opening the vault: %w", err)
	}
	v := &Vault{
		dir:      dir,
		kc:       cfg.Keychain,
		service:  cmp.Or(cfg.Service, Service),
		maxAge:   cfg.MaxAge,
		now:      cfg.Now,
		generate: cfg.Generate,
		meets:    cfg.Meets,
		rand:     cfg.Rand,
		audit:    cfg.Audit,
	}
	if v.now == nil {
		v.now = time.Now
	}
	if v.generate == nil {
		v.generate = v.passgen
	}
	if err := makeDir(dir); err != nil {
		return nil, nil, fmt.Errorf("opening the vault: %w", err)
	}
	problems, err := v.reconcile()
	if err != nil {
		return nil, problems, fmt.Errorf("opening the vault: %w", err)
	}
	return v, problems, nil
}

// clock returns the current time as the vault keeps it: UTC, to the
// second.
func (v *Vault) clock() time.Time { return v.now().UTC().Truncate(time.Second) }

// path returns the path of the vault's file name.
func (v *Vault) path(name string) string { return filepath.Join(v.dir, name) }

// change runs fn under the vault's mutex and file lock.
func (v *Vault) change(fn func() error) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	unlock, err := lockFile(v.path(LockFile))
	if err != nil {
		return err
	}
	defer unlock()
	return fn()
}

// load reads the index. A missing index is an empty one.
func (v *Vault) load() ([]Share, error) {
	data, err := readFile(v.path(IndexFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the share index: %w", err)
	}
	shares, _, err := parseIndex(data)
	if err != nil {
		if errors.Is(err, ErrCorruptIndex) {
			return nil, fmt.Errorf("%w (open the vault again to rebuild it)", err)
		}
		return nil, err
	}
	return shares, nil
}

// save writes the index.
func (v *Vault) save(shares []Share) error {
	data, err := marshalIndex(shares)
	if err != nil {
		return err
	}
	return writeAtomic(v.dir, IndexFile, data)
}

// readJournal returns the IDs in the journal. A damaged journal gives the
// IDs that can be made out in it.
func (v *Vault) readJournal() ([]string, error) {
	data, err := readFile(v.path(JournalFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the journal: %w", err)
	}
	ids, err := parseJournal(data)
	if errors.Is(err, errCorruptJournal) {
		return salvageIDs(data, journalIDPattern()), nil
	}
	return ids, err
}

// writeJournal writes ids to the journal, or removes it if there are
// none.
func (v *Vault) writeJournal(ids []string) error {
	if len(ids) == 0 {
		return removeFile(v.dir, JournalFile)
	}
	data, err := marshalJournal(ids)
	if err != nil {
		return err
	}
	return writeAtomic(v.dir, JournalFile, data)
}

// loadShare reads the index and finds share id in it.
func (v *Vault) loadShare(id string) ([]Share, int, error) {
	shares, err := v.load()
	if err != nil {
		return nil, 0, err
	}
	i, err := find(shares, id)
	return shares, i, err
}

// find returns the index of the share id in shares.
func find(shares []Share, id string) (int, error) {
	for i, s := range shares {
		if s.ID == id {
			return i, nil
		}
	}
	if !ValidID(id) {
		return -1, fmt.Errorf("share %q: %w", id, ErrNotFound)
	}
	return -1, fmt.Errorf("share %s: %w", id, ErrNotFound)
}

// newID returns an ID that is neither in shares nor in the journal.
func (v *Vault) newID(shares []Share, journal []string) (string, error) {
	r := v.rand
	if r == nil {
		r = rand.Reader
	}
	for range 10 {
		id, err := newID(r)
		if err != nil {
			return "", err
		}
		if _, err := find(shares, id); err != nil && !slices.Contains(journal, id) {
			return id, nil
		}
	}
	return "", errors.New("random source failed: ten IDs in a row are taken")
}

// newSecret generates a password for settings.
func (v *Vault) newSecret(settings Settings) (string, float64, error) {
	secret, entropy, err := v.generate(settings)
	if err != nil {
		return "", 0, fmt.Errorf("generating a password: %w", err)
	}
	if secret == "" {
		return "", 0, errors.New("generating a password: the generator returned an empty one")
	}
	if err := checkSecret(secret); err != nil {
		return "", 0, fmt.Errorf("generating a password: %w", err)
	}
	return secret, entropy, nil
}

// passgen is the default generator. It runs under v.mu, which guards the
// word lists.
func (v *Vault) passgen(s Settings) (string, float64, error) {
	var p passgen.Password
	var err error
	switch s.Kind {
	case KindRandom:
		p, err = passgen.PasswordOptions{Length: s.Length, Rand: v.rand, Meets: v.meets}.Generate()
	default:
		var list *passgen.WordList
		if list, err = v.wordList(s.Language); err == nil {
			p, err = passgen.PassphraseOptions{Words: s.Words, Rand: v.rand, Meets: v.meets}.Generate(list)
		}
	}
	if err != nil {
		return "", 0, err
	}
	return p.Reveal(), p.Entropy(), nil
}

// wordList returns the passphrase word list of lang, made on first use.
func (v *Vault) wordList(lang string) (*passgen.WordList, error) {
	if l, ok := v.lists[lang]; ok {
		return l, nil
	}
	l, err := passgen.NewWordList(assets.PassphraseWords(lang))
	if err != nil {
		return nil, fmt.Errorf("word list %q: %w", lang, err)
	}
	if v.lists == nil {
		v.lists = make(map[string]*passgen.WordList)
	}
	v.lists[lang] = l
	return l, nil
}

// Create makes a share for req: it generates a password per req.Settings,
// or takes req.Secret, stores it in the keychain, and then adds the share
// to the index. Its errors wrap ErrInvalid for a request that does not
// hold together, ErrTooBig, or the keychain's errors; when the keychain
// write fails, the index is left as it was.
func (v *Vault) Create(req Request) (Share, error) {
	if req.Channel == "" {
		req.Channel = ChannelOther
	}
	settings, err := req.Settings.Normalize()
	if err == nil {
		err = checkText("label", req.Label, true)
	}
	if err == nil {
		err = checkText("recipient", req.Recipient, false)
	}
	if err == nil && !req.Channel.Valid() {
		err = invalid("channel %q, want %q, %q or %q", req.Channel, ChannelPhone, ChannelSMS, ChannelOther)
	}
	given := !req.Secret.IsZero()
	typed := given && req.Entropy <= 0
	if err == nil && given {
		err = checkSecret(req.Secret.Reveal())
	}
	if err != nil {
		return Share{}, fmt.Errorf("creating a share: %w", err)
	}
	var share Share
	err = v.change(func() error {
		shares, err := v.load()
		if err != nil {
			return err
		}
		journal, err := v.readJournal()
		if err != nil {
			return err
		}
		id, err := v.newID(shares, journal)
		if err != nil {
			return err
		}
		secret, entropy := req.Secret.Reveal(), max(req.Entropy, 0)
		if !given {
			if secret, entropy, err = v.newSecret(settings); err != nil {
				return err
			}
		}
		now := v.clock()
		share = Share{
			ID:        id,
			Label:     req.Label,
			Recipient: req.Recipient,
			Channel:   req.Channel,
			Created:   now,
			Expires:   now.Add(v.maxAge),
			Settings:  settings,
			Typed:     typed,
			Entropy:   entropy,
		}
		// The journal first, so that a password the keychain gets is
		// never lost track of, then the keychain, then the index.
		if err := v.writeJournal(append(journal, id)); err != nil {
			return err
		}
		if err := v.kc.Set(v.service, id, secret); err != nil {
			err = keychainErr(err, secret)
			if !isTimeout(err) { // else the write may yet happen: Open will look
				_ = v.writeJournal(journal)
			}
			return fmt.Errorf("share %s: storing the password: %w", id, err)
		}
		if v.afterKeychainWrite != nil {
			if err := v.afterKeychainWrite(); err != nil {
				return err
			}
		}
		if err := v.save(append(shares, share)); err != nil {
			if v.kc.Delete(v.service, id) == nil {
				_ = v.writeJournal(journal)
			}
			return fmt.Errorf("share %s: %w", id, err)
		}
		_ = v.writeJournal(journal)
		return nil
	})
	if err != nil {
		return Share{}, fmt.Errorf("creating a share: %w", err)
	}
	audit.Record(v.audit, audit.ShareCreated{Share: share.ID})
	return share, nil
}

// List returns the shares, broken and expired ones included, oldest
// first. It reads only the index, never the keychain.
func (v *Vault) List() ([]Share, error) {
	shares, err := v.load()
	if err != nil {
		return nil, fmt.Errorf("listing shares: %w", err)
	}
	slices.SortStableFunc(shares, func(a, b Share) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.ID, b.ID))
	})
	return shares, nil
}

// Get returns the share id, from the index alone.
func (v *Vault) Get(id string) (Share, error) {
	shares, i, err := v.loadShare(id)
	if err != nil {
		return Share{}, err
	}
	return shares[i], nil
}

// Reveal returns the password of share id from the keychain. Its errors
// wrap ErrNotFound for an unknown share, ErrExpired, ErrBroken when the
// keychain no longer has the password (the share is then marked Broken),
// or the keychain's errors.
func (v *Vault) Reveal(id string) (secret.Secret, error) {
	var pw secret.Secret
	err := v.change(func() error {
		shares, i, err := v.loadShare(id)
		if err != nil {
			return err
		}
		s := &shares[i]
		if s.Expired(v.clock()) {
			return fmt.Errorf("share %s: %w", id, ErrExpired)
		}
		text, err := v.kc.Get(v.service, id)
		switch {
		case errors.Is(err, ErrNotFound):
			if !s.Broken {
				s.Broken = true
				_ = v.save(shares) // the error below says it all
			}
			return fmt.Errorf("share %s: %w", id, ErrBroken)
		case err != nil:
			return fmt.Errorf("share %s: reading the password: %w", id, keychainErr(err, ""))
		}
		if s.Broken {
			s.Broken = false
			_ = v.save(shares)
		}
		pw = secret.New(text)
		return nil
	})
	if err != nil {
		return secret.Secret{}, fmt.Errorf("revealing a password: %w", err)
	}
	return pw, nil
}

// update runs fn on share id under the lock and saves the index if fn
// succeeds. It refuses expired shares if live is true, and broken ones if
// whole is true.
func (v *Vault) update(what, id string, live, whole bool, fn func(s *Share, now time.Time) error) (Share, error) {
	var share Share
	err := v.change(func() error {
		shares, i, err := v.loadShare(id)
		if err != nil {
			return err
		}
		s, now := &shares[i], v.clock()
		switch {
		case live && s.Expired(now):
			return fmt.Errorf("share %s: %w", id, ErrExpired)
		case whole && s.Broken:
			return fmt.Errorf("share %s: %w", id, ErrBroken)
		}
		if err := fn(s, now); err != nil {
			return err
		}
		share = *s
		return v.save(shares)
	})
	if err != nil {
		return Share{}, fmt.Errorf("%s: %w", what, err)
	}
	return share, nil
}

// Copied records that the password of share id was copied now. Its errors
// wrap ErrNotFound, ErrExpired or ErrBroken.
func (v *Vault) Copied(id string) (Share, error) {
	return v.update("recording a copy", id, true, true, func(s *Share, now time.Time) error {
		s.LastCopied = now
		return nil
	})
}

// Extend restarts the expiry of share id: it now expires MaxAge from now.
// An expired share cannot be extended (its password has outlived the
// policy): rotate it instead. Its errors wrap ErrNotFound, ErrExpired or
// ErrBroken.
func (v *Vault) Extend(id string) (Share, error) {
	return v.update("extending a share", id, true, true, func(s *Share, now time.Time) error {
		s.Expires = now.Add(v.maxAge)
		return nil
	})
}

// Rotate gives share id a new password, generated per its settings, and
// restarts its expiry; the share keeps its ID, label and recipient. It
// also repairs a broken or expired share. When the keychain write fails,
// the old password and the index stay as they were.
func (v *Vault) Rotate(id string) (Share, error) {
	stored := false
	share, err := v.update("rotating a password", id, false, false, func(s *Share, now time.Time) error {
		settings, err := s.Settings.Normalize()
		if err != nil {
			settings = DefaultSettings()
		}
		secret, entropy, err := v.newSecret(settings)
		if err != nil {
			return fmt.Errorf("share %s: %w", id, err)
		}
		if err := v.kc.Set(v.service, id, secret); err != nil {
			return fmt.Errorf("share %s: storing the password: %w", id, keychainErr(err, secret))
		}
		stored = true
		s.Settings, s.Typed, s.Entropy, s.Broken = settings, false, entropy, false
		s.Rotated, s.Expires, s.LastCopied = now, now.Add(v.maxAge), time.Time{}
		return nil
	})
	if err != nil && stored {
		return Share{}, fmt.Errorf("%w (the new password is in the keychain; the old one is gone)", err)
	}
	if err == nil {
		audit.Record(v.audit, audit.ShareRotated{Share: id})
	}
	return share, err
}

// Delete removes share id: its password from the keychain (one already
// gone is fine), then its entry from the index. When the keychain fails,
// the share stays.
func (v *Vault) Delete(id string) error {
	err := v.change(func() error {
		shares, i, err := v.loadShare(id)
		if err != nil {
			return err
		}
		if err := v.kc.Delete(v.service, id); err != nil && !errors.Is(err, ErrNotFound) {
			return fmt.Errorf("share %s: removing the password: %w", id, keychainErr(err, ""))
		}
		return v.save(slices.Delete(shares, i, i+1))
	})
	if err != nil {
		return fmt.Errorf("deleting a share: %w", err)
	}
	audit.Record(v.audit, audit.ShareDeleted{Share: id})
	return nil
}

// Purge removes the shares that have expired at now, from the keychain
// and the index, and returns them. A share whose password the keychain
// would not remove stays, and the error says why; after the first such
// failure Purge tries no more, as a locked or unavailable keychain would
// only fail again (each time after its timeout). The next Purge goes on.
func (v *Vault) Purge(now time.Time) ([]Share, error) {
	var removed []Share
	err := v.change(func() error {
		shares, err := v.load()
		if err != nil {
			return err
		}
		var kept []Share
		var errs []error
		for _, s := range shares {
			if !s.Expired(now) || len(errs) > 0 {
				kept = append(kept, s)
				continue
			}
			if err := v.kc.Delete(v.service, s.ID); err != nil && !errors.Is(err, ErrNotFound) {
				errs = append(errs, fmt.Errorf("share %s: removing the password: %w", s.ID, keychainErr(err, "")))
				kept = append(kept, s)
				continue
			}
			removed = append(removed, s)
		}
		if len(removed) > 0 {
			if err := v.save(kept); err != nil {
				errs = append(errs, err)
			}
		}
		return errors.Join(errs...)
	})
	for _, s := range removed {
		audit.Record(v.audit, audit.ShareExpired{Share: s.ID})
	}
	if err != nil {
		return removed, fmt.Errorf("purging expired shares: %w", err)
	}
	return removed, nil
}

// DueSoon returns the shares that are live at now and expire within the
// given time (a day, for the reminder), soonest first. Broken shares are
// left out: there is no password left to remind anyone of.
func (v *Vault) DueSoon(now time.Time, within time.Duration) ([]Share, error) {
	shares, err := v.load()
	if err != nil {
		return nil, fmt.Errorf("listing shares due soon: %w", err)
	}
	var due []Share
	for _, s := range shares {
		if !s.Broken && !s.Expired(now) && s.Expires.Sub(now) <= within {
			due = append(due, s)
		}
	}
	slices.SortStableFunc(due, func(a, b Share) int {
		return cmp.Or(a.Expires.Compare(b.Expires), cmp.Compare(a.ID, b.ID))
	})
	return due, nil
}
