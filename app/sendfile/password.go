package sendfile

import (
	"fmt"
	"net/mail"
	"strings"

	"grendel/app/passgen"
	"grendel/app/secret"
	"grendel/app/vault"
	"grendel/assets"
)

// DefaultMinBits is the least entropy of a file's password when
// Options.MinBits is not set (file.min_password_bits' default).
const DefaultMinBits = 80

// generate makes the file's password with the share settings, taking more
// words (or characters) than they say when that is needed for
// Options.MinBits, and returns the settings it used, for the share.
func generate(opts Options) (secret.Secret, vault.Settings, float64, error) {
	minBits := float64(opts.MinBits)
	if minBits < 1 {
		minBits = DefaultMinBits
	}
	s, err := opts.Password.Normalize()
	if err != nil {
		return secret.Secret{}, s, 0, fmt.Errorf("%w: %w", ErrPassword, err)
	}
	switch s.Kind {
	case vault.KindRandom:
		for ; s.Length <= passgen.MaxLength; s.Length++ {
			o := passgen.PasswordOptions{Length: s.Length, Rand: opts.Rand, Meets: opts.Meets}
			if e, err := o.Entropy(); err != nil || e < minBits {
				continue
			}
			p, err := o.Generate()
			if err != nil {
				return secret.Secret{}, s, 0, fmt.Errorf("%w: %w", ErrPassword, err)
			}
			return p.Secret, s, p.Entropy(), nil
		}
	default:
		list, err := passgen.NewWordList(assets.PassphraseWords(s.Language))
		if err != nil {
			return secret.Secret{}, s, 0, fmt.Errorf("%w: %w", ErrPassword, err)
		}
		for ; s.Words <= passgen.MaxWords; s.Words++ {
			o := passgen.PassphraseOptions{Words: s.Words, Rand: opts.Rand, Meets: opts.Meets}
			if e, err := o.Entropy(list); err != nil || e < minBits {
				continue
			}
			p, err := o.Generate(list)
			if err != nil {
				return secret.Secret{}, s, 0, fmt.Errorf("%w: %w", ErrPassword, err)
			}
			return p.Secret, s, p.Entropy(), nil
		}
	}
	return secret.Secret{}, s, 0, fmt.Errorf("%.0f bits: %w", minBits, ErrPassword)
}

// IsPartner reports whether recipient is on the partner list: an entry
// with a dot and no space is an e-mail domain, which matches the domain of
// the recipient's address and its subdomains (or a recipient that is just
// that domain); any other entry is a name, which matches the recipient or
// the name in "Name <address>", ignoring case and surrounding space.
func IsPartner(recipient string, partners []string) bool {
	recipient = strings.TrimSpace(recipient)
	if recipient == "" {
		return false
	}
	name, domain := recipient, ""
	if a, err := mail.ParseAddress(recipient); err == nil {
		name = a.Name
		domain = a.Address[strings.LastIndexByte(a.Address, '@')+1:]
	} else if !strings.ContainsAny(recipient, " @") && strings.Contains(recipient, ".") {
		domain = recipient
	}
	domain = strings.ToLower(strings.TrimSuffix(domain, "."))
	for _, p := range partners {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if d := strings.ToLower(strings.TrimPrefix(p, "@")); strings.Contains(d, ".") && !strings.Contains(d, " ") {
			if domain != "" && (domain == d || strings.HasSuffix(domain, "."+d)) {
				return true
			}
			continue
		}
		if name != "" && strings.EqualFold(strings.Join(strings.Fields(name), " "), strings.Join(strings.Fields(p), " ")) {
			return true
		}
	}
	return false
}
