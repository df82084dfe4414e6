package vault

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
)

// reconcile brings the index, the journal and the keychain into line at
// Open, as the package documentation describes, and returns what it found.
func (v *Vault) reconcile() ([]Problem, error) {
	var problems []Problem
	err := v.change(func() error {
		removeTemps(v.dir)
		now := v.clock()
		// candidates may be in the keychain without being in the index.
		var candidates []string
		dirty := false

		var shares []Share
		lost := false // the index is gone or was corrupt
		data, err := readFile(v.path(IndexFile))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			lost = true
		case err != nil:
			return fmt.Errorf("reading the share index: %w", err)
		default:
			var found []Problem
			shares, found, err = parseIndex(data)
			switch {
			case errors.Is(err, ErrCorruptIndex):
				backup, aerr := setAside(v.dir, IndexFile, now)
				if aerr != nil {
					return aerr // never write over the only copy
				}
				problems = append(problems, Problem{Code: CodeCorruptIndex, Path: backup, Err: err})
				candidates = salvageIDs(data, indexIDPattern)
				shares, dirty, lost = nil, true, true
			case err != nil:
				return err
			default:
				problems = append(problems, found...)
				dirty = len(found) > 0
				_ = narrowFileMode(v.path(IndexFile))
			}
		}

		journalExists := false
		data, err = readFile(v.path(JournalFile))
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return fmt.Errorf("reading the journal: %w", err)
		default:
			journalExists = true
			ids, err := parseJournal(data)
			switch {
			case errors.Is(err, errCorruptJournal):
				backup, aerr := setAside(v.dir, JournalFile, now)
				if aerr != nil {
					return aerr
				}
				problems = append(problems, Problem{Code: CodeCorruptJournal, Path: backup, Err: err})
				ids = salvageIDs(data, journalIDPattern)
			case err != nil:
				return err
			}
			for _, id := range ids {
				if !slices.Contains(candidates, id) {
					candidates = append(candidates, id)
				}
			}
		}

		// When the index is lost, a keychain that can list names the
		// passwords of ours that the journal does not know either. One
		// that cannot, or fails to, only leaves them unfound: they stay
		// where they are. (Listing only then keeps a second vault of the
		// same user, such as one under another config directory, from
		// taking over the first one's live shares.)
		var listed []string
		if l, ok := v.kc.(Lister); ok && lost {
			if accounts, err := l.ListAccounts(v.service); err == nil {
				for _, id := range accounts {
					if ValidID(id) && !slices.Contains(candidates, id) && !slices.Contains(listed, id) {
						listed = append(listed, id)
					}
				}
				slices.Sort(listed)
			}
		}

		// present asks the keychain whether it holds id, until it fails
		// for another reason than a missing item.
		var down error
		present := func(id string) bool {
			if down != nil {
				return false
			}
			found, err := v.has(id)
			if err != nil {
				down = keychainErr(err, "")
			}
			return found
		}

		inIndex := make(map[string]bool, len(shares))
		for i := range shares {
			s := &shares[i]
			inIndex[s.ID] = true
			if ok := present(s.ID); down == nil && ok == s.Broken {
				s.Broken, dirty = !ok, true
			}
			if s.Broken {
				problems = append(problems, Problem{Code: CodeBroken, ID: s.ID})
			}
		}

		// adopt makes a share of a password that the index lacked.
		adopt := func(id string) {
			shares = append(shares, Share{
				ID:        id,
				Label:     RecoveredLabel,
				Channel:   ChannelOther,
				Created:   now,
				Expires:   now.Add(v.maxAge),
				Settings:  DefaultSettings(),
				Recovered: true,
			})
			inIndex[id], dirty = true, true
			problems = append(problems, Problem{Code: CodeAdopted, ID: id})
		}

		var pending []string // stay in the journal for the next Open
		for _, id := range candidates {
			if inIndex[id] {
				continue
			}
			ok := present(id)
			switch {
			case down != nil:
				pending = append(pending, id)
			case ok:
				adopt(id)
			default:
				problems = append(problems, Problem{Code: CodeDropped, ID: id})
			}
		}
		// The listing has seen these passwords: nothing to ask or drop.
		for _, id := range listed {
			if !inIndex[id] {
				adopt(id)
			}
		}
		if down != nil {
			problems = append(problems, Problem{Code: CodeKeychainUnavailable, Err: down})
		}

		limit := now.Add(v.maxAge)
		for i := range shares {
			if s := &shares[i]; s.Expires.After(limit) {
				s.Expires, dirty = limit, true
				problems = append(problems, Problem{Code: CodeShortened, ID: s.ID})
			}
		}

		if dirty {
			if err := v.save(shares); err != nil {
				return err
			}
		}
		if journalExists || len(pending) > 0 {
			return v.writeJournal(pending)
		}
		return nil
	})
	return problems, err
}

// has reports whether the keychain holds the password of share id. A
// [Prober] looks without reading, so that a locked keychain is not asked
// to unlock for it; any other keychain is read.
func (v *Vault) has(id string) (bool, error) {
	if p, ok := v.kc.(Prober); ok {
		return p.Has(v.service, id)
	}
	return hasByReading(v.kc, v.service, id)
}

// KeychainLocked reports whether an operation that reads or writes a
// password will first ask the user to unlock the keychain, so that the
// caller can say so before it waits. It is false when the keychain cannot
// tell.
func (v *Vault) KeychainLocked() bool {
	p, ok := v.kc.(Prober)
	if !ok {
		return false
	}
	locked, err := p.Locked()
	return err == nil && locked
}
