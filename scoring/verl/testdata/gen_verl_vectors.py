"""Generates verl_vectors.jsonl: inputs scored by verl's own reward functions,
run unchanged: gsm8k.compute_score, math_reward.compute_score,
math_dapo.compute_score, search_r1_like_qa_em.compute_score and
default_compute_score (verl/utils/reward_score/).

Ran at volcengine/verl commit b178a3cd56f58b2d502255daba591e92833930a7 with
Debian's /usr/bin/python3 (3.11); the scorers need only the standard library.

The four files are copied from the repository into a temporary package
verl.utils.reward_score; verl/__init__.py and verl/utils/__init__.py (which
import torch and the trainer) are replaced by empty modules, and
verl.utils.import_utils by a stub holding the one name __init__.py imports,
the `deprecated` decorator.

Usage: [SEED=n] [N=cases] python3 gen_verl_vectors.py /path/to/verl > verl_vectors.jsonl
"""
import json, math, os, random, shutil, sys, tempfile

root = sys.argv[1]
tmp = tempfile.mkdtemp()
pkg = os.path.join(tmp, "verl", "utils", "reward_score")
os.makedirs(pkg)
open(os.path.join(tmp, "verl", "__init__.py"), "w").close()
open(os.path.join(tmp, "verl", "utils", "__init__.py"), "w").close()
with open(os.path.join(tmp, "verl", "utils", "import_utils.py"), "w") as f:
    f.write("def deprecated(*a, **k):\n    return lambda fn: fn\n")
for name in ["__init__.py", "gsm8k.py", "math_reward.py", "math_dapo.py", "search_r1_like_qa_em.py"]:
    shutil.copy(os.path.join(root, "verl", "utils", "reward_score", name), pkg)
sys.path.insert(0, tmp)
import io, contextlib
from verl.utils import reward_score
from verl.utils.reward_score import gsm8k, math_reward, math_dapo, search_r1_like_qa_em

rnd = random.Random(int(os.environ.get("SEED", "20261203")))

NUMS = ["72", "-3", "1,000", "1,000.5", "3.", ".5", "0.5", "10", "007", "-0", "1.2.3", ",", "."]
LATEX = [r"\frac{1}{2}", r"\frac12", r"\dfrac{3}{4}", r"\tfrac34", "0.5", ".5", r"\sqrt{2}", r"\sqrt2", r"2\sqrt3",
         "1/2", "3/x", "x/2", r"10\%", r"10\\%", r"5^\circ", r"5^{\circ}", r"\$5", r"\left( 1, 2 \right)",
         r"x = 5", "k=3", "xyz=4", r"5 \text{ cm}", r"5\text{ cm}\text{ m}", r"\text{(A)}", r"\frac{a}{b}",
         r"\frac", r"\sqrt", r"\frac1", "a\nb", r"\!7", r"\\frac{1}{2}", "{.5}", " .5", "9", "1,234",
         r"\mbox{dollars}", r"\textbf{12}", r"\overline{3}", r"12\ldots", r"$12$", r"\text{and}",
         r"\boxed{7}", "2 and 3", r"3,\!000", "{,}", "\\text{\ns}", "²", "①", "٣", r"\fracab", r"\fracabc",
         r"\sqrtab", "5 square feet", "an apple", "a ", "7 ways", r"\text{m}", r"$1$ and $2$"]

# Pairs the normalisations may or may not identify.
PAIRS = [(r"\frac12", r"\frac{1}{2}"), ("0.5", r"\frac{1}{2}"), (r"\dfrac{3}{4}", "3/4"), (r"\sqrt2", r"\sqrt{2}"),
         ("x = 5", "5"), (r"10\%", "10"), (r"5^\circ", "5"), ("1,000", "1000"), (r"\$5", "5"), (r"\text{5}", "5"),
         (r"\left(1,2\right)", "(1,2)"), ("5 cm", "5"), (r"\textbf{7}", "7"), ("3.", "3"), (".5", "0.5"), ("an 8", "8"),
         (r"\fracab", r"\frac{a}{b}"), ("1/2", r"\frac{1}{2}"), ("x/2", r"\frac{x}{2}"), ("²", "2"), ("1,2", "12")]

def pick(pool, gt):
    r = rnd.random()
    if r < 0.35:
        return gt, gt
    if r < 0.6:
        a, b = rnd.choice(PAIRS)
        return (a, b) if rnd.random() < 0.5 else (b, a)
    return rnd.choice(pool), gt

def rnd_text():
    return "".join(rnd.choice(["Let me think. ", "So ", "the answer ", "x", "\n", "  ", "é", "数", "$", "#"]) for _ in range(rnd.randint(0, 8)))

def gsm8k_case():
    ans, gt = pick(NUMS, rnd.choice(NUMS))
    body = rnd_text() + rnd.choice(["#### " + ans, "####" + ans, "#### " + ans + "\n#### " + rnd.choice(NUMS), "The answer is " + ans, "#### $" + ans, "#### -" + ans])
    if rnd.random() < 0.15:
        body = body + "x" * rnd.choice([250, 290, 299, 300, 301, 400]) if rnd.random() < 0.5 else "é" * rnd.choice([290, 300, 310]) + body
    return body, gt

def boxed(a):
    return rnd.choice([r"\boxed{%s}", r"\boxed %s", r"\boxed %s$ done", r"\fbox{%s}", r"$\boxed{%s}$", r"\boxed{%s", r"\boxed{{%s}}"]) % a

def math_case():
    a, gt = pick(LATEX, rnd.choice(LATEX))
    body = rnd_text() + boxed(a) + rnd.choice(["", ".", " \\boxed{1}", "}"])
    if rnd.random() < 0.1:
        body = rnd_text()
    return body, gt

def dapo_case():
    a, gt = pick(LATEX + NUMS, rnd.choice(LATEX + NUMS))
    line = rnd.choice(["Answer: %s", "answer:%s", "ANSWER :  %s", "Answer\u3000:\u00a0%s", "Answer: %s\nAnswer: 3", "Final Answer: %s",
                       "The answer is %s", "Answer: \n%s", "Answer:%s\n"]) % a
    body = rnd_text() + line
    if rnd.random() < 0.1:
        body = "x" * rnd.choice([280, 300, 320]) + body if rnd.random() < 0.5 else body + "y" * rnd.choice([250, 300])
    return body, gt

def outcome(f):
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            v = f()
        if isinstance(v, dict):
            return {"value": v["score"], "acc": v["acc"], "pred": v["pred"]}
        return {"value": float(v)}
    except Exception as e:
        return {"error": type(e).__name__ + ": " + str(e)}

def emit(rec):
    sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")

SOURCES = ["openai/gsm8k", "lighteval/MATH", "DigitalLearningGmbH/MATH-lighteval", "HuggingFaceH4/MATH-500",
           "math_dapo", "math", "math_dapo_reasoning", "aime2024", "aime", "unknown_source", "gsm8k", "MATH"]
for _ in range(int(os.environ.get("N", "800"))):
    for kind, gen, fn in (("gsm8k", gsm8k_case, gsm8k.compute_score), ("math", math_case, math_reward.compute_score),
                          ("math_dapo", dapo_case, math_dapo.compute_score)):
        sol, gt = gen()
        emit({"kind": kind, "solution_str": sol, "ground_truth": gt, **outcome(lambda: fn(sol, gt))})
    ds = rnd.choice(SOURCES)
    sol, gt = rnd.choice([gsm8k_case, math_case, dapo_case])()
    emit({"kind": "score", "data_source": ds, "solution_str": sol, "ground_truth": gt,
          **outcome(lambda: reward_score.default_compute_score(ds, sol, gt))})
# Ground truths that are not str, as a dump may carry them.
for gt in [7, 7.5, None, True, [1, 2]]:
    for kind, fn, sol in (("gsm8k", gsm8k.compute_score, "#### 7"), ("math", math_reward.compute_score, r"\boxed{7}"),
                          ("math_dapo", math_dapo.compute_score, "Answer: 7")):
        emit({"kind": kind, "solution_str": sol, "ground_truth": gt, **outcome(lambda: fn(sol, gt))})
# search_r1_like_qa_em, with its own generator so the cases above stay as they were.
rs = random.Random(int(os.environ.get("SEED", "20261203")) + 1)
TARGETS = ["Eiffel Tower", "the Eiffel tower", "Paris", "an apple", "A", "the", "Straße", "İstanbul", "1,000", "U.S.A.", "théâtre",
           "rock and roll", "a_b", "The Beatles", "", "  spaced   out  "]
for _ in range(int(os.environ.get("N", "800")) // 2):
    targets = rs.sample(TARGETS, rs.randint(1, 3))
    gt = {"target": targets if rs.random() < 0.8 else targets[0]}
    ans = rs.choice(targets + TARGETS + ["eiffel tower!", "THE PARIS", "an  apple.", "théâtre", "a", "Ann", "anthe"])
    tpl = rs.choice(["<answer>%s</answer>", "<think>x</think><answer> %s </answer>", "<answer>no</answer> <answer>%s</answer>",
                     "%s", "<answer>%s", "<answer>\n%s\n</answer>"])
    sol = tpl % ans
    if rs.random() < 0.1:
        sol = ("<answer>%s</answer>" % ans) * rs.choice([10, 11, 12])
    emit({"kind": "search_r1", "solution_str": sol, "ground_truth": gt, **outcome(lambda: search_r1_like_qa_em.compute_score(sol, gt))})
    ds = rs.choice(["searchR1_nq", "searchR1_hotpotqa", "searchR1_bamboogle"])
    emit({"kind": "score", "data_source": ds, "solution_str": sol, "ground_truth": gt,
          **outcome(lambda: reward_score.default_compute_score(ds, sol, gt))})
shutil.rmtree(tmp)
