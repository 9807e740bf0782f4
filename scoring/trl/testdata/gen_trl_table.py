"""Generates testdata/trl/completions_00010.jsonl: the completions table
GRPOTrainer.log writes to completions/completions_{step:05d}.parquet (step,
prompt, completion, one column per reward function, the log_extra columns
solution / gold_parsed / answer_parsed, advantage), as JSON lines, for
reward_funcs=[think_format_reward, accuracy_reward, reasoning_accuracy_reward].
The reward columns are what TRL's own functions return, run as in
gen_trl_math_vectors.py (same commit, same stubs); None is written as null
(the trainer stores NaN). advantage is the trainer's (r - mean) / (std + 1e-4)
over each prompt's group with the summed rewards (nansum).

Usage: /work/pyref/run gen_trl_table.py /path/to/trl > ../../../testdata/trl/completions_00010.jsonl
"""
import ast, json, logging, math, os, re, statistics, sys, threading
from collections.abc import Callable

from latex2sympy2_extended import NormalizationConfig
from math_verify import LatexExtractionConfig, parse, verify

root = sys.argv[1]
tree = ast.parse(open(os.path.join(root, "trl/rewards/accuracy_rewards.py")).read())
body = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
g = {"math": math, "parse": parse, "verify": verify, "LatexExtractionConfig": LatexExtractionConfig,
     "NormalizationConfig": NormalizationConfig, "logging": logging, "threading": threading, "Callable": Callable,
     "is_math_verify_available": lambda: True}
exec(compile(ast.Module(body=body, type_ignores=[]), "accuracy_rewards.py", "exec"), g)
fmt = {"re": re}
exec(compile(open(os.path.join(root, "trl/rewards/format_rewards.py")).read(), "format_rewards.py", "exec"), fmt)

GROUPS = [
    ("What is 1/2 + 1/4?", r"\frac{3}{4}", ["<think>\nadd\n</think>\nThe answer is \\boxed{\\frac{3}{4}}", "<think>hmm</think> \\boxed{0.75}",
                                            "\\boxed{\\frac{3}{4}}", "<think>a</think><think>b</think> \\boxed{1}"]),
    ("Solve x + 2 = 5.", "$3$", ["<think>x = 3</think>\n$x = 3$", "<think>so</think> The final answer is $\\boxed{3}$.", "I think 3",
                                 "<think>x = 5 - 2</think>\\boxed{2}"]),
    ("Name a colour.", "blue", ["<think>sky</think> blue", "blue", "<think>x</think> \\boxed{blue}", "red"]),
    ("What is 2^10?", "1024", ["<think>powers</think>\\boxed{1024}", "<think>1024</think> answer: $1,024$", "\\boxed{1000}", "<think>"]),
]
names = ["think_format_reward", "accuracy_reward", "reasoning_accuracy_reward"]
rows = []
for prompt, sol, comps in GROUPS:
    cs = [[{"content": c}] for c in comps]
    extra = {}
    log_extra = lambda k, v: extra.setdefault(k, v)
    cols = {
        "think_format_reward": fmt["think_format_reward"](cs),
        "accuracy_reward": g["accuracy_reward"](cs, [sol] * len(cs), log_extra=log_extra),
        "reasoning_accuracy_reward": g["reasoning_accuracy_reward"](cs, [sol] * len(cs)),
    }
    totals = [sum(v for v in (cols[n][i] for n in names) if v is not None) for i in range(len(cs))]
    mean, std = statistics.fmean(totals), statistics.stdev(totals)
    for i, c in enumerate(comps):
        row = {"step": 10, "prompt": prompt, "completion": c}
        row.update({n: cols[n][i] for n in names})
        row.update({"solution": extra["solution"][i], "gold_parsed": extra["gold_parsed"][i], "answer_parsed": extra["answer_parsed"][i]})
        row["advantage"] = (totals[i] - mean) / (std + 1e-4)
        rows.append(row)
sys.stdout.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
