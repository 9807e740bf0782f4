"""Generates testdata/verl/generations.jsonl: a dump shaped like verl's
rollout_data_dir files (ray_trainer.py _dump_generations: input, output, gts,
score, step), with a data_source column added (verl's dump has none; a mixed
dump needs it to be re-scored), for a mixed batch of gsm8k, MATH, DAPO and
AIME prompts. score is what verl's default_compute_score returns (a dict's "score"), run
unchanged as in gen_verl_vectors.py (same commit, same stubs), and the lines
of a prompt share an input, as the grouped rollouts of a step do.

Usage: python3 gen_verl_dump.py /path/to/verl > ../../../testdata/verl/generations.jsonl
"""
import json, os, random, shutil, sys, tempfile, io, contextlib

root = sys.argv[1]
tmp = tempfile.mkdtemp()
pkg = os.path.join(tmp, "verl", "utils", "reward_score")
os.makedirs(pkg)
open(os.path.join(tmp, "verl", "__init__.py"), "w").close()
open(os.path.join(tmp, "verl", "utils", "__init__.py"), "w").close()
with open(os.path.join(tmp, "verl", "utils", "import_utils.py"), "w") as f:
    f.write("def deprecated(*a, **k):\n    return lambda fn: fn\n")
for name in ["__init__.py", "gsm8k.py", "math_reward.py", "math_dapo.py"]:
    shutil.copy(os.path.join(root, "verl", "utils", "reward_score", name), pkg)
sys.path.insert(0, tmp)
from verl.utils.reward_score import default_compute_score

rnd = random.Random(20261203)
PROMPTS = [
    ("openai/gsm8k", "Natalia sold 48 clips in April and half as many in May. How many in total?", "72",
     ["She sold 48 / 2 = 24 in May.\n#### 72", "48 + 24 = 72\n#### 72", "#### 70", "The total is 72.", "#### 7,2"]),
    ("openai/gsm8k", "A shirt costs $12 after a 25% discount. What was the price?", "16",
     ["12 / 0.75 = 16\n#### 16", "#### $16", "#### 16.0", "#### 15\n#### 16"]),
    ("lighteval/MATH", "What is $\\frac{1}{2} + \\frac{1}{4}$?", "\\frac{3}{4}",
     ["$\\boxed{\\frac34}$", "\\boxed{\\dfrac{3}{4}}", "\\boxed{0.75}", "The answer is 3/4.", "\\boxed{3/4}"]),
    ("HuggingFaceH4/MATH-500", "Simplify $\\sqrt{8}$.", "2\\sqrt{2}",
     ["\\boxed{2\\sqrt2}", "\\boxed{2\\sqrt{2}}", "\\boxed {2\\sqrt{2}}$", "\\fbox{\\sqrt{8}}"]),
    ("math_dapo", "Find the remainder of 2^10 divided by 7.", "2",
     ["2^10 = 1024 = 146*7 + 2.\nAnswer: 2", "Answer: $2$", "answer : 3", "The remainder is 2."]),
    ("aime2024", "How many positive divisors does 360 have?", "24",
     ["360 = 2^3 3^2 5, so (3+1)(2+1)(1+1).\nAnswer: 24", "Answer: \\boxed{24}", "Answer: 24 divisors", "Answer: 12"]),
]
lines = []
for step in (1,):
    for ds, prompt, gt, outs in PROMPTS:
        for out in outs:
            with contextlib.redirect_stdout(io.StringIO()):
                res = default_compute_score(ds, out, gt)
            # The reward manager takes a dict's "score"; the dump's score is the
            # float32 token-level sum of it (exact for these values).
            score = float(res["score"] if isinstance(res, dict) else res)
            lines.append({"input": prompt, "output": out, "gts": gt, "score": score, "step": step, "data_source": ds})
sys.stdout.write("\n".join(json.dumps(l, ensure_ascii=False) for l in lines) + "\n")
shutil.rmtree(tmp)
