"""Generates openr1_length_vectors.jsonl: groups of completions scored by
open-r1's len_reward (Kimi 1.5), run unchanged, one call per group: the batch
len_reward sees is the group. Gold/prediction pairs come from
testdata/mathverify/vectors.jsonl.

Ran at huggingface/open-r1 commit 1416fa0cf21595d2083b399a2a0bbddd7f6e9563
with /work/pyref/run (math_verify 0.8.0, latex2sympy2_extended 1.10.2,
sympy 1.13.1); only len_reward is compiled from src/open_r1/rewards.py.

Usage: [SEED=n] [N=groups] /work/pyref/run gen_openr1_length_vectors.py /path/to/open-r1 vectors.jsonl > openr1_length_vectors.jsonl
"""
import ast, contextlib, io, json, math, os, random, sys, typing

from latex2sympy2_extended import NormalizationConfig
from math_verify import LatexExtractionConfig, parse, verify

root, pairs_path = sys.argv[1], sys.argv[2]
tree = ast.parse(open(os.path.join(root, "src/open_r1/rewards.py")).read())
fns = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "len_reward"]
g = {"math": math, "parse": parse, "verify": verify, "LatexExtractionConfig": LatexExtractionConfig,
     "NormalizationConfig": NormalizationConfig, "Dict": typing.Dict}
exec(compile(ast.Module(body=fns, type_ignores=[]), "rewards.py", "exec"), g)

rnd = random.Random(int(os.environ.get("SEED", "20261203")))
pairs = [json.loads(l) for l in open(pairs_path)]
WRAP = ["\\boxed{%s}", "The answer is $\\boxed{%s}$.", "So $%s$.", "Long reasoning here. " * 3 + "\\boxed{%s}", "%s", "é\\boxed{%s}"]
for _ in range(int(os.environ.get("N", "300"))):
    p = rnd.choice(pairs)
    sol = rnd.choice(["$%s$", "%s"]) % p["gold"]
    comps = []
    for _ in range(rnd.randint(1, 6)):
        ans = rnd.choice([p["pred"], p["gold"], rnd.choice(pairs)["pred"]])
        comps.append(rnd.choice(WRAP) % ans)
    if rnd.random() < 0.1:
        comps = [comps[0]] * len(comps)
    with contextlib.redirect_stdout(io.StringIO()):
        values = g["len_reward"]([[{"content": c}] for c in comps], [sol] * len(comps))
    sys.stdout.write(json.dumps({"solution": sol, "completions": comps, "values": values}, ensure_ascii=False) + "\n")
