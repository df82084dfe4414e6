package policy

import (
	"io/fs"
	"os"
	"path/filepath"
	"unsafe"

	"golang.org/x/sys/windows"
)

// platformAnchor checks up to %ProgramData%\Grendel: users may create
// folders in %ProgramData% itself, so the checks start where Grendel's own
// tree does.
func platformAnchor() *trustAnchor { return &trustAnchor{top: filepath.Dir(systemDir())} }

// trustedInstaller is the SID of the TrustedInstaller service.
const trustedInstaller = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464"

// fileDeleteChild is FILE_DELETE_CHILD: delete entries of a directory.
const fileDeleteChild = 0x40

// writeRights are the rights that let their holder change a file or a
// directory, its entries, its permissions or its owner.
const writeRights = windows.FILE_WRITE_DATA | windows.FILE_APPEND_DATA | windows.FILE_WRITE_EA |
	windows.FILE_WRITE_ATTRIBUTES | fileDeleteChild | windows.DELETE | windows.WRITE_DAC |
	windows.WRITE_OWNER | windows.GENERIC_WRITE | windows.GENERIC_ALL

// check vets one file or directory: its owner must be an administrator and
// its DACL must grant write rights to administrators only. An opened file
// is checked through its handle, the others by path.
func (a *trustAnchor) check(path string, _ fs.FileInfo, f *os.File) *Problem {
	const info = windows.OWNER_SECURITY_INFORMATION | windows.DACL_SECURITY_INFORMATION
	var sd *windows.SECURITY_DESCRIPTOR
	var err error
	if f != nil {
		sd, err = windows.GetSecurityInfo(windows.Handle(f.Fd()), windows.SE_FILE_OBJECT, info)
	} else {
		sd, err = windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, info)
	}
	if err != nil {
		return &Problem{File: path, Code: CodeUnreadable, Args: osArgs(err)}
	}
	owner, _, err := sd.Owner()
	if err != nil || owner == nil {
		return untrustedOwner(path, "?")
	}
	if !a.admin(owner) {
		return untrustedOwner(path, owner.String())
	}
	dacl, _, err := sd.DACL()
	if err != nil || dacl == nil {
		return untrustedWritable(path) // no DACL: everyone has every right
	}
	for i := range uint32(dacl.AceCount) {
		var ace *windows.ACCESS_ALLOWED_ACE
		if windows.GetAce(dacl, i, &ace) != nil {
			return untrustedWritable(path)
		}
		if ace.Header.AceType != windows.ACCESS_ALLOWED_ACE_TYPE || ace.Header.AceFlags&windows.INHERIT_ONLY_ACE != 0 || ace.Mask&writeRights == 0 {
			continue
		}
		sid := (*windows.SID)(unsafe.Pointer(&ace.SidStart))
		if !a.admin(sid) && !sid.IsWellKnown(windows.WinCreatorOwnerSid) {
			return untrustedWritable(path)
		}
	}
	return nil
}

// admin reports whether sid is Administrators, SYSTEM, TrustedInstaller or
// the anchor's owner.
func (a *trustAnchor) admin(sid *windows.SID) bool {
	s := sid.String()
	return sid.IsWellKnown(windows.WinBuiltinAdministratorsSid) || sid.IsWellKnown(windows.WinLocalSystemSid) ||
		s == trustedInstaller || (a.owner != "" && s == a.owner)
}

// ownerOf returns the SID that owns path, or "" if it cannot be told.
func ownerOf(path string) string {
	sd, err := windows.GetNamedSecurityInfo(path, windows.SE_FILE_OBJECT, windows.OWNER_SECURITY_INFORMATION)
	if err != nil {
		return ""
	}
	owner, _, err := sd.Owner()
	if err != nil || owner == nil {
		return ""
	}
	return owner.String()
}
