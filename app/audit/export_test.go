package audit

// PlatformSinks is platformSinks, for the tests of package audit_test.
var PlatformSinks = platformSinks
