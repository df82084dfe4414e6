package vault

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"time"
)

// reconcile brings the index, the journal and the keychain into line at
// Open, as the package documentation describes, and returns what it found.
// It runs the phases of a [reconciliation] in order, under the vault's
// locks.
func (v *Vault) reconcile() ([]Problem, error) {
	r := &reconciliation{v: v}
	err := v.change(func() error {
		removeTemps(v.dir)
		r.now = v.clock()
		if err := r.readIndex(); err != nil {
			return err
		}
		if err := r.readJournal(); err != nil {
			return err
		}
		r.listKeychain()
		r.checkIndexed()
		r.recoverCandidates()
		r.adoptListed()
		if r.down != nil {
			r.problems = append(r.problems, Problem{Code: CodeKeychainUnavailable, Err: r.down})
		}
		r.shortenExpiries()
		return r.write()
	})
	return r.problems, err
}

// reconciliation is the state of one [Vault.reconcile]: what each phase
// found, for the phases after it.
type reconciliation struct {
	v        *Vault
	now      time.Time
	problems []Problem

	// shares is the index as read and repaired; inIndex holds their IDs
	// once checkIndexed has run, and those adopted since.
	shares  []Share
	inIndex map[string]bool
	// dirty says that shares differ from the index file.
	dirty bool
	// lost says that the index is gone or was corrupt.
	lost bool
	// journalExists says that there is a journal file to rewrite.
	journalExists bool
	// candidates may be in the keychain without being in the index: IDs
	// from the journal and those salvaged from a corrupt index.
	candidates []string
	// listed are the keychain's own accounts that no candidate names,
	// sorted; only when the index is lost.
	listed []string
	// pending are candidates the keychain could not be asked about: they
	// stay in the journal for the next Open.
	pending []string
	// down is the keychain's failure, once it failed for another reason
	// than a missing item; it is not asked again.
	down error
}

// readIndex reads the index. A corrupt one is set aside (never written
// over before that succeeds) and the IDs that can be made out in it become
// candidates; repaired entries make the index dirty.
func (r *reconciliation) readIndex() error {
	v := r.v
	data, err := readFile(v.path(IndexFile))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		r.lost = true
		return nil
	case err != nil:
		return fmt.Errorf("reading the share index: %w", err)
	}
	shares, found, err := parseIndex(data)
	switch {
	case errors.Is(err, ErrCorruptIndex):
		backup, aerr := setAside(v.dir, IndexFile, r.now)
		if aerr != nil {
			return aerr // never write over the only copy
		}
		r.problems = append(r.problems, Problem{Code: CodeCorruptIndex, Path: backup, Err: err})
		r.candidates = salvageIDs(data, indexIDPattern())
		r.dirty, r.lost = true, true
	case err != nil:
		return err
	default:
		r.shares = shares
		r.problems = append(r.problems, found...)
		r.dirty = len(found) > 0
		_ = narrowFileMode(v.path(IndexFile))
	}
	return nil
}

// readJournal adds the journal's IDs to the candidates. A corrupt journal
// is set aside and gives the IDs that can be made out in it.
func (r *reconciliation) readJournal() error {
	v := r.v
	data, err := readFile(v.path(JournalFile))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("reading the journal: %w", err)
	}
	r.journalExists = true
	ids, err := parseJournal(data)
	switch {
	case errors.Is(err, errCorruptJournal):
		backup, aerr := setAside(v.dir, JournalFile, r.now)
		if aerr != nil {
			return aerr
		}
		r.problems = append(r.problems, Problem{Code: CodeCorruptJournal, Path: backup, Err: err})
		ids = salvageIDs(data, journalIDPattern())
	case err != nil:
		return err
	}
	for _, id := range ids {
		if !slices.Contains(r.candidates, id) {
			r.candidates = append(r.candidates, id)
		}
	}
	return nil
}

// listKeychain, when the index is lost, has a keychain that can list name
// the passwords of ours that the journal does not know either. One that
// cannot, or fails to, only leaves them unfound: they stay where they are.
// (Listing only then keeps a second vault of the same user, such as one
// under another config directory, from taking over the first one's live
// shares.)
func (r *reconciliation) listKeychain() {
	l, ok := r.v.kc.(Lister)
	if !ok || !r.lost {
		return
	}
	accounts, err := l.ListAccounts(r.v.service)
	if err != nil {
		return
	}
	for _, id := range accounts {
		if ValidID(id) && !slices.Contains(r.candidates, id) && !slices.Contains(r.listed, id) {
			r.listed = append(r.listed, id)
		}
	}
	slices.Sort(r.listed)
}

// present asks the keychain whether it holds id, until it fails for
// another reason than a missing item; from then on it reports false and
// down holds the failure.
func (r *reconciliation) present(id string) bool {
	if r.down != nil {
		return false
	}
	found, err := r.v.has(id)
	if err != nil {
		r.down = keychainErr(err, "")
	}
	return found
}

// checkIndexed marks each share of the index broken or not by whether the
// keychain holds its password (as long as the keychain answers), and
// reports the broken ones.
func (r *reconciliation) checkIndexed() {
	r.inIndex = make(map[string]bool, len(r.shares))
	for i := range r.shares {
		s := &r.shares[i]
		r.inIndex[s.ID] = true
		if ok := r.present(s.ID); r.down == nil && ok == s.Broken {
			s.Broken, r.dirty = !ok, true
		}
		if s.Broken {
			r.problems = append(r.problems, Problem{Code: CodeBroken, ID: s.ID})
		}
	}
}

// recoverCandidates adopts each candidate the index lacks whose password
// the keychain holds, drops one it does not hold, and keeps the rest
// pending when the keychain cannot be asked.
func (r *reconciliation) recoverCandidates() {
	for _, id := range r.candidates {
		if r.inIndex[id] {
			continue
		}
		ok := r.present(id)
		switch {
		case r.down != nil:
			r.pending = append(r.pending, id)
		case ok:
			r.adopt(id)
		default:
			r.problems = append(r.problems, Problem{Code: CodeDropped, ID: id})
		}
	}
}

// adoptListed adopts the listed passwords the index lacks: the listing has
// seen them, so there is nothing to ask or drop.
func (r *reconciliation) adoptListed() {
	for _, id := range r.listed {
		if !r.inIndex[id] {
			r.adopt(id)
		}
	}
}

// adopt makes a share of a password that the index lacked.
func (r *reconciliation) adopt(id string) {
	r.shares = append(r.shares, Share{
		ID:        id,
		Label:     RecoveredLabel,
		Channel:   ChannelOther,
		Created:   r.now,
		Expires:   r.now.Add(r.v.maxAge),
		Settings:  DefaultSettings(),
		Recovered: true,
	})
	r.inIndex[id], r.dirty = true, true
	r.problems = append(r.problems, Problem{Code: CodeAdopted, ID: id})
}

// shortenExpiries brings forward each expiry beyond now plus the policy's
// maximum age.
func (r *reconciliation) shortenExpiries() {
	limit := r.now.Add(r.v.maxAge)
	for i := range r.shares {
		if s := &r.shares[i]; s.Expires.After(limit) {
			s.Expires, r.dirty = limit, true
			r.problems = append(r.problems, Problem{Code: CodeShortened, ID: s.ID})
		}
	}
}

// write saves the index if it changed, then rewrites the journal with the
// pending IDs (removing it when there are none).
func (r *reconciliation) write() error {
	if r.dirty {
		if err := r.v.save(r.shares); err != nil {
			return err
		}
	}
	if r.journalExists || len(r.pending) > 0 {
		return r.v.writeJournal(r.pending)
	}
	return nil
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
