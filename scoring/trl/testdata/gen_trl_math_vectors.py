"""Generates trl_math_vectors.jsonl: completions scored by TRL's math_verify
rewards, run unchanged: accuracy_reward, reasoning_accuracy_reward (default
delimiters) and get_cosine_scaled_reward(max_len=100) on a random
completion_ids length. The gold/prediction pairs come from
testdata/mathverify/vectors.jsonl, wrapped the ways completions write answers.

Ran at huggingface/trl commit f2cd57710ae345ea6428ae95363267fcf38a3dc8 with
/work/pyref/run (Debian's python3 3.11 with math_verify 0.8.0,
latex2sympy2_extended 1.10.2, sympy 1.13.1). trl/rewards/accuracy_rewards.py
is compiled with ast without its `from ..import_utils import
is_math_verify_available`, which is replaced by a function returning True.
A None reward is written as null.

Usage: [SEED=n] [N=pairs] /work/pyref/run gen_trl_math_vectors.py /path/to/trl vectors.jsonl > trl_math_vectors.jsonl
"""
import ast, json, logging, math, os, random, sys, threading
from collections.abc import Callable

from latex2sympy2_extended import NormalizationConfig
from math_verify import LatexExtractionConfig, parse, verify

root, pairs_path = sys.argv[1], sys.argv[2]
tree = ast.parse(open(os.path.join(root, "trl/rewards/accuracy_rewards.py")).read())
body = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
g = {"math": math, "parse": parse, "verify": verify, "LatexExtractionConfig": LatexExtractionConfig,
     "NormalizationConfig": NormalizationConfig, "logging": logging, "threading": threading, "Callable": Callable,
     "is_math_verify_available": lambda: True}
exec(compile(ast.Module(body=body, type_ignores=[]), "accuracy_rewards.py", "exec"), g)
cosine = g["get_cosine_scaled_reward"](max_len=100)

rnd = random.Random(int(os.environ.get("SEED", "20261203")))
pairs = [json.loads(l) for l in open(pairs_path)]
rnd.shuffle(pairs)
WRAP = ["%s", "\\boxed{%s}", "The answer is $\\boxed{%s}$.", "<think>\nwork \\boxed{0}\n</think>\n\\boxed{%s}",
        "<think>no end \\boxed{%s}", "Final answer: $%s$", "$%s$", "\\(%s\\)", "The final answer is %s",
        "</think></think>\\boxed{%s}", "answer: %s"]
GOLD = ["%s", "$%s$", "\\boxed{%s}"]

n = int(os.environ.get("N", "700"))
for p in pairs[:n]:
    comp = rnd.choice(WRAP) % p["pred"]
    sol = rnd.choice(GOLD) % p["gold"]
    ids_len = rnd.choice([0, 1, 30, 50, 99, 100, 101, 250])
    cs = [[{"content": comp}]]
    rec = {"completion": comp, "solution": sol, "ids_len": ids_len,
           "accuracy_reward": g["accuracy_reward"](cs, [sol])[0],
           "reasoning_accuracy_reward": g["reasoning_accuracy_reward"](cs, [sol])[0],
           "cosine_scaled_reward": cosine(cs, [sol], [[0] * ids_len])[0]}
    sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    sys.stdout.flush()
