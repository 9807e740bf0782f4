#!/bin/sh
# Whole-pipeline benchmark: score a generated file of $BENCH_MB MB (the golden
# rollouts repeated) with no reward (the I/O limit) and with format, on one
# and two goroutines, and report lines/s, MB/s and peak RSS. Figures are
# meant to be read as ratios within one run on one machine.
set -eu
BIN=${BIN:-./grpo-score}
BENCH_MB=${BENCH_MB:-200}
dir=${TMPDIR:-/tmp}/grpo-score-bench
mkdir -p "$dir"
src=testdata/golden/rollouts.jsonl
file="$dir/rollouts-${BENCH_MB}mb.jsonl"
if [ ! -f "$file" ]; then
	: > "$file"
	while [ "$(wc -c < "$file")" -lt $((BENCH_MB * 1024 * 1024)) ]; do cat "$src" >> "$file"; done
fi
bytes=$(wc -c < "$file")
lines=$(wc -l < "$file")
echo "input: $file, $lines lines, $bytes bytes"
printf '%-28s %10s %12s %8s %10s\n' "run" "seconds" "lines/s" "MB/s" "peak RSS"
run() {
	label=$1; shift
	start=$(date +%s.%N)
	if [ -x /usr/bin/time ]; then
		rss=$(/usr/bin/time -f %M "$BIN" score -q "$@" "$file" 2>&1 >/dev/null | tail -n 1)
		rss="${rss} KB"
	else
		"$BIN" score -q "$@" "$file" > /dev/null
		rss="-"
	fi
	end=$(date +%s.%N)
	awk -v l="$label" -v s="$start" -v e="$end" -v n="$lines" -v b="$bytes" -v r="$rss" \
		'BEGIN { t = e - s; printf "%-28s %10.2f %12.0f %8.1f %10s\n", l, t, n / t, b / t / 1048576, r }'
}
run "-r none -j 1" -r none -j 1
run "-r none -j 2" -r none -j 2
run "-r format -j 1" -r format -j 1
run "-r format -j 2" -r format -j 2
for extra in ${BENCH_REWARDS:-}; do
	run "-r $extra -j 2" -r "$extra" -j 2
done
