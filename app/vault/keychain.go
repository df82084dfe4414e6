package vault

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/zalando/go-keyring"
)

// Service is the keychain service under which Grendel keeps share
// passwords, unless [Config.Service] names another.
const Service = "grendel"

// Keychain stores secrets by service and account. Its errors wrap
// [ErrNotFound] for an item it does not hold, and should wrap
// [ErrKeychainLocked], [ErrTooBig] or [ErrKeychainUnavailable]; the vault
// takes any other error for ErrKeychainUnavailable. An error must not hold
// the secret.
type Keychain interface {
	// Set stores secret under service and account, replacing any secret
	// there.
	Set(service, account, secret string) error
	// Get returns the secret stored under service and account.
	Get(service, account string) (string, error)
	// Delete removes the secret stored under service and account.
	Delete(service, account string) error
}

// Prober is implemented by a [Keychain] that can look at itself without
// asking the user for anything. The vault uses it where it needs no
// secret — reconciling the index at [Open] — so that listing shares never
// brings up an unlock prompt, and to tell the user why an operation waits.
type Prober interface {
	// Has reports whether the keychain holds an item under service and
	// account. Its errors are classified as the Keychain's are.
	Has(service, account string) (bool, error)
	// Locked reports whether reading or writing a secret would first ask
	// the user to unlock the keychain.
	Locked() (bool, error)
}

// Lister is implemented by a [Keychain] that can name the accounts it
// holds under a service without reading their secrets, and without asking
// the user for anything. [Open] uses it to find a password of Grendel's
// that neither the index nor the journal knows — after both were lost — so
// that it is adopted rather than left behind unseen.
type Lister interface {
	// ListAccounts returns the accounts under service, in no set order. It
	// fails with an error wrapping [errors.ErrUnsupported] where the
	// keychain cannot list.
	ListAccounts(service string) ([]string, error)
}

// DefaultTimeout bounds each call of a [System] keychain whose Timeout is
// 0. It leaves the user time to answer an unlock prompt.
const DefaultTimeout = 2 * time.Minute

// System is the OS keychain, through github.com/zalando/go-keyring: the
// Secret Service's default collection over the session bus on Linux and
// the BSDs (an item with the attributes "service" and "username", the
// latter the account), the login keychain on macOS, the Credential Manager
// on Windows. On other systems every call fails with an error wrapping
// [ErrKeychainUnavailable]. Its zero value is ready to use.
type System struct {
	// Timeout bounds each call, which may wait for the user to answer an
	// unlock prompt; 0 means DefaultTimeout. A call that runs out of time
	// fails with ErrKeychainUnavailable, but may still take effect later.
	Timeout time.Duration
}

var _ Keychain = System{}

// Set implements [Keychain].
func (k System) Set(service, account, secret string) error {
	_, err := call(k.Timeout, func() (struct{}, error) {
		return struct{}{}, keyring.Set(service, account, secret)
	})
	return err
}

// Get implements [Keychain].
func (k System) Get(service, account string) (string, error) {
	return call(k.Timeout, func() (string, error) { return keyring.Get(service, account) })
}

// Delete implements [Keychain].
func (k System) Delete(service, account string) error {
	_, err := call(k.Timeout, func() (struct{}, error) {
		return struct{}{}, keyring.Delete(service, account)
	})
	return err
}

var _ Prober = System{}

// Has implements [Prober]. On Linux it searches the Secret Service by
// attributes, which works while the collection is locked; elsewhere it
// reads the item.
func (k System) Has(service, account string) (bool, error) {
	if !probing {
		return hasByReading(k, service, account)
	}
	return call(k.probeTimeout(), func() (bool, error) { return platformHas(service, account) })
}

var _ Lister = System{}

// ListAccounts implements [Lister] on Linux, where the Secret Service
// searches by the "service" attribute, locked or not; elsewhere it fails
// with [errors.ErrUnsupported].
func (k System) ListAccounts(service string) ([]string, error) {
	if !probing {
		return nil, errors.ErrUnsupported
	}
	return call(k.probeTimeout(), func() ([]string, error) { return platformAccounts(service) })
}

// hasByReading reports whether kc holds an item under service and account
// by reading it.
func hasByReading(kc Keychain, service, account string) (bool, error) {
	_, err := kc.Get(service, account)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, ErrNotFound):
		return false, nil
	}
	return false, err
}

// Locked implements [Prober]. Only the Secret Service can be locked
// apart from the user's session; elsewhere it reports false.
func (k System) Locked() (bool, error) {
	if !probing {
		return false, nil
	}
	return call(k.probeTimeout(), platformLocked)
}

// ProbeTimeout bounds each look of a [System] keychain at itself (Has,
// Locked, ListAccounts), which never waits for the user: a keychain that
// does not answer in that time is taken as unavailable, instead of holding
// up the command for the DefaultTimeout meant for an unlock prompt.
const ProbeTimeout = 5 * time.Second

// probeTimeout is ProbeTimeout, or k.Timeout when that is shorter.
func (k System) probeTimeout() time.Duration {
	if k.Timeout > 0 && k.Timeout < ProbeTimeout {
		return k.Timeout
	}
	return ProbeTimeout
}

// call runs f, a go-keyring call, once the platform can take it (see
// platformReady), for at most timeout (0 for DefaultTimeout), and returns
// its result with its error classified.
func call[T any](timeout time.Duration, f func() (T, error)) (T, error) {
	if err := platformReady(); err != nil {
		var zero T
		return zero, &keychainError{kind: ErrKeychainUnavailable, cause: err}
	}
	return within(timeout, f)
}

// within runs f for at most timeout (0 for DefaultTimeout) and returns its
// result with its error classified; a panic in f is an error. A call that
// runs out of time keeps running in the background: go-keyring has no way
// to cancel one.
func within[T any](timeout time.Duration, f func() (T, error)) (T, error) {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r = result{err: fmt.Errorf("keychain client panicked: %v", p)}
			}
			done <- r
		}()
		r.v, r.err = f()
	}()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			var zero T
			return zero, classify(r.err)
		}
		return r.v, nil
	case <-t.C:
		var zero T
		return zero, &keychainError{
			kind:    ErrKeychainUnavailable,
			cause:   fmt.Errorf("no answer within %v", timeout),
			timeout: true,
		}
	}
}

// classify wraps an error from go-keyring in the sentinel it stands for.
func classify(err error) error {
	switch {
	case errors.Is(err, keyring.ErrNotFound):
		return ErrNotFound
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return &keychainError{kind: ErrTooBig, cause: err}
	}
	if kind := classifyPlatform(err); kind != nil {
		return &keychainError{kind: kind, cause: err}
	}
	return &keychainError{kind: ErrKeychainUnavailable, cause: err}
}

// MapKeychain is a [Keychain] in memory, for tests. Its zero value is an
// empty keychain; it is safe for concurrent use.
type MapKeychain struct {
	// Fail, if not nil, is asked before each call with the operation
	// ("set", "get" or "delete"), service and account; an error it
	// returns fails the call and leaves the keychain as it was.
	Fail func(op, service, account string) error

	mu    sync.Mutex
	items map[[2]string]string
}

var _ Keychain = (*MapKeychain)(nil)

// Set implements [Keychain].
func (k *MapKeychain) Set(service, account, secret string) error {
	if err := k.fail("set", service, account); err != nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.items == nil {
		k.items = make(map[[2]string]string)
	}
	k.items[[2]string{service, account}] = secret
	return nil
}

// Get implements [Keychain].
func (k *MapKeychain) Get(service, account string) (string, error) {
	if err := k.fail("get", service, account); err != nil {
		return "", err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	s, ok := k.items[[2]string{service, account}]
	if !ok {
		return "", ErrNotFound
	}
	return s, nil
}

// Delete implements [Keychain].
func (k *MapKeychain) Delete(service, account string) error {
	if err := k.fail("delete", service, account); err != nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	key := [2]string{service, account}
	if _, ok := k.items[key]; !ok {
		return ErrNotFound
	}
	delete(k.items, key)
	return nil
}

// Accounts returns the accounts that hold a secret under service, sorted.
// The OS keychains offer no such listing; tests use it to look behind the
// vault's back.
func (k *MapKeychain) Accounts(service string) []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	var accounts []string
	for key := range k.items {
		if key[0] == service {
			accounts = append(accounts, key[1])
		}
	}
	slices.Sort(accounts)
	return accounts
}

func (k *MapKeychain) fail(op, service, account string) error {
	if k.Fail == nil {
		return nil
	}
	return k.Fail(op, service, account)
}
