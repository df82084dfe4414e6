package vault

import (
	"fmt"

	"github.com/godbus/dbus/v5"
	ss "github.com/zalando/go-keyring/secret_service"
)

// probing reports that this platform can look at the keychain without
// unlocking it.
const probing = true

// collectionLocked is the property that says whether a Secret Service
// collection is locked.
const collectionLocked = "org.freedesktop.Secret.Collection.Locked"

// loginCollection returns the collection go-keyring keeps its items in:
// "login" when the Secret Service has one, else the default alias.
func loginCollection() (dbus.BusObject, error) {
	svc, err := ss.NewSecretService()
	if err != nil {
		return nil, err
	}
	return svc.GetLoginCollection(), nil
}

// platformHas reports whether the login collection holds an item with
// go-keyring's attributes for service and account. The Secret Service
// answers a search from the attributes alone, which it keeps readable
// while the collection is locked, so this never prompts.
func platformHas(service, account string) (bool, error) {
	c, err := loginCollection()
	if err != nil {
		return false, err
	}
	var found []dbus.ObjectPath
	err = c.Call("org.freedesktop.Secret.Collection.SearchItems", 0,
		map[string]string{"service": service, "username": account}).Store(&found)
	if err != nil {
		return false, err
	}
	if len(found) > 0 {
		return true, nil
	}
	// gnome-keyring finds the items of a locked collection; others, such
	// as KeePassXC, show none while locked. Nothing found in a locked
	// collection is no answer, and must not mark a share broken.
	locked, err := platformLocked()
	switch {
	case err != nil:
		return false, err
	case locked:
		return false, dbus.Error{Name: secretIsLocked, Body: []any{"nothing found in a locked collection"}}
	}
	return false, nil
}

// secretIsLocked is the Secret Service's error for a locked object.
const secretIsLocked = "org.freedesktop.Secret.Error.IsLocked"

// platformAccounts returns the "username" attribute — go-keyring's
// account — of each item in the login collection whose "service"
// attribute is service. Attributes stay readable while the collection is
// locked, so this never prompts either.
func platformAccounts(service string) ([]string, error) {
	svc, err := ss.NewSecretService()
	if err != nil {
		return nil, err
	}
	var items []dbus.ObjectPath
	err = svc.GetLoginCollection().Call("org.freedesktop.Secret.Collection.SearchItems", 0,
		map[string]string{"service": service}).Store(&items)
	if err != nil {
		return nil, err
	}
	accounts := make([]string, 0, len(items))
	for _, item := range items {
		v, err := svc.Object("org.freedesktop.secrets", item).GetProperty("org.freedesktop.Secret.Item.Attributes")
		if err != nil {
			return nil, err
		}
		attrs, ok := v.Value().(map[string]string)
		if !ok {
			return nil, fmt.Errorf("the attributes of %s are %s, want a{ss}", item, v.Signature())
		}
		if a, ok := attrs["username"]; ok {
			accounts = append(accounts, a)
		}
	}
	return accounts, nil
}

// platformLocked reports whether the login collection is locked, so that
// reading or writing a secret would first ask the user to unlock it. A
// collection that does not exist yet is not locked: go-keyring creates it.
func platformLocked() (bool, error) {
	c, err := loginCollection()
	if err != nil {
		return false, err
	}
	v, err := c.GetProperty(collectionLocked)
	if err != nil {
		if de, ok := err.(dbus.Error); ok && de.Name == "org.freedesktop.DBus.Error.UnknownObject" {
			return false, nil
		}
		return false, err
	}
	locked, ok := v.Value().(bool)
	if !ok {
		return false, fmt.Errorf("%s is %s, want a boolean", collectionLocked, v.Signature())
	}
	return locked, nil
}
