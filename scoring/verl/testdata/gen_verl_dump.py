"""Generates testdata/verl/generations.jsonl: a dump shaped like verl's
rollout_data_dir files (ray_trainer.py _dump_generations: input, output, gts,
score, step), with a data_source column added (verl's dump has none; a mixed
dump needs it to be re-scored), for a mixed batch of gsm8k, MATH, DAPO and
AIME and geometry3k prompts. score is what verl's default_compute_score returns (a dict's
"score"), run unchanged as in gen_verl_vectors.py (same commit, same stubs; geo3k.py with
hiyouga/MathRuler at 14dadeb0e962ff707aba889c85979155d25245ce, Debian's pylatexenc 2.10 and
sympy 1.11.1), stored as verl stores it: the naive reward manager writes the value into a float32
token-level tensor and _dump_generations writes its row sum, so 0.9 is dumped as
0.8999999761581421. The lines of a prompt share an input, as the grouped rollouts of a step do.

Usage: python3 gen_verl_dump.py /path/to/verl /path/to/MathRuler > ../../../testdata/verl/generations.jsonl
"""
import json, os, random, shutil, struct, sys, tempfile, io, contextlib

root = sys.argv[1]
tmp = tempfile.mkdtemp()
pkg = os.path.join(tmp, "verl", "utils", "reward_score")
os.makedirs(pkg)
open(os.path.join(tmp, "verl", "__init__.py"), "w").close()
open(os.path.join(tmp, "verl", "utils", "__init__.py"), "w").close()
with open(os.path.join(tmp, "verl", "utils", "import_utils.py"), "w") as f:
    f.write("def deprecated(*a, **k):\n    return lambda fn: fn\n")
for name in ["__init__.py", "gsm8k.py", "math_reward.py", "math_dapo.py", "geo3k.py"]:
    shutil.copy(os.path.join(root, "verl", "utils", "reward_score", name), pkg)
os.makedirs(os.path.join(tmp, "mathruler"))
for name in ["__init__.py", "grader.py", "math_normalize.py"]:
    shutil.copy(os.path.join(sys.argv[2], "mathruler", name), os.path.join(tmp, "mathruler"))
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
    ("hiyouga/geometry3k", "<image>Find x. Round to the nearest tenth if necessary.", "2\\sqrt{221}",
     ["<think>By Pythagoras x^2 = 28^2 + 10^2 = 884.</think> \\boxed{2\\sqrt{221}}", "<think>x = sqrt(884)</think> x = \\boxed{\\sqrt{884}}",
      "<think>28^2+10^2</think> \\boxed{29.7}", "The answer is \\boxed{2 \\sqrt{221}}", "<think>x</think> 2\\sqrt{221}"]),
    ("hiyouga/geometry3k", "<image>Find the measure of angle 1.", "60",
     ["<think>The triangle is equilateral.</think> \\boxed{60^\\circ}", "<think>180 - 120</think>\\boxed{60}", "<think>x</think> \\boxed{60°}",
      "<think>x</think> \\boxed{120}", "\\boxed{60 degrees}"]),
    ("hiyouga/geometry3k", "<image>Find the area of the shaded sector.", "\\frac{25\\pi}{2}",
     ["<think>r = 5, angle 180.</think> \\boxed{\\frac{25}{2}\\pi}", "<think>x</think>\\boxed{12.5\\pi}", "<think>x</think>\\boxed{39.27}",
      "<think>x</think>\\boxed{\\dfrac{25\\pi}{2} \\text{ units}^2}", "<think>x</think>\\boxed{25\\pi/2}"]),
    ("hiyouga/geometry3k", "<image>Find y.", "7.5",
     ["<think>y = 15/2</think> \\boxed{\\frac{15}{2}}", "<think>x</think> \\boxed{7.50}", "<think>x</think> \\boxed{y = 7.5}",
      "<think>x</think> \\boxed{7}", "<think>x</think> \\boxed{7\\frac{1}{2}}"]),
]
lines = []
for step in (1,):
    for ds, prompt, gt, outs in PROMPTS:
        for out in outs:
            with contextlib.redirect_stdout(io.StringIO()):
                res = default_compute_score(ds, out, gt)
            # The reward manager takes a dict's "score"; the dump's score is the
            # float32 token-level sum of it (one non-zero token).
            score = float(res["score"] if isinstance(res, dict) else res)
            score = struct.unpack("f", struct.pack("f", score))[0]
            lines.append({"input": prompt, "output": out, "gts": gt, "score": score, "step": step, "data_source": ds})
sys.stdout.write("\n".join(json.dumps(l, ensure_ascii=False) for l in lines) + "\n")
shutil.rmtree(tmp)
