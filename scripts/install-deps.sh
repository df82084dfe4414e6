#!/usr/bin/env bash
# install-deps.sh installs the system packages Grendel needs to build and to
# run its tests, and checks that Go is new enough. It installs only what is
# missing, so a second run is quick and changes nothing.
#
# Debian and Ubuntu only; elsewhere it names the packages and exits non-zero.
# More packages: GRENDEL_DEPS_EXTRA="pkg1 pkg2".
set -euo pipefail

packages=(
	# cgo, OpenGL and X11 headers that Fyne (GLFW) compiles against.
	gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
	libxinerama-dev libxi-dev libxxf86vm-dev libxkbcommon-dev
	# A real X server and synthetic input for the integration tests.
	xvfb xdotool x11-utils
	# A real D-Bus session and Secret Service (gnome-keyring) for the vault;
	# gcr's prompter is the unlock window the locked-keyring test answers.
	dbus dbus-x11 gnome-keyring libsecret-tools gcr
	# Real screen lockers for the lock tests (xsecurelock: a standalone
	# locker the chain finds by itself).
	xscreensaver i3lock xsecurelock
	# gsettings and glib-compile-schemas: the desktops' own lock settings
	# read through the real gsettings (app/oslock).
	libglib2.0-bin
	# Clipboard checks.
	xclip
	# Screenshots (ImageMagick's import).
	imagemagick
	# Cross-building the Windows binary with cgo.
	gcc-mingw-w64-x86-64
	# ps and friends, used by the measurements.
	procps
	# systemd-journald and journalctl: the audit trail's journal entries
	# are read back from a real journald (app/audit TestJournald starts
	# one where none runs; systemd is not made PID 1).
	systemd
	# Fetching modules and the usual build tools.
	ca-certificates git make
	# An independent reader of compact exports in the pii tests: Python's
	# csv module, and openpyxl for XLSX.
	python3 python3-openpyxl
	# An independent implementation of Office's password encryption, which
	# must decrypt what app/officecrypt writes (and its olefile reads the
	# compound file).
	python3-msoffcrypto-tool
	# 7-Zip (7zz), which must test, list as AES-256 and extract the
	# encrypted ZIP archives app/aeszip writes, and makes archives it reads.
	7zip
	# libarchive's bsdtar, a second independent extractor of those archives.
	libarchive-tools
	# qpdf, an independent PDF implementation, which must see that the PDFs
	# app/sendfile encrypts need a password, decrypt them with it and refuse
	# a wrong one.
	qpdf
	# LibreOffice without its GUI, and the system Python's UNO bridge to
	# drive it: a reader of Office's password encryption that recipients
	# use, which must open the workbooks and documents app/sendfile
	# encrypts with the password, to the same cells and text, and refuse a
	# wrong one (about 100 MB to fetch, 300 MB installed, 45 s).
	libreoffice-calc-nogui libreoffice-writer-nogui python3-uno
	# The package tests (make package-test): Debian's package checker, the
	# desktop entries' validator, and rpm to list the .rpm.
	lintian desktop-file-utils rpm
	# The Windows .msi: wixl makes it, msitools' msiinfo reads its tables,
	# and Wine installs, runs and uninstalls it (about 40 s to install).
	wixl msitools wine wine64
)

note() { printf 'install-deps: %s\n' "$*" >&2; }
die() {
	note "error: $*"
	exit 1
}

if [[ -n ${GRENDEL_DEPS_EXTRA:-} ]]; then
	read -ra extra <<<"${GRENDEL_DEPS_EXTRA//,/ }"
	for p in "${extra[@]}"; do
		[[ $p =~ ^[a-z0-9][a-z0-9+.-]*(:[a-z0-9-]+)?$ ]] ||
			die "GRENDEL_DEPS_EXTRA: $p is not a package name"
	done
	packages+=("${extra[@]}")
fi

# is_debian reports whether this is Debian, Ubuntu or a derivative with apt.
is_debian() {
	local id id_like
	[[ -r /etc/os-release ]] || return 1
	# shellcheck disable=SC1091 # not ours to lint
	id=$(. /etc/os-release && printf '%s' "${ID:-}")
	# shellcheck disable=SC1091
	id_like=$(. /etc/os-release && printf '%s' "${ID_LIKE:-}")
	[[ " $id $id_like " =~ \ (debian|ubuntu)\  ]] && command -v apt-get >/dev/null && command -v dpkg-query >/dev/null
}

install_packages() {
	if ! is_debian; then
		note "this is not Debian or Ubuntu with apt-get; install the equivalents of these Debian packages by hand:"
		printf '  %s\n' "${packages[*]}" >&2
		exit 1
	fi

	local -A installed=()
	local name status
	while IFS=$'\t' read -r name status; do
		if [[ $status == "install ok installed" ]]; then
			installed[${name%%:*}]=1
		fi
	done < <(dpkg-query -W -f='${Package}\t${Status}\n' "${packages[@]}" 2>/dev/null || true)

	local -a missing=()
	local p
	for p in "${packages[@]}"; do
		[[ -n ${installed[${p%%:*}]:-} ]] || missing+=("$p")
	done
	if [[ ${#missing[@]} -eq 0 ]]; then
		note "all build and test dependencies are present"
		return 0
	fi

	local -a sudo=()
	if [[ $(id -u) -ne 0 ]]; then
		command -v sudo >/dev/null ||
			die "not root and sudo is missing; as root, run: apt-get install ${missing[*]}"
		sudo=(sudo)
		[[ -t 0 ]] || sudo+=(-n) # no terminal to ask for a password on
	fi
	note "installing: ${missing[*]}"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q ||
		die "apt-get update failed"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Use-Pty=0 --no-install-recommends "${missing[@]}" ||
		die "apt-get install failed for: ${missing[*]}"
}

# version_at_least A B reports whether Go version A (1.26, 1.26.3) >= B.
version_at_least() {
	local -a a b
	local i
	IFS=. read -ra a <<<"$1"
	IFS=. read -ra b <<<"$2"
	for i in 0 1 2; do
		if ((${a[i]:-0} != ${b[i]:-0})); then
			((${a[i]:-0} > ${b[i]:-0}))
			return
		fi
	done
}

check_go() {
	local go want have
	go=$(command -v go || true)
	if [[ -z $go && -x /usr/local/go/bin/go ]]; then
		go=/usr/local/go/bin/go
		note "go is not on PATH; add /usr/local/go/bin to it"
	fi
	[[ -n $go ]] || die "go is not on PATH nor in /usr/local/go/bin; install Go first (https://go.dev/dl/)"

	# The go line of go.mod is the minimum; 1.26 if it cannot be read.
	want=$(sed -n 's/^go \([0-9][0-9.]*\).*/\1/p' "$(dirname "$0")/../go.mod" 2>/dev/null | head -n 1)
	want=${want:-1.26}
	# GOTOOLCHAIN=local: report the installed toolchain, never fetch one.
	have=$(GOTOOLCHAIN=local "$go" env GOVERSION 2>/dev/null) || die "$go does not run"
	have=${have#go}
	have=${have%%[!0-9.]*} # go1.27rc1 -> 1.27
	version_at_least "$have" "$want" ||
		die "$go is Go $have; Grendel needs Go $want or newer (https://go.dev/dl/)"
}

install_packages
check_go
