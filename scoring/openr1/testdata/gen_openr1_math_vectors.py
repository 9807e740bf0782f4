"""Generates openr1_math_vectors.jsonl: completions scored by open-r1's
math_verify rewards, run unchanged: accuracy_reward and
get_cosine_scaled_reward(0.0, -0.5, 0.5, 1.0, 1000) (GRPOScriptArguments'
defaults). The gold/prediction pairs come from testdata/mathverify/vectors.jsonl,
wrapped the ways completions write answers.

Ran at huggingface/open-r1 commit 1416fa0cf21595d2083b399a2a0bbddd7f6e9563
with /work/pyref/run (Debian's python3 3.11 with math_verify 0.8.0,
latex2sympy2_extended 1.10.2, sympy 1.13.1). Only these functions are
compiled from src/open_r1/rewards.py (with ast), so the code providers are not
needed. A None reward is written as null.

Usage: [SEED=n] [N=pairs] /work/pyref/run gen_openr1_math_vectors.py /path/to/open-r1 vectors.jsonl > openr1_math_vectors.jsonl
"""
import ast, contextlib, io, json, math, os, random, sys, typing

from latex2sympy2_extended import NormalizationConfig
from math_verify import LatexExtractionConfig, parse, verify

root, pairs_path = sys.argv[1], sys.argv[2]
tree = ast.parse(open(os.path.join(root, "src/open_r1/rewards.py")).read())
fns = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in {"accuracy_reward", "get_cosine_scaled_reward"}]
g = {"math": math, "parse": parse, "verify": verify, "LatexExtractionConfig": LatexExtractionConfig,
     "NormalizationConfig": NormalizationConfig, "Optional": typing.Optional, "Dict": typing.Dict}
exec(compile(ast.Module(body=fns, type_ignores=[]), "rewards.py", "exec"), g)
cosine = g["get_cosine_scaled_reward"](0.0, -0.5, 0.5, 1.0, 1000)

rnd = random.Random(int(os.environ.get("SEED", "20261203")))
pairs = [json.loads(l) for l in open(pairs_path)]
rnd.shuffle(pairs)
WRAP = ["%s", "\\boxed{%s}", "The answer is $\\boxed{%s}$.", "<think>\nwork\n</think>\n<answer>\n\\boxed{%s}\n</answer>",
        "Final answer: $%s$", "So we get $%s$ and then \\boxed{%s}", "$%s$", "\\(%s\\)", "The final answer is %s",
        "\\boxed{%s} or \\boxed{0}", "x" * 900 + " \\boxed{%s}", "answer: %s"]
GOLD = ["%s", "$%s$", "\\boxed{%s}", "The answer is %s"]

def run(f):
    with contextlib.redirect_stdout(io.StringIO()):
        return f()

n = int(os.environ.get("N", "700"))
for p in pairs[:n]:
    w = rnd.choice(WRAP)
    comp = w.replace("%s", p["pred"], 1).replace("%s", p["pred"])
    sol = rnd.choice(GOLD) % p["gold"]
    cs = [[{"content": comp}]]
    acc = run(lambda: g["accuracy_reward"](cs, [sol])[0])
    cos = run(lambda: cosine(cs, [sol])[0])
    sys.stdout.write(json.dumps({"completion": comp, "solution": sol, "accuracy": acc, "cosine": cos}, ensure_ascii=False) + "\n")
    sys.stdout.flush()
