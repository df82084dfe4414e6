package tray

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image/png"

	"grendel/assets"
)

// iconBytes returns the named icon in the form systray wants on goos: the
// PNG itself, or on Windows an ICO file that holds the PNG.
func iconBytes(name, goos string) ([]byte, error) {
	b := assets.Icon(name)
	if goos != "windows" {
		return b, nil
	}
	return pngToICO(b)
}

// pngToICO wraps PNG data in a one-image ICO file, which Windows (Vista and
// later) loads as an icon. Sizes up to 256×256 fit the format.
func pngToICO(data []byte) ([]byte, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("icon is not a PNG: %w", err)
	}
	if cfg.Width < 1 || cfg.Width > 256 || cfg.Height < 1 || cfg.Height > 256 {
		return nil, fmt.Errorf("icon is %d×%d, an ICO holds at most 256×256", cfg.Width, cfg.Height)
	}
	const headerLen, entryLen = 6, 16
	var buf bytes.Buffer
	buf.Grow(headerLen + entryLen + len(data))
	// ICONDIR: reserved, type 1 (icon), one image.
	_ = binary.Write(&buf, binary.LittleEndian, [3]uint16{0, 1, 1})
	// ICONDIRENTRY: width and height (0 means 256), no palette, reserved,
	// one plane, 32 bits per pixel, data size and offset.
	buf.Write([]byte{byte(cfg.Width), byte(cfg.Height), 0, 0})
	_ = binary.Write(&buf, binary.LittleEndian, [2]uint16{1, 32})
	_ = binary.Write(&buf, binary.LittleEndian, [2]uint32{uint32(len(data)), headerLen + entryLen})
	buf.Write(data)
	return buf.Bytes(), nil
}
