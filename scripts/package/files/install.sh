#!/bin/sh
# install.sh installs Grendel from this archive as its .deb does, for
# distributions without dpkg or rpm, and removes it again.
#
#   ./install.sh [--prefix DIR] [--destdir DIR]         install (as root)
#   ./install.sh --uninstall [--purge] [--prefix DIR] [--destdir DIR]
#
# --prefix (default /usr/local) takes the program, its desktop entry, icon,
# man pages and documentation; the systemd user unit goes where systemd
# looks for it (PREFIX/lib/systemd/user for /usr and /usr/local, else
# /etc/systemd/user); the autostart entry for desktops without systemd user
# sessions goes to /etc/xdg/autostart, and IT's policy directories are
# /etc/grendel/policies/{managed,recommended}, root's and mode 0755.
# --destdir DIR (or DESTDIR) puts all of it below DIR, for staging.
#
# --uninstall removes what was installed but the autostart entry, which is
# configuration, and the policy directories with IT's files; --purge also
# removes the autostart entry and the policy directories that are empty.
# Users' shares and keychain items are never touched.
set -eu

prefix=/usr/local
destdir=${DESTDIR:-}
action=install
purge=no
usage() { sed -n '2,20s/^# \{0,1\}//p' "$0"; }
while [ $# -gt 0 ]; do
	case $1 in
	--prefix) prefix=${2:?--prefix needs a directory}; shift 2 ;;
	--prefix=*) prefix=${1#*=}; shift ;;
	--destdir) destdir=${2:?--destdir needs a directory}; shift 2 ;;
	--destdir=*) destdir=${1#*=}; shift ;;
	--uninstall) action=uninstall; shift ;;
	--purge) purge=yes; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "install.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
done
case $prefix in
/*) prefix=${prefix%/} ;;
*) echo "install.sh: --prefix must be an absolute path" >&2; exit 2 ;;
esac
[ -n "$prefix" ] || prefix=/usr
destdir=${destdir%/}
if [ -z "$destdir" ] && [ "$(id -u)" -ne 0 ]; then
	echo "install.sh: run as root (or stage into --destdir)" >&2
	exit 1
fi
case $prefix in
/usr | /usr/local) unitdir=$prefix/lib/systemd/user ;;
*) unitdir=/etc/systemd/user ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
manifest=$here/MANIFEST
[ -r "$manifest" ] || { echo "install.sh: $manifest is missing" >&2; exit 1; }

# target maps a path of the .deb to where this installation puts it.
target() {
	case $1 in
	/usr/lib/systemd/user/*) printf '%s\n' "$unitdir/${1#/usr/lib/systemd/user/}" ;;
	/usr/*) printf '%s\n' "$prefix/${1#/usr/}" ;;
	*) printf '%s\n' "$1" ;;
	esac
}

policy_dirs="/etc/grendel /etc/grendel/policies /etc/grendel/policies/managed /etc/grendel/policies/recommended"

install_all() {
	while read -r kind mode path; do
		[ -n "$kind" ] || continue
		dst=$destdir$(target "$path")
		mkdir -p "$(dirname "$dst")"
		case $kind in
		link)
			rm -f "$dst"
			ln -s "$mode" "$dst"
			;;
		config)
			# Kept when an administrator changed it, as dpkg keeps a conffile.
			if [ -e "$dst" ] && ! cmp -s "$here/files$path" "$dst"; then
				sed "s|/usr/bin/grendel|$prefix/bin/grendel|g" "$here/files$path" >"$dst.new"
				chmod "$mode" "$dst.new"
				echo "install.sh: kept $dst as it was changed; the new one is $dst.new" >&2
			else
				sed "s|/usr/bin/grendel|$prefix/bin/grendel|g" "$here/files$path" >"$dst"
				chmod "$mode" "$dst"
			fi
			;;
		text)
			sed "s|/usr/bin/grendel|$prefix/bin/grendel|g" "$here/files$path" >"$dst.tmp"
			chmod "$mode" "$dst.tmp"
			mv -f "$dst.tmp" "$dst"
			;;
		file)
			cp "$here/files$path" "$dst.tmp"
			chmod "$mode" "$dst.tmp"
			mv -f "$dst.tmp" "$dst"
			;;
		*)
			echo "install.sh: unknown kind $kind in MANIFEST" >&2
			exit 1
			;;
		esac
	done <"$manifest"
	for dir in $policy_dirs; do
		[ -d "$destdir$dir" ] || mkdir -p "$destdir$dir"
		chmod 0755 "$destdir$dir"
		if [ "$(id -u)" -eq 0 ]; then chown root:root "$destdir$dir"; fi
	done
	# For --uninstall from the installed copy.
	mkdir -p "$destdir$prefix/lib/grendel"
	cp "$manifest" "$here/install.sh" "$destdir$prefix/lib/grendel/"
	echo "install.sh: installed Grendel into ${destdir:-/} (prefix $prefix)"
}

uninstall_all() {
	while read -r kind mode path; do
		[ -n "$kind" ] || continue
		dst=$destdir$(target "$path")
		if [ "$kind" = config ] && [ "$purge" = no ]; then
			continue
		fi
		rm -f "$dst" "$dst.new"
		# The directories that are Grendel's alone go when empty.
		case $dst in
		*/grendel/* | *.wants/*) rmdir "$(dirname "$dst")" 2>/dev/null || true ;;
		esac
	done <"$manifest"
	rm -f "$destdir$prefix/lib/grendel/MANIFEST" "$destdir$prefix/lib/grendel/install.sh"
	rmdir "$destdir$prefix/lib/grendel" 2>/dev/null || true
	if [ "$purge" = yes ]; then
		for dir in /etc/grendel/policies/managed /etc/grendel/policies/recommended /etc/grendel/policies /etc/grendel; do
			if [ -d "$destdir$dir" ]; then rmdir "$destdir$dir" 2>/dev/null || true; fi
		done
	fi
	echo "install.sh: removed Grendel from ${destdir:-/} (prefix $prefix)"
}

case $action in
install) install_all ;;
uninstall) uninstall_all ;;
esac
