#!/usr/bin/env bash
# with-session.sh runs a command inside a throwaway desktop-like session:
# a real X server (Xvfb), a private D-Bus session bus and an unlocked
# gnome-keyring Secret Service, then exits with the command's exit code.
#
# Usage: scripts/with-session.sh CMD [ARGS...]
#
# CMD sees DISPLAY, DBUS_SESSION_BUS_ADDRESS, GNOME_KEYRING_CONTROL, a
# throwaway XDG_DATA_HOME (gnome-keyring keeps its keyrings there, so the
# user's real keyring is never touched), XDG_RUNTIME_DIR (a fresh one only if
# it was unset), GRENDEL_TEST_KEYRING_PASSWORD_FILE (a 0600 file holding the
# throwaway keyring's password, for tests that lock the keyring and type it
# into the unlock prompt) and GRENDEL_SESSION_READY=1. When GRENDEL_SESSION_READY is
# already set, CMD simply runs in the session we are in.
#
# On exit, error or signal the script stops exactly the processes it started
# (by PID, checked against their start time) and removes its temporary files.
# Exit codes: CMD's own; 125 if the session could not be set up; 128+n if the
# script itself got signal n.
set -euo pipefail

readonly inner_marker=--grendel-session-inner
readonly first_display=90
readonly wait_secs=10

note() { printf 'with-session: %s\n' "$*" >&2; }
die() {
	note "error: $*"
	exit 125
}

# proc_state PID prints "STATE STARTTIME" from /proc/PID/stat.
proc_state() {
	local stat
	stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	stat=${stat##*) } # the command name may hold spaces and parentheses
	local -a f
	read -ra f <<<"$stat"
	printf '%s %s\n' "${f[0]}" "${f[19]}"
}

# running PID START reports whether PID is still the live (not zombie)
# process that started at START.
running() {
	local st
	st=$(proc_state "$1") || return 1
	[[ ${st#* } == "$2" && ${st%% *} != Z ]]
}

# record ROLE PID appends the process to the session's list for cleanup.
record() {
	local st
	st=$(proc_state "$2") || return 0
	printf '%s %s %s\n' "$1" "$2" "${st#* }" >>"$tmp/pids"
}

# stop PID START NAME [SIGNAL] signals the process, waits up to 5 s for it to
# go away, then kills it.
stop() {
	local pid=$1 start=$2 name=$3 sig=${4:-TERM} i
	running "$pid" "$start" || return 0
	kill -s "$sig" "$pid" 2>/dev/null || return 0
	for ((i = 0; i < 50; i++)); do
		running "$pid" "$start" || return 0
		sleep 0.1
	done
	note "$name (pid $pid) ignored SIG$sig; killing it"
	kill -s KILL "$pid" 2>/dev/null || true
}

# stop_role ROLE [SIGNAL] stops every recorded process with that role.
stop_role() {
	local role pid start
	[[ -f $tmp/pids ]] || return 0
	while read -r role pid start; do
		if [[ $role == "$1" ]]; then
			stop "$pid" "$start" "$role" "${2:-TERM}"
		fi
	done <"$tmp/pids"
}

dbus() { timeout "$wait_secs" dbus-send --session --reply-timeout=5000 --print-reply=literal "$@"; }
bus() { dbus --dest=org.freedesktop.DBus /org/freedesktop/DBus "org.freedesktop.DBus.$1" "string:$2"; }
secrets() { dbus --dest=org.freedesktop.secrets /org/freedesktop/secrets "org.freedesktop.Secret.Service.$1" "${@:2}"; }

# ---------------------------------------------------------------------------
# Inner half: runs under dbus-run-session, starts the keyring, execs CMD.

# start_keyring starts gnome-keyring-daemon in the foreground (so $! is its
# PID) and unlocks, or creates, the "login" keyring with a throwaway
# password. It returns once the daemon owns org.freedesktop.secrets:
# gnome-keyring-daemon claims the name a moment after it starts, and a client
# that calls in before that triggers D-Bus activation of a second daemon,
# which has no unlocked login keyring.
start_keyring() {
	local pw pid start owner line i
	pw=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
	printf '%s' "$pw" | gnome-keyring-daemon --foreground --unlock \
		--components=secrets --control-directory="$tmp/keyring" \
		>"$tmp/keyring.env" 2>"$tmp/keyring.log" &
	pid=$!
	record keyring "$pid"
	start=$(proc_state "$pid") && start=${start#* }
	for ((i = 0; i < wait_secs * 20; i++)); do
		[[ $(bus NameHasOwner org.freedesktop.secrets) == *true* ]] && break
		running "$pid" "${start:-x}" || {
			note "gnome-keyring-daemon exited early: $(tail -n 3 "$tmp/keyring.log" | paste -sd ' ')"
			return 1
		}
		sleep 0.05
	done
	owner=$(bus GetConnectionUnixProcessID org.freedesktop.secrets) || {
		note "nobody owns org.freedesktop.secrets after ${wait_secs}s"
		return 1
	}
	owner=${owner##* }
	if [[ $owner != "$pid" ]]; then
		note "org.freedesktop.secrets is owned by pid $owner, not by our daemon (pid $pid)"
		if [[ $(cat "/proc/$owner/comm" 2>/dev/null) == gnome-keyring-d* ]]; then
			record keyring "$owner"
		fi
		return 1
	fi
	# The daemon prints NAME=value lines (GNOME_KEYRING_CONTROL); export
	# them without eval.
	while IFS= read -r line; do
		if [[ $line =~ ^[A-Z_][A-Z0-9_]*= ]]; then
			export "${line?}" # export NAME=value, not the variable "line"
		fi
	done <"$tmp/keyring.env"
	export GNOME_KEYRING_CONTROL=$tmp/keyring
	# Tests that lock the keyring type this throwaway password into the
	# unlock prompt, as a user would; it protects nothing but test items.
	(umask 077 && printf '%s' "$pw" >"$tmp/keyring-password")
	export GRENDEL_TEST_KEYRING_PASSWORD_FILE=$tmp/keyring-password
	keyring_pid=$pid
}

# check_keyring makes sure the default collection exists and is unlocked, and
# that a secret really goes in and comes back out.
check_keyring() {
	local alias locked want got
	alias=$(secrets ReadAlias string:default) || return 1
	alias=${alias##* }
	if [[ $alias != /org/freedesktop/secrets/collection/* ]]; then
		note "no default collection; pointing it at the login keyring"
		secrets SetAlias string:default objpath:/org/freedesktop/secrets/collection/login >/dev/null || return 1
		alias=/org/freedesktop/secrets/collection/login
	fi
	locked=$(dbus --dest=org.freedesktop.secrets "$alias" org.freedesktop.DBus.Properties.Get \
		string:org.freedesktop.Secret.Collection string:Locked) || return 1
	if [[ $locked != *false ]]; then
		note "default collection $alias is locked"
		return 1
	fi
	want=probe-$RANDOM$RANDOM
	printf '%s' "$want" | timeout "$wait_secs" secret-tool store --label=probe grendel-probe 1 || return 1
	got=$(timeout "$wait_secs" secret-tool lookup grendel-probe 1) || return 1
	timeout "$wait_secs" secret-tool clear grendel-probe 1 || return 1
	if [[ $got != "$want" ]]; then
		note "secret round trip failed: stored $want, read back ${got:-nothing}"
		return 1
	fi
}

inner() {
	tmp=$1
	shift
	exec 2>&3 3>&- # our caller's stderr; dbus-daemon's chatter stays in a log
	record cmd $$  # this shell execs CMD, so CMD keeps this PID
	local dbus_pid attempt
	dbus_pid=$(bus GetConnectionUnixProcessID org.freedesktop.DBus) || die "no session bus"
	record dbus-daemon "${dbus_pid##* }"

	keyring_pid=
	for attempt in 1 2; do
		if start_keyring && check_keyring; then
			break
		fi
		stop_role keyring
		keyring_pid=
		if [[ $attempt == 1 ]]; then
			note "keyring not usable; retrying with a fresh one"
		fi
		rm -rf "$XDG_DATA_HOME/keyrings"
	done
	[[ -n $keyring_pid ]] || die "could not get an unlocked gnome-keyring; see above"

	note "DISPLAY=$DISPLAY, keyring unlocked (pid $keyring_pid); running $1"
	: >"$tmp/ready"
	export GRENDEL_SESSION_READY=1
	exec "$@"
}

# ---------------------------------------------------------------------------
# Outer half: Xvfb, temporary directories, cleanup.

# owns_display N PID reports whether PID holds the lock file of display :N.
owns_display() {
	local holder
	{ read -r holder <"/tmp/.X$1-lock"; } 2>/dev/null && [[ $holder == "$2" ]]
}

# xvfb_error prints the gist of Xvfb's log: its fatal error, if any.
xvfb_error() {
	local line last=
	while IFS= read -r line; do
		line=${line//'(EE)'/}
		line=${line%"${line##*[! ]}"} # trailing blanks
		line=${line#"${line%%[! ]*}"} # leading blanks
		if [[ $last == 'Fatal server error:' && -n $line ]]; then
			printf '%s\n' "$line"
			return
		fi
		last=$line
	done <"$tmp/xvfb.log"
	tail -n 1 "$tmp/xvfb.log"
}

# start_xvfb starts Xvfb on the first free display from :90 and waits until it
# answers. Another server can grab the same display between our check and
# Xvfb's start; ours then exits and we try the next display.
start_xvfb() {
	local n=$first_display tries i start
	for ((tries = 0; tries < 10; tries++)); do
		while [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]]; do
			n=$((n + 1))
		done
		Xvfb ":$n" -screen 0 1280x800x24 -noreset -nolisten tcp \
			</dev/null >"$tmp/xvfb.log" 2>&1 &
		xvfb_pid=$!
		record xvfb "$xvfb_pid"
		start=$(proc_state "$xvfb_pid") && start=${start#* }
		for ((i = 0; i < wait_secs * 10; i++)); do
			# Another script can race us to the same display: only a
			# server that holds the lock file is ours.
			if running "$xvfb_pid" "${start:-x}" && owns_display "$n" "$xvfb_pid" &&
				xdpyinfo -display ":$n" >/dev/null 2>&1; then
				export DISPLAY=:$n
				return 0
			fi
			running "$xvfb_pid" "${start:-x}" || break
			sleep 0.1
		done
		if running "$xvfb_pid" "${start:-x}"; then
			die "Xvfb :$n did not answer within ${wait_secs}s ($(xvfb_error))"
		fi
		wait "$xvfb_pid" 2>/dev/null || true
		note "Xvfb could not take :$n ($(xvfb_error)); trying the next display"
		n=$((n + 1))
	done
	die "Xvfb did not start ($(xvfb_error))"
}

# teardown stops what the session started, newest first, and removes its
# files. The EXIT trap runs it, and so does the watchdog if this script is
# killed outright.
teardown() {
	stop_role cmd
	stop_role session
	stop_role dbus-daemon
	stop_role keyring
	stop_role xvfb
	rm -rf "$tmp"
}

# shellcheck disable=SC2317 # called from a trap
cleanup() {
	local status=$?
	trap - EXIT INT TERM HUP
	if [[ -n ${watchdog_pid:-} ]]; then
		kill "$watchdog_pid" 2>/dev/null || true
		wait "$watchdog_pid" 2>/dev/null || true
	fi
	teardown
	local pid
	for pid in ${session_pid:-} ${xvfb_pid:-}; do
		wait "$pid" 2>/dev/null || true
	done
	exit "$status"
}

# watchdog PID tears the session down if PID (this script) dies without
# running its EXIT trap, as it does on SIGKILL.
# shellcheck disable=SC2317 # called from a trap
watchdog() {
	local start nap=
	start=$(proc_state "$1") && start=${start#* }
	trap 'kill "$nap" 2>/dev/null; exit 0' TERM
	while running "$1" "${start:-x}"; do
		sleep 1 &
		nap=$!
		wait "$nap" || true
	done
	note "parent $1 is gone; cleaning up after it"
	teardown
}

# on_signal SIG passes the signal on to CMD and waits (10 s at most) for it
# to finish; cleanup then tears the session down. Before the session starts
# it just exits.
# shellcheck disable=SC2317 # called from a trap
on_signal() {
	got_signal=$1
	if [[ -z $session_pid ]]; then
		note "got SIG$1 while starting; giving up"
		exit "$(signal_status "$1")"
	fi
	note "got SIG$1; stopping the command"
	local role pid start i
	# The inner half records CMD's PID first thing; give it a moment.
	for ((i = 0; i < 20; i++)); do
		grep -q '^cmd ' "$tmp/pids" 2>/dev/null && break
		sleep 0.1
	done
	if ! grep -q '^cmd ' "$tmp/pids" 2>/dev/null; then
		kill -s TERM "$session_pid" 2>/dev/null || true
		return 0
	fi
	while read -r role pid start; do
		[[ $role == cmd ]] || continue
		running "$pid" "$start" || continue
		kill -s "$1" "$pid" 2>/dev/null || continue
		for ((i = 0; i < 100; i++)); do
			running "$pid" "$start" || break
			sleep 0.1
		done
		if running "$pid" "$start"; then
			stop "$pid" "$start" cmd KILL
		fi
	done <"$tmp/pids"
}

# signal_status SIG prints the exit status for death by SIG.
signal_status() {
	case $1 in
	HUP) echo 129 ;;
	INT) echo 130 ;;
	*) echo 143 ;;
	esac
}

outer() {
	local tool
	for tool in Xvfb xdpyinfo dbus-run-session dbus-send gnome-keyring-daemon secret-tool timeout od; do
		command -v "$tool" >/dev/null || die "$tool not found; run scripts/install-deps.sh"
	done

	tmp=$(mktemp -d "${TMPDIR:-/tmp}/grendel-session.XXXXXX")
	session_pid=
	xvfb_pid=
	watchdog_pid=
	got_signal=
	trap cleanup EXIT
	trap 'on_signal INT' INT
	trap 'on_signal TERM' TERM
	trap 'on_signal HUP' HUP
	mkdir -m 700 "$tmp/data" "$tmp/keyring"
	watchdog "$$" >/dev/null &
	watchdog_pid=$!

	start_xvfb

	if [[ -z ${XDG_RUNTIME_DIR:-} ]]; then
		mkdir -m 700 "$tmp/run"
		export XDG_RUNTIME_DIR=$tmp/run
	fi
	export XDG_DATA_HOME=$tmp/data
	unset GNOME_KEYRING_CONTROL GNOME_KEYRING_PID WAYLAND_DISPLAY

	# A background job in a script ignores SIGINT and reads /dev/null; undo
	# both so that CMD behaves as if run in the foreground. dbus-daemon's
	# stderr goes to a log; the inner half takes the real stderr back from
	# fd 3.
	(
		trap - INT QUIT
		exec dbus-run-session -- "$BASH" "${BASH_SOURCE[0]}" "$inner_marker" "$tmp" "$@"
	) <&0 3>&2 2>"$tmp/dbus.log" &
	session_pid=$!
	record session "$session_pid"

	local status
	while :; do
		status=0
		wait "$session_pid" || status=$?
		kill -0 "$session_pid" 2>/dev/null || break # else a trap interrupted wait
	done

	if [[ ! -e $tmp/ready && -z $got_signal ]]; then
		if ((status != 125)); then # else the inner half has said why
			note "error: dbus-run-session failed (status $status):"
			grep -v 'Failed to set fd limit' "$tmp/dbus.log" | tail -n 5 | sed 's/^/with-session:   /' >&2 || true
		fi
		exit 125
	fi
	if [[ -n $got_signal ]]; then
		exit "$(signal_status "$got_signal")"
	fi
	exit "$status"
}

if [[ $# -eq 0 ]]; then
	printf 'usage: %s CMD [ARGS...]\n' "$0" >&2
	exit 2
fi
if [[ $1 == "$inner_marker" ]]; then
	shift
	inner "$@"
fi
if [[ -n ${GRENDEL_SESSION_READY:-} ]]; then
	exec "$@"
fi
outer "$@"
