#!/usr/bin/env python3
"""Score a dump on a Dask cluster with grpo-score, and merge the statistics.

Each partition of the dump (dask.bag.read_text splits it at line boundaries)
is piped through `grpo-score score` on a worker; the scored lines come back
in partition order, and every partition's `--stats` JSON is merged with
`grpo-score stats merge`, which gives exactly the statistics of one run over
the whole dump.

  python3 scripts/dask_score.py --binary ./grpo-score --workers 4 \\
      --blocksize 64MiB dump.jsonl -o scored.jsonl --stats stats.json -- -r accuracy,format

Everything after "--" goes to grpo-score score.

Without --scheduler a LocalCluster of --workers processes is started; with
--scheduler tcp://host:8786 the partitions go to that cluster, whose workers
must have the binary at the same path and see the dump. Lines must not be
split from their group: with --group-field, partition so that groups stay
whole (or score without grouping and group afterwards).
"""
import argparse
import os
import subprocess
import sys
import tempfile

import dask.bag as db
from distributed import Client, LocalCluster


def score_partition(lines, binary, args):
    """Runs grpo-score over one partition; returns [(scored text, stats JSON)]."""
    with tempfile.TemporaryDirectory() as tmp:
        stats = os.path.join(tmp, "stats.json")
        proc = subprocess.run(
            [binary, "score", "-q", "--stats", stats, *args],
            input="".join(lines).encode(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            check=False,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"grpo-score exited {proc.returncode}: {proc.stderr.decode()}")
        with open(stats) as f:
            return [(proc.stdout.decode(), f.read())]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dump")
    ap.add_argument("--binary", default="grpo-score")
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--blocksize", default="64MiB")
    ap.add_argument("--scheduler")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--stats", required=True)
    argv = sys.argv[1:]
    score_args = []
    if "--" in argv:
        i = argv.index("--")
        argv, score_args = argv[:i], argv[i + 1:]
    a = ap.parse_args(argv)
    a.score_args = score_args
    binary = os.path.abspath(a.binary) if os.path.exists(a.binary) else a.binary

    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        bag = db.read_text(a.dump, blocksize=a.blocksize)
        parts = bag.map_partitions(score_partition, binary, a.score_args).compute()
    finally:
        client.close()
        if not a.scheduler:
            cluster.close()

    with tempfile.TemporaryDirectory() as tmp:
        names = []
        with open(a.output, "w") as out:
            for i, (scored, stats) in enumerate(parts):
                out.write(scored)
                name = os.path.join(tmp, f"part-{i:05d}.json")
                with open(name, "w") as f:
                    f.write(stats)
                names.append(name)
        merged = subprocess.run([binary, "stats", "merge", *names], stdout=subprocess.PIPE, check=True)
    with open(a.stats, "wb") as f:
        f.write(merged.stdout)
    print(f"{len(parts)} partitions scored on {a.scheduler or f'{a.workers} local workers'}", file=sys.stderr)


if __name__ == "__main__":
    main()
