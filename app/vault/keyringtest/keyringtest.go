// Package keyringtest locks and unlocks the Secret Service's login
// collection of a throwaway test session, such as the one that
// scripts/with-session.sh sets up, so that tests can see what Grendel does
// with a locked keychain.
//
// Locking is the Secret Service's own Lock call. Unlocking without the
// prompt uses gnome-keyring's UnlockWithMasterPassword with the session's
// password, read from the file that GRENDEL_TEST_KEYRING_PASSWORD_FILE
// names; tests that want to go through the prompt type that password into
// it instead.
package keyringtest

import (
	"errors"
	"fmt"
	"os"

	"github.com/godbus/dbus/v5"
)

// Login is the collection go-keyring keeps its items in.
const Login dbus.ObjectPath = "/org/freedesktop/secrets/collection/login"

// PasswordEnv names the environment variable that names the file holding
// the throwaway keyring's password.
const PasswordEnv = "GRENDEL_TEST_KEYRING_PASSWORD_FILE"

const (
	dest    = "org.freedesktop.secrets"
	service = dbus.ObjectPath("/org/freedesktop/secrets")
)

// Password returns the throwaway keyring's password from the file that
// PasswordEnv names.
func Password() (string, error) {
	name := os.Getenv(PasswordEnv)
	if name == "" {
		return "", fmt.Errorf("%s is not set: run under scripts/with-session.sh", PasswordEnv)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// Lock locks the login collection.
func Lock() error {
	conn, err := dbus.SessionBus()
	if err != nil {
		return err
	}
	var locked []dbus.ObjectPath
	var prompt dbus.ObjectPath
	if err := conn.Object(dest, service).Call("org.freedesktop.Secret.Service.Lock", 0, []dbus.ObjectPath{Login}).Store(&locked, &prompt); err != nil {
		return fmt.Errorf("locking %s: %w", Login, err)
	}
	if prompt != "/" {
		return fmt.Errorf("locking %s asks for a prompt (%s)", Login, prompt)
	}
	return nil
}

// Unlock unlocks the login collection with the session's password,
// without a prompt.
func Unlock() error {
	pw, err := Password()
	if err != nil {
		return err
	}
	conn, err := dbus.SessionBus()
	if err != nil {
		return err
	}
	svc := conn.Object(dest, service)
	var ignored dbus.Variant
	var session dbus.ObjectPath
	if err := svc.Call("org.freedesktop.Secret.Service.OpenSession", 0, "plain", dbus.MakeVariant("")).Store(&ignored, &session); err != nil {
		return fmt.Errorf("opening a Secret Service session: %w", err)
	}
	defer conn.Object(dest, session).Call("org.freedesktop.Secret.Session.Close", 0)
	secret := struct {
		Session     dbus.ObjectPath
		Params      []byte
		Value       []byte
		ContentType string
	}{session, nil, []byte(pw), "text/plain"}
	if err := svc.Call("org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface.UnlockWithMasterPassword", 0, Login, secret).Err; err != nil {
		return fmt.Errorf("unlocking %s: %w", Login, err)
	}
	if locked, err := Locked(); err != nil || locked {
		return errors.Join(fmt.Errorf("%s is still locked", Login), err)
	}
	return nil
}

// Locked reports whether the login collection is locked.
func Locked() (bool, error) {
	conn, err := dbus.SessionBus()
	if err != nil {
		return false, err
	}
	v, err := conn.Object(dest, Login).GetProperty("org.freedesktop.Secret.Collection.Locked")
	if err != nil {
		return false, err
	}
	locked, ok := v.Value().(bool)
	if !ok {
		return false, fmt.Errorf("the Locked property is %s, want a boolean", v.Signature())
	}
	return locked, nil
}
