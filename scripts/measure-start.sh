#!/usr/bin/env bash
# measure-start.sh measures how long a process of the binary takes to start
# and end, with `BIN version`: every process of the one binary (the resident
# agent, each command, each window) runs the inits of all its packages, and
# `version` does next to nothing else.
#
# Usage: scripts/measure-start.sh [-r RUNS] [-n ROUNDS] BIN...
#
# For each round it runs `perf stat -r RUNS BIN version` for each BIN in turn
# (so a load that comes and goes falls on all of them), and prints per BIN
# the median over the rounds of the elapsed time, the task clock (CPU time
# of all its threads) and the page faults, then the inits that took longest
# (GODEBUG=inittrace=1, mean of 5 runs) and their sum. RUNS defaults to 50,
# ROUNDS to 3. It prints the load average before and after: measure on an
# idle machine.
#
# Compare binaries whose files are in the same state in the page cache,
# best each just built (go build writes it through a mapping): a copy made
# with cp or cat, or a file whose resident agent trimmed its pages
# (app/memtrim), costs every process a third more page faults (about 1,100
# instead of 800 for grendel version, 2-core development machine). Needs
# perf (linux-perf).
set -euo pipefail

usage() {
	printf 'usage: %s [-r RUNS] [-n ROUNDS] BIN...\n' "$0" >&2
	exit 2
}

runs=50
rounds=3
while getopts r:n: opt; do
	case $opt in
	r) runs=$OPTARG ;;
	n) rounds=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[[ $# -ge 1 && $runs =~ ^[1-9][0-9]*$ && $rounds =~ ^[1-9][0-9]*$ ]] || usage
command -v perf >/dev/null || {
	printf 'measure-start: perf is not installed\n' >&2
	exit 1
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bins=()
for b in "$@"; do
	[[ -x $b ]] || {
		printf 'measure-start: %s is not an executable\n' "$b" >&2
		exit 1
	}
	bins+=("$b")
done

printf 'load before: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 0; r < rounds; r++)); do
	for i in "${!bins[@]}"; do
		# perf stat -x, prints value,unit,event,… per event.
		perf stat -x, -r "$runs" -e task-clock,page-faults,duration_time "${bins[i]}" version 2>&1 >/dev/null |
			awk -F, -v i="$i" '$3 == "task-clock" { t = $1 } $3 == "page-faults" { p = $1 } $3 == "duration_time" { d = $1 / 1e6 }
				END { printf "%s %.3f %.3f %d\n", i, d, t, p }' >>"$tmp/stats"
	done
done
printf 'load after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"

for i in "${!bins[@]}"; do
	printf '\n%s (%d rounds of %d runs, median of the rounds)\n' "${@:i+1:1}" "$rounds" "$runs"
	awk -v i="$i" '$1 == i { print $2, $3, $4 }' "$tmp/stats" | sort -n |
		awk '{ e[NR] = $1; t[NR] = $2; p[NR] = $3 } END { m = int((NR + 1) / 2)
			printf "  elapsed %.2f ms (rounds: %.2f to %.2f), task clock %.2f ms, page faults %d\n", e[m], e[1], e[NR], t[m], p[m] }'
	for ((k = 0; k < 5; k++)); do
		GODEBUG=inittrace=1 "${bins[i]}" version 2>&1 >/dev/null
	done | awk '$1 == "init" { c[$2] += $5; b[$2] += $8; n++ }
		END { for (p in c) { s += c[p]; a += b[p]; printf "%.3f %d %s\n", c[p] / 5, b[p] / 5, p }
			printf "sum %.2f %d %d\n", s / 5, a / 5, n / 5 > "/dev/stderr" }' 2>"$tmp/sum" | sort -rn | awk 'NR <= 12' |
		awk '{ printf "  init %7.3f ms %8d B  %s\n", $1, $2, $3 }'
	read -r _ clock bytes count <"$tmp/sum"
	printf '  all %d inits: %.2f ms, %d B\n' "$count" "$clock" "$bytes"
done
