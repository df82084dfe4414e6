package vault

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sync"
	"time"
)

// indexVersion is the version of the index and journal formats this
// package writes and reads.
const indexVersion = 1

// indexFile is the JSON form of the index.
type indexFile struct {
	Version int     `json:"version"`
	Shares  []Share `json:"shares"`
}

// journalFile is the JSON form of the journal.
type journalFile struct {
	Version int      `json:"version"`
	IDs     []string `json:"ids"`
}

// errCorruptJournal is wrapped by the error for a journal that is not
// valid JSON.
var errCorruptJournal = errors.New("journal is corrupt")

// parseIndex parses the bytes of an index file. It fails with an error
// wrapping ErrIndexVersion for a newer version, and with one wrapping
// ErrCorruptIndex for anything that is not an index. Entries that are wrong are
// repaired or, without a valid ID, dropped, each with a CodeBadEntry
// problem; the shares it returns have valid, distinct IDs.
func parseIndex(data []byte) ([]Share, []Problem, error) {
	// The version first: a newer index may differ in any other way.
	var head struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrCorruptIndex, err)
	}
	switch {
	case head.Version > indexVersion:
		return nil, nil, fmt.Errorf("%w: version %d, this program reads version %d", ErrIndexVersion, head.Version, indexVersion)
	case head.Version < 1:
		return nil, nil, fmt.Errorf("%w: version %d", ErrCorruptIndex, head.Version)
	}
	var f indexFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrCorruptIndex, err)
	}
	var problems []Problem
	bad := func(id, format string, args ...any) {
		problems = append(problems, Problem{Code: CodeBadEntry, ID: id, Err: invalid(format, args...)})
	}
	shares := make([]Share, 0, len(f.Shares))
	seen := make(map[string]bool, len(f.Shares))
	for i, s := range f.Shares {
		switch {
		case !ValidID(s.ID):
			bad("", "entry %d: id %q is not %d base32 characters; entry dropped", i+1, s.ID, IDLen)
			continue
		case seen[s.ID]:
			bad(s.ID, "entry %d: id repeats an earlier entry; entry dropped", i+1)
			continue
		}
		seen[s.ID] = true
		if checkText("label", s.Label, true) != nil {
			bad(s.ID, "entry %d: bad label; set to %q", i+1, RecoveredLabel)
			s.Label = RecoveredLabel
		}
		if checkText("recipient", s.Recipient, false) != nil {
			bad(s.ID, "entry %d: bad recipient; cleared", i+1)
			s.Recipient = ""
		}
		if !s.Channel.Valid() {
			bad(s.ID, "entry %d: unknown channel; set to %q", i+1, ChannelOther)
			s.Channel = ChannelOther
		}
		if n, err := s.Settings.Normalize(); err != nil {
			bad(s.ID, "entry %d: bad generator settings; set to the defaults", i+1)
			s.Settings = DefaultSettings()
		} else {
			s.Settings = n
		}
		if s.Expires.IsZero() {
			bad(s.ID, "entry %d: no expiry; expired", i+1)
			s.Expires = time.Unix(0, 0).UTC()
		}
		if s.Entropy < 0 {
			s.Entropy = 0
		}
		shares = append(shares, s)
	}
	return shares, problems, nil
}

// marshalIndex returns the bytes of an index file that holds shares.
func marshalIndex(shares []Share) ([]byte, error) {
	if shares == nil {
		shares = []Share{}
	}
	data, err := json.MarshalIndent(indexFile{Version: indexVersion, Shares: shares}, "", "\t")
	if err != nil {
		return nil, fmt.Errorf("encoding the share index: %w", err)
	}
	return append(data, '\n'), nil
}

// parseJournal parses the bytes of a journal file and returns its valid
// IDs, without repeats. It fails with an error wrapping ErrIndexVersion
// for a newer version, and with one wrapping errCorruptJournal for
// anything that is not a journal.
func parseJournal(data []byte) ([]string, error) {
	var head struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%w: %w", errCorruptJournal, err)
	}
	switch {
	case head.Version > indexVersion:
		return nil, fmt.Errorf("%w: journal version %d, this program reads version %d", ErrIndexVersion, head.Version, indexVersion)
	case head.Version < 1:
		return nil, fmt.Errorf("%w: version %d", errCorruptJournal, head.Version)
	}
	var f journalFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%w: %w", errCorruptJournal, err)
	}
	var ids []string
	for _, id := range f.IDs {
		if ValidID(id) && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// marshalJournal returns the bytes of a journal file that lists ids.
func marshalJournal(ids []string) ([]byte, error) {
	if ids == nil {
		ids = []string{}
	}
	data, err := json.Marshal(journalFile{Version: indexVersion, IDs: ids})
	if err != nil {
		return nil, fmt.Errorf("encoding the journal: %w", err)
	}
	return append(data, '\n'), nil
}

// The patterns are compiled on first use: every process of the binary runs
// this package's init, and only a damaged index or journal needs them.
var (
	// indexIDPattern finds the IDs of entries in a damaged index.
	indexIDPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"id"\s*:\s*"([a-z2-7]{10})"`) })
	// journalIDPattern finds the IDs in a damaged journal.
	journalIDPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"([a-z2-7]{10})"`) })
)

// salvageIDs returns the distinct IDs that pattern finds in the bytes of
// a damaged file, in order.
func salvageIDs(data []byte, pattern *regexp.Regexp) []string {
	var ids []string
	for _, m := range pattern.FindAllSubmatch(data, -1) {
		if id := string(m[1]); !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}
