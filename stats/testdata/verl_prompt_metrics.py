"""Per-prompt test vectors from verl's own process_validation_metrics.

Runs bootstrap_metric, calc_maj_val and process_validation_metrics of
volcengine/verl verl/trainer/ppo/metric_utils.py, commit
b178a3cd56f58b2d502255daba591e92833930a7, unchanged: their source is taken
from the file with ast and executed with numpy (the module itself imports
torch and the rest of verl, which these three functions do not use).

    git -C verl show b178a3cd56f58b2d502255daba591e92833930a7:verl/trainer/ppo/metric_utils.py > /tmp/metric_utils.py
    /usr/bin/python3 verl_prompt_metrics.py /tmp/metric_utils.py > verl_prompt_metrics.jsonl

Each output line is one prompt: its accuracies, and verl's metrics of the
"acc" variable with "pred" the correct/incorrect vote (value >= 0.5).
"""
import ast
import json
import random
import sys
from collections import defaultdict
from functools import partial
from typing import Any, Callable

import numpy as np

src = open(sys.argv[1]).read()
wanted = {"bootstrap_metric", "calc_maj_val", "process_validation_metrics"}
tree = ast.parse(src)
namespace = {"np": np, "defaultdict": defaultdict, "partial": partial, "Any": Any, "Callable": Callable}
for node in tree.body:
    if isinstance(node, ast.FunctionDef) and node.name in wanted:
        exec(compile(ast.Module(body=[node], type_ignores=[]), sys.argv[1], "exec"), namespace)
process_validation_metrics = namespace["process_validation_metrics"]

rng = random.Random(12)
pools = [[0.0, 1.0], [0.0, 0.25, 0.5, 0.75, 1.0], [0.0, 0.9999999999999998, 0.3, -1.0]]
for i in range(40):
    n = rng.choice([2, 3, 4, 5, 6, 8, 10, 16])
    pool = rng.choice(pools)
    values = [rng.choice(pool) for _ in range(n)]
    preds = ["correct" if v >= 0.5 else "incorrect" for v in values]
    out = process_validation_metrics(["d"] * n, [f"uid{i}"] * n, {"acc": values, "pred": preds})
    metrics = {k: float(v) for k, v in out["d"]["acc"].items()}
    print(json.dumps({"values": values, "metrics": metrics}))
