#!/bin/sh
# Whole-pipeline benchmark (make bench). Scores a generated file, the golden
# rollouts repeated $BENCH_COPIES times (20: 60,000 lines, 107 MB), with no
# reward (the I/O limit), each reward alone and all four together, and
# prints lines/s, MB/s, the time of each run over that of `none`, user CPU,
# peak RSS and allocations per line (BenchmarkScore in ./cmd, in-process
# on the golden rollouts); then the start-up time: scoring one line with all
# four rewards, the mean of $BENCH_STARTUP_RUNS runs. Figures are meant to
# be read as ratios within one run on one machine.
set -eu
BIN=${BIN:-./grpo-score}
GO=${GO:-go}
COPIES=${BENCH_COPIES:-20}
JOBS=${BENCH_JOBS:-2}
STARTUP_RUNS=${BENCH_STARTUP_RUNS:-20}
PYTHON_LINES_PER_S=350 # the Python reference, all four rewards, one process
ALL=accuracy,format,length,repetition
dir=${TMPDIR:-/tmp}/grpo-score-bench
mkdir -p "$dir"
src=testdata/golden/rollouts.jsonl
file="$dir/rollouts-x$COPIES.jsonl"
if [ ! -f "$file" ]; then
	i=0
	: > "$file.tmp"
	while [ $i -lt "$COPIES" ]; do cat "$src" >> "$file.tmp"; i=$((i + 1)); done
	mv "$file.tmp" "$file"
fi
bytes=$(wc -c < "$file")
lines=$(wc -l < "$file")
one="$dir/one.jsonl"
head -n 1 "$src" > "$one"

echo "allocations per line: go test -run '^\$' -bench BenchmarkScore -benchtime 2x ./cmd"
allocs=$($GO test -run '^$' -bench BenchmarkScore -benchtime 2x ./cmd | awk '
	/^BenchmarkScore\// {
		name = $1; sub(/^BenchmarkScore\//, "", name); sub(/-[0-9]+$/, "", name)
		for (i = 2; i < NF; i++) if ($(i + 1) == "allocs/line") printf "%s=%s\n", name, $i
	}')
allocs_of() { echo "$allocs" | awk -F= -v k="$1" '$1 == k { print $2 }'; }

echo "input: $file, $lines lines, $bytes bytes; $BIN score -q -j N -r R -o /dev/null FILE"
printf '| %-44s | %8s | %8s | %6s | %7s | %6s | %7s | %8s | %11s |\n' run seconds lines/s MB/s "× none" "× Python" "user s" "peak RSS" allocs/line
printf '| %-44s | %8s | %8s | %6s | %7s | %6s | %7s | %8s | %11s |\n' --- ---: ---: ---: ---: ---: ---: ---: ---:
none_s=
run() {
	rewards=$1 jobs=$2
	out=$( { /usr/bin/time -f '%e %U %M' "$BIN" score -q -j "$jobs" -r "$rewards" -o /dev/null "$file"; } 2>&1 | tail -n 1)
	set -- $out
	secs=$1 user=$2 rss=$3
	[ -n "$none_s" ] || none_s=$secs
	py=-
	[ "$rewards" != "$ALL" ] || py=$(awk -v n="$lines" -v t="$secs" -v p=$PYTHON_LINES_PER_S 'BEGIN { printf "%.0f×", n / t / p }')
	a=$(allocs_of "$rewards")
	[ "$jobs" = 2 ] || a=-
	awk -v l="\`-r $rewards -j $jobs\`" -v t="$secs" -v n="$lines" -v b="$bytes" -v z="$none_s" -v py="$py" -v u="$user" -v r="$rss" -v a="${a:--}" \
		'BEGIN { printf "| %-44s | %8.2f | %8.0f | %6.1f | %7.2f | %6s | %7.2f | %5.0f MB | %11s |\n", l, t, n / t, b / t / 1048576, t / z, py, u, r / 1024, a }'
}
run none "$JOBS"
for r in accuracy format length repetition; do run "$r" "$JOBS"; done
run "$ALL" "$JOBS"
run "$ALL" 1

mean_ms() {
	rewards=$1
	start=$(date +%s%N)
	i=0
	while [ $i -lt "$STARTUP_RUNS" ]; do "$BIN" score -q -r "$rewards" -o /dev/null "$one"; i=$((i + 1)); done
	end=$(date +%s%N)
	awk -v s="$start" -v e="$end" -v n="$STARTUP_RUNS" 'BEGIN { printf "%.1f", (e - s) / n / 1e6 }'
}
echo
echo "start-up (one line, mean of $STARTUP_RUNS runs): -r $ALL $(mean_ms "$ALL") ms; -r none $(mean_ms none) ms"
