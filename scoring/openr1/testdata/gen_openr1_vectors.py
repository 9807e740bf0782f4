"""Generates openr1_vectors.jsonl: random adversarial completions scored by
open-r1's own reward functions: format_reward, tag_count_reward,
reasoning_steps_reward, get_repetition_penalty_reward(3, -1.0) (language
"en"), get_code_format_reward("python") and get_soft_overlong_punishment
(16384, 4096) (on token counts, not text).

Ran at huggingface/open-r1 commit 1416fa0cf21595d2083b399a2a0bbddd7f6e9563
with Debian's /usr/bin/python3 (3.11).

Only these functions are compiled from src/open_r1/rewards.py (with ast), so
the module's imports (math_verify, latex2sympy2_extended, the code providers)
are not needed.

Usage: [SEED=n] [N=cases] python3 gen_openr1_vectors.py /path/to/open-r1 > openr1_vectors.jsonl
"""
import ast, json, math, os, random, re, sys

root = sys.argv[1]
names = {"format_reward", "tag_count_reward", "reasoning_steps_reward", "get_repetition_penalty_reward",
         "get_code_format_reward", "get_soft_overlong_punishment"}
tree = ast.parse(open(os.path.join(root, "src/open_r1/rewards.py")).read())
fns = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in names]
g = {"re": re, "math": math}
exec(compile(ast.Module(body=fns, type_ignores=[]), "rewards.py", "exec"), g)
repetition = g["get_repetition_penalty_reward"](3, -1.0)
code_format = g["get_code_format_reward"]("python")
overlong = g["get_soft_overlong_punishment"](16384, 4096)

rnd = random.Random(int(os.environ.get("SEED", "20261203")))

PIECES = ["<think>", "</think>", "<answer>", "</answer>", "\n", "\n\n", " ", "x", "reasoning", "42",
          "Step 1:", "Step 12:", "Step :", "Step ١:", "1.", "12.", "\n-", "\n*", "- ", "First,", "Second,", "Next,",
          "Finally,", "first,", "Finally", "```python\nprint(1)\n```", "```py", "```", "the cat", "The Cat", "İ", "\u3000", "\u00a0"]

def completion():
    r = rnd.random()
    if r < 0.3:
        return "<think>\n" + "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 4))) + "\n</think>\n<answer>\n" + \
            "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 4))) + rnd.choice(["\n</answer>", "\n</answer>\n", "\n</answer>x", "</answer>", "\n</answer>\nmore"])
    if r < 0.5:
        vocab = rnd.sample(["the", "cat", "sat", "on", "mat", "The", "CAT", "İ", "x\u3000y", "a\x00b", "ß", "SS", "ss"], rnd.randint(1, 5))
        words = rnd.choices(vocab, k=rnd.randint(0, 30))
        return rnd.choice([" ", "  ", "\n", "\t"]).join(words)
    return "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 12)))

def outcome(f):
    try:
        v = f()
        return {"value": v, "negzero": isinstance(v, float) and v == 0 and math.copysign(1, v) < 0}
    except Exception as e:
        return {"error": type(e).__name__ + ": " + str(e)}

def emit(rec):
    sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")

for _ in range(int(os.environ.get("N", "1500"))):
    c = completion()
    cs = [[{"content": c}]]
    for name, f in (("format", g["format_reward"]), ("tag_count", g["tag_count_reward"]),
                    ("reasoning_steps", g["reasoning_steps_reward"]), ("repetition_penalty", repetition),
                    ("code_format", code_format)):
        emit({"reward": name, "completion": c, **outcome(lambda: f(cs)[0])})
for n in [0, 1, 12287, 12288, 12289, 14000, 16383, 16384, 16385, 30000]:
    emit({"reward": "soft_overlong_punishment", "tokens": n, **outcome(lambda: overlong([[0] * n])[0])})
