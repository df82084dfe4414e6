#!/usr/bin/env bash
# measure-agent.sh samples a running process's memory and CPU use.
#
# Usage: scripts/measure-agent.sh PID [SECONDS]   (SECONDS defaults to 60)
#
# Once a second it reads the resident set size (VmRSS in /proc/PID/status)
# and its two parts: RssAnon (heap, stacks: what the process itself holds)
# and RssFile (pages of the binary and its libraries mapped from the page
# cache, which the kernel may map in small pages or in large folios of up to
# 2 MB, so the same binary can show several MB more or less from one run or
# machine to the next); CPU time is utime+stime from /proc/PID/stat at the
# start and the end of the window. It prints the maximum and average RSS, and
# the maximum of each part, in MB (MiB, as ps and top count) and the average
# CPU use as a percentage of one core, as key=value lines after a one-line
# summary. Linux only.
set -euo pipefail

usage() {
	printf 'usage: %s PID [SECONDS]\n' "$0" >&2
	exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
pid=$1
window=${2:-60}
[[ $pid =~ ^[1-9][0-9]*$ && $window =~ ^[1-9][0-9]*$ ]] || usage
[[ -r /proc/$pid/status ]] || {
	printf 'measure-agent: no process %s\n' "$pid" >&2
	exit 1
}

ticks_per_sec=$(getconf CLK_TCK)
name=$(cat "/proc/$pid/comm" 2>/dev/null || echo '?')

# cpu_ticks prints utime+stime of the process in clock ticks.
cpu_ticks() {
	local stat
	stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
	stat=${stat##*) } # the command name may hold spaces and parentheses
	local -a f
	read -ra f <<<"$stat"
	echo $((f[11] + f[12])) # fields 14 and 15 of stat(5)
}

# rss_kb prints VmRSS, RssAnon and RssFile in kB, on one line.
rss_kb() {
	awk '$1 == "VmRSS:" { r = $2 } $1 == "RssAnon:" { a = $2 } $1 == "RssFile:" { f = $2 }
		END { if (r == "") exit 1; print r, a + 0, f + 0 }' "/proc/$pid/status" 2>/dev/null
}

samples=()
t0=$EPOCHREALTIME
c0=$(cpu_ticks) || {
	printf 'measure-agent: process %s went away\n' "$pid" >&2
	exit 1
}
c1=$c0
t1=$t0
gone=
for ((i = 0; i <= window; i++)); do
	if ! rss=$(rss_kb) || ! c=$(cpu_ticks); then
		gone=1
		break
	fi
	samples+=("$rss")
	c1=$c
	t1=$EPOCHREALTIME
	if ((i < window)); then
		sleep 1
	fi
done

if ((${#samples[@]} == 0)); then
	printf 'measure-agent: process %s went away\n' "$pid" >&2
	exit 1
fi

printf '%s\n' "${samples[@]}" | awk -v pid="$pid" -v name="$name" \
	-v t0="$t0" -v t1="$t1" -v c0="$c0" -v c1="$c1" -v hz="$ticks_per_sec" '
	{ sum += $1; if ($1 > max) max = $1; if ($2 > amax) amax = $2; if ($3 > fmax) fmax = $3; n++ }
	END {
		secs = t1 - t0
		cpu = secs > 0 ? 100 * (c1 - c0) / hz / secs : 0
		printf "measure-agent: pid %s (%s), %.1f s, %d samples\n", pid, name, secs, n
		printf "rss_max_mb=%.1f\n", max / 1024
		printf "rss_avg_mb=%.1f\n", sum / n / 1024
		printf "rss_anon_max_mb=%.1f\n", amax / 1024
		printf "rss_file_max_mb=%.1f\n", fmax / 1024
		printf "cpu_avg_pct=%.2f\n", cpu
	}'

if [[ -n $gone ]]; then
	printf 'measure-agent: process %s exited during the window; the figures cover %d samples\n' "$pid" "${#samples[@]}" >&2
	exit 1
fi
