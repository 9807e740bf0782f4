#!/bin/sh
# compare against separate score runs on a generated dump of $BENCH_MB MB:
# the golden detection rollouts repeated, with a "prompt" group key every
# 8 lines. Two scenarios of three configurations each:
#   methods: the README's odLength / weighted_sum / od_ap (three different
#            accuracy methods: every configuration's accuracy is computed)
#   weights: one reward set under three weightings (what weight tuning
#            compares: compare computes each reward once)
# For each: one compare run, and the three score runs a user would need
# (-o FILE --stats FILE). Reports wall seconds, CPU seconds (user+sys) and
# peak RSS; on a shared machine read CPU seconds and ratios. The dump's
# groups are contiguous, so every run takes --group-contiguous: without it
# grouped lines wait for the end of the file and memory grows with it.
set -eu
BIN=${BIN:-./grpo-score}
BENCH_MB=${BENCH_MB:-1024}
dir=${TMPDIR:-/tmp}/grpo-score-bench
mkdir -p "$dir"
file="$dir/detection-${BENCH_MB}mb.jsonl"
if [ ! -f "$file" ]; then
	grep -E '"accu_reward_method": "(od_ap|od_ap50|odLength|weighted_sum|map)"' testdata/golden/rollouts.jsonl > "$dir/detection.jsonl"
	: > "$file.tmp"
	while [ "$(wc -c < "$file.tmp")" -lt $((BENCH_MB * 1024 * 1024)) ]; do cat "$dir/detection.jsonl" "$dir/detection.jsonl" "$dir/detection.jsonl" "$dir/detection.jsonl" >> "$file.tmp"; done
	awk '{ sub(/}$/, ", \"prompt\": \"p" int((NR - 1) / 8) "\"}"); print }' "$file.tmp" > "$file"
	rm -f "$file.tmp"
fi
echo "input: $file, $(wc -l < "$file") lines, $(wc -c < "$file") bytes"
measure() {
	label=$1; shift
	/usr/bin/time -f "%e %U %S %M" -o "$dir/time" "$@" > /dev/null
	awk -v l="$label" '{ printf "%-44s %8.1f s wall %8.1f s CPU %8.0f MB peak RSS\n", l, $1, $2 + $3, $4 / 1024 }' "$dir/time"
}
common="--method-field '' --group-field prompt --group-contiguous"
run_scenario() {
	name=$1 a=$2 b=$3 c=$4
	measure "$name: compare A B C" sh -c "$BIN compare -q $file $common --as A='$a' --as B='$b' --as C='$c'"
	for cf in "$a" "$b" "$c"; do
		measure "$name: score $cf" sh -c "$BIN score -q $file $common $cf -o $dir/out.jsonl --stats $dir/out.stats.json"
	done
	rm -f "$dir/out.jsonl" "$dir/out.stats.json"
}
run_scenario methods "-m odLength" "-m weighted_sum" "-m od_ap -w accuracy=2,format=1"
run_scenario weights "-m od_ap" "-m od_ap -w accuracy=2,format=1" "-m od_ap -w accuracy=1,format=2"
