package officecrypt

import (
	"encoding/binary"
	"unicode/utf16"
)

// The \x06DataSpaces storage of [MS-OFFCRYPTO] 2.3.4.1 (and [MS-OFFCRYPTO]
// 2.1 for the structures): it says that the EncryptedPackage stream went
// through the StrongEncryptionTransform. Its content is the same for every
// file; these are the bytes Office writes.

const dataSpaces = "\x06DataSpaces"

// lpp4 appends s as a UNICODE-LP-P4: its length in bytes, UTF-16LE, padded
// to a multiple of 4 bytes.
func lpp4(b []byte, s string) []byte {
	u := utf16.Encode([]rune(s))
	b = binary.LittleEndian.AppendUint32(b, uint32(2*len(u)))
	for _, c := range u {
		b = binary.LittleEndian.AppendUint16(b, c)
	}
	if len(u)%2 != 0 {
		b = append(b, 0, 0)
	}
	return b
}

func u32s(b []byte, v ...uint32) []byte {
	for _, x := range v {
		b = binary.LittleEndian.AppendUint32(b, x)
	}
	return b
}

// dataSpaceStreams returns the streams of \x06DataSpaces by path.
func dataSpaceStreams() [][2]string {
	// Version: DataSpaceVersionInfo, reader, updater and writer version 1.0.
	version := lpp4(nil, "Microsoft.Container.DataSpaces")
	version = u32s(version, 1, 1, 1)

	// DataSpaceMap: one entry mapping the EncryptedPackage stream to the
	// StrongEncryptionDataSpace.
	entry := u32s(nil, 1, 0) // one reference component, of type stream
	entry = lpp4(entry, streamPackage)
	entry = lpp4(entry, "StrongEncryptionDataSpace")
	dsMap := u32s(nil, 8, 1, uint32(4+len(entry)))
	dsMap = append(dsMap, entry...)

	// DataSpaceDefinition: the data space applies one transform.
	def := u32s(nil, 8, 1)
	def = lpp4(def, "StrongEncryptionTransform")

	// \x06Primary: TransformInfoHeader and EncryptionTransformInfo.
	const transformID = "{FF9A3F03-56EF-4613-BDD5-5A41C1D07246}"
	primary := u32s(nil, uint32(8+4+2*len(transformID)), 1)
	primary = lpp4(primary, transformID)
	primary = lpp4(primary, "Microsoft.Container.EncryptionTransform")
	primary = u32s(primary, 1, 1, 1) // reader, updater, writer version 1.0
	primary = u32s(primary, 0, 0, 0, 4)

	return [][2]string{
		{"Version", string(version)},
		{"DataSpaceMap", string(dsMap)},
		{"DataSpaceInfo/StrongEncryptionDataSpace", string(def)},
		{"TransformInfo/StrongEncryptionTransform/\x06Primary", string(primary)},
	}
}
