"""Generate math-answer vectors for set algebra, relations against intervals and
combinatorial closed forms, by running math_verify 0.8.0 and VLM-R1's accuracy methods
unchanged.

Run with the reference stack on sys.path (see README.md in this directory):

    PYTHONPATH=/work/pyref/shim:/work/pyref/site python3 gen_vectors.py VLM_R1_OPEN_R1_DIR [START:END] > vectors.jsonl

where VLM_R1_OPEN_R1_DIR is src/open-r1-multimodal/src/open_r1 of om-ai-lab/VLM-R1 at commit
90052f478646e38bc67363862f699b7afca6b337. Pinned sources:
  math-verify            huggingface/Math-Verify 5d148cfaaf99214c2e4ffb4bc497ab042c592a7a (0.8.0)
  latex2sympy2_extended  huggingface/latex2sympy2_extended 08735067b667bb8fb5beb9ef1cbc77d06bae3660
                         (1.10.2; parser generated from PS.g4 with its antlr-4.9.3-complete.jar)
  sympy                  sympy/sympy 2e489cf4b1438ae134ba98a44a80cc9add1306b0 (1.13.1)
  mpmath 1.2.1, antlr4 Python runtime 4.9.1, Python 3.11.2 (Debian bookworm packages)

Each pair is computed from an empty sympy cache (see main). The pairs are built deterministically from the tables below (no randomness); every pair is
written with what the original code returns, whatever a human would say.
"""
import ast
import datetime
import importlib.util
import json
import os
import re
import sys

from math_verify import parse, verify
from Levenshtein import ratio
from sympy.core.cache import clear_cache

REWARDS = ["extract_choice", "numeric_reward", "math_reward", "clean_text", "all_match_reward",
           "default_accuracy_reward", "accuracy_reward", "mcq_reward", "yes_no_reward"]


def load_vlmr1(root):
    """The reward functions of grpo_jsonl.py, taken out by name (the module imports the whole
    trainer) and run unmodified with the names they use."""
    spec = importlib.util.spec_from_file_location("vlmr1_math", os.path.join(root, "utils/math.py"))
    vmath = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vmath)
    path = os.path.join(root, "grpo_jsonl.py")
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    ns = {"re": re, "os": os, "datetime": datetime.datetime, "parse": parse, "verify": verify,
          "ratio": ratio, "compute_score": vmath.compute_score}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in REWARDS:
            exec(compile(ast.Module(body=[node], type_ignores=[]), path, "exec"), ns)
    missing = [n for n in REWARDS if n not in ns]
    if missing:
        sys.exit(f"{path}: not found: {missing}")
    return ns


# Each class: a list of (gold, [preds]) in LaTeX without delimiters; wrappers are applied below.
SETS = [
    (r"\mathbb{R}", [r"\mathbb{R}", r"(-\infty, \infty)", r"(-\infty,+\infty)", r"\mathbb{Z}", r"\mathbb{C}",
                     r"[0, \infty)", r"\mathbb{R} \setminus \{0\}", r"\mathbb R", r"\R", r"\text{all real numbers}",
                     r"(-\infty, 0) \cup [0, \infty)", r"(-\infty, 0] \cup [0, \infty)", r"\emptyset"]),
    (r"\mathbb{R} \setminus \{0\}", [r"(-\infty, 0) \cup (0, \infty)", r"(-\infty, 0] \cup (0, \infty)",
                                     r"\mathbb{R}\setminus\{0\}", r"\mathbb{R} - \{0\}", r"\mathbb{R}\backslash\{0\}",
                                     r"\{x \mid x \neq 0\}", r"x \neq 0", r"(-\infty,0)\cup(0,+\infty)",
                                     r"\mathbb{R}", r"(0, \infty)", r"\mathbb{R} \setminus \{1\}"]),
    (r"\mathbb{R} \setminus \{2\}", [r"(-\infty, 2) \cup (2, \infty)", r"(-\infty,2)\cup(2,+\infty)",
                                     r"(-\infty, 2] \cup [2, \infty)", r"\mathbb{R} \setminus \{-2\}",
                                     r"(2, \infty) \cup (-\infty, 2)", r"x \ne 2", r"\mathbb{R}\setminus \{2\}"]),
    (r"\mathbb{R} \setminus \{-1, 1\}", [r"(-\infty, -1) \cup (-1, 1) \cup (1, \infty)",
                                         r"(-\infty,-1)\cup(1,\infty)", r"\mathbb{R} \setminus \{1, -1\}",
                                         r"\mathbb{R}\setminus[-1,1]", r"(-\infty, -1) \cup (1, \infty) \cup (-1, 1)"]),
    (r"\mathbb{R} \setminus (1, 3)", [r"(-\infty, 1] \cup [3, \infty)", r"(-\infty, 1) \cup (3, \infty)",
                                      r"\mathbb{R} \setminus [1, 3]", r"(-\infty,1]\cup[3,+\infty)",
                                      r"[3, \infty) \cup (-\infty, 1]", r"x \le 1 \text{ or } x \ge 3"]),
    (r"\mathbb{R} \setminus [1, 3]", [r"(-\infty, 1) \cup (3, \infty)", r"(-\infty, 1] \cup [3, \infty)",
                                      r"\mathbb{R} \setminus (1, 3)"]),
    (r"(-\infty, 1] \cup [3, \infty)", [r"\mathbb{R} \setminus (1, 3)", r"\mathbb{R} \setminus [1, 3]",
                                        r"[3, \infty) \cup (-\infty, 1]", r"(-\infty, 1) \cup (3, \infty)",
                                        r"x \le 1 \text{ or } x \ge 3", r"x \leq 1 \cup x \geq 3",
                                        r"(-\infty, 1] \cup [3, +\infty)"]),
    (r"(-\infty, -2) \cup (2, \infty)", [r"\mathbb{R} \setminus [-2, 2]", r"\mathbb{R} \setminus (-2, 2)",
                                         r"(2, \infty) \cup (-\infty, -2)", r"|x| > 2", r"x < -2 \text{ or } x > 2",
                                         r"(-\infty,-2)\cup(2,+\infty)"]),
    (r"(-\infty, 0) \cup (0, \infty)", [r"\mathbb{R} \setminus \{0\}", r"\mathbb{R}", r"(-\infty, \infty)",
                                        r"\mathbb{R}^*", r"(0, \infty) \cup (-\infty, 0)"]),
    (r"(-\infty, \infty)", [r"\mathbb{R}", r"(-\infty, +\infty)", r"(-\infty, 0) \cup [0, \infty)",
                            r"[-\infty, \infty]", r"\mathbb{R} \setminus \{0\}"]),
    (r"[0, \infty)", [r"\mathbb{R}^+ \cup \{0\}", r"[0, +\infty)", r"(0, \infty)", r"\{x \mid x \geq 0\}",
                      r"x \geq 0", r"\mathbb{R}_{\geq 0}", r"[0, \infty) \cap \mathbb{R}", r"\mathbb{R} \setminus (-\infty, 0)"]),
    (r"(0, \infty)", [r"\mathbb{R}^+", r"\mathbb{R}_{>0}", r"(0, +\infty)", r"x > 0", r"[0, \infty)",
                      r"\mathbb{R} \setminus (-\infty, 0]"]),
    (r"[1, 2] \cup [3, 4]", [r"[3, 4] \cup [1, 2]", r"[1, 4] \setminus (2, 3)", r"[1, 2) \cup [3, 4]",
                             r"[1,2]\cup[3,4]", r"\{[1, 2], [3, 4]\}"]),
    (r"[1, 4] \setminus (2, 3)", [r"[1, 2] \cup [3, 4]", r"[1, 2) \cup (3, 4]", r"[1, 4]"]),
    (r"(1, 5) \cap (3, 7)", [r"(3, 5)", r"[3, 5]", r"(1, 7)", r"(3,5)"]),
    (r"(1, 5) \cup (3, 7)", [r"(1, 7)", r"(3, 5)", r"(1, 3) \cup (3, 7)"]),
    (r"\{1, 2, 3\} \cup \{3, 4\}", [r"\{1, 2, 3, 4\}", r"\{1, 2, 3\}", r"\{4, 3, 2, 1\}", r"1, 2, 3, 4"]),
    (r"\{1, 2, 3\} \cap \{2, 3, 4\}", [r"\{2, 3\}", r"\{3, 2\}", r"\{1, 2, 3, 4\}", r"2, 3"]),
    (r"\{1, 2, 3, 4\} \setminus \{2, 4\}", [r"\{1, 3\}", r"\{3, 1\}", r"\{2, 4\}", r"1, 3"]),
    (r"\{0\}", [r"0", r"\{0\}", r"\{ 0 \}", r"[0, 0]", r"\emptyset"]),
    (r"\emptyset", [r"\varnothing", r"\{\}", r"\emptyset", r"\{ \}", r"\text{no solution}", r"\{0\}", r"\O"]),
    (r"\varnothing", [r"\emptyset", r"\varnothing", r"\{\}"]),
    (r"\mathbb{Z}", [r"\mathbb{Z}", r"\mathbb{N}", r"\mathbb{R}", r"\text{all integers}"]),
    (r"\mathbb{N}", [r"\mathbb{N}", r"\mathbb{Z}^+", r"\{1, 2, 3, \ldots\}", r"\mathbb{Z}"]),
    (r"\mathbb{Q}", [r"\mathbb{Q}", r"\mathbb{R}", r"\mathbb{Q} \setminus \{0\}"]),
    (r"\mathbb{C}", [r"\mathbb{C}", r"\mathbb{R}"]),
    (r"\mathbb{Z} \setminus \{0\}", [r"\mathbb{Z}\setminus\{0\}", r"\mathbb{Z}", r"\mathbb{Z}^*"]),
    (r"A^c", [r"A^c", r"A^{c}", r"\overline{A}", r"A'", r"\complement A", r"U \setminus A", r"B^c"]),
    (r"A \cup B", [r"B \cup A", r"A \cap B", r"A \cup B", r"A + B"]),
    (r"A \cap B", [r"B \cap A", r"A \cup B"]),
    (r"\complement_{\mathbb{R}} A", [r"\complement_{\mathbb{R}} A", r"\mathbb{R} \setminus A", r"A^c"]),
    (r"\{x \mid x > 1\}", [r"(1, \infty)", r"x > 1", r"\{x | x > 1\}", r"[1, \infty)", r"\{x \mid 1 < x\}"]),
    (r"\{x \mid -1 < x < 2\}", [r"(-1, 2)", r"-1 < x < 2", r"[-1, 2]", r"\{x \mid x < 2\}"]),
    (r"(-1, 2)", [r"\{x \mid -1 < x < 2\}", r"\{x : -1 < x < 2\}", r"(-1,2)", r"-1<x<2", r"x \in (-1, 2)"]),
    (r"[-3, 5)", [r"[-3,5)", r"-3 \le x < 5", r"x \in [-3, 5)", r"(-3, 5]", r"\{x \mid -3 \leq x < 5\}"]),
]

RELATIONS = [
    (r"x \geq 8", [r"(-\infty, 8]", r"[8, \infty)", r"[8, +\infty)", r"(8, \infty)", r"x \ge 8", r"8 \le x",
                   r"x \geq 8", r"x > 8", r"x \in [8, \infty)", r"\{x \mid x \geq 8\}"]),
    (r"(-\infty, 8]", [r"x \geq 8", r"x \leq 8", r"x \le 8", r"8 \geq x", r"x < 8", r"x \in (-\infty, 8]"]),
    (r"[8, \infty)", [r"x \geq 8", r"x \ge 8", r"8 \leq x", r"x > 8", r"x \leq 8", r"a \geq 8"]),
    (r"x \le 3", [r"(-\infty, 3]", r"(-\infty, 3)", r"[3, \infty)", r"3 \ge x", r"x \leq 3", r"x < 3", r"y \le 3"]),
    (r"x < 3", [r"(-\infty, 3)", r"(-\infty, 3]", r"(3, \infty)", r"3 > x", r"x \lt 3"]),
    (r"x > -2", [r"(-2, \infty)", r"[-2, \infty)", r"(-\infty, -2)", r"-2 < x", r"x>-2"]),
    (r"(-2, \infty)", [r"x > -2", r"x \geq -2", r"-2 < x", r"x < -2"]),
    (r"-1 < x < 3", [r"(-1, 3)", r"[-1, 3]", r"(-1, 3]", r"x > -1", r"3 > x > -1", r"-1<x<3"]),
    (r"(-1, 3)", [r"-1 < x < 3", r"-1 \le x \le 3", r"3 > x > -1", r"x \in (-1, 3)"]),
    (r"-1 \le x \le 3", [r"[-1, 3]", r"(-1, 3)", r"[-1, 3)", r"-1 \leq x \leq 3"]),
    (r"[-1, 3]", [r"-1 \le x \le 3", r"-1 \leq x \leq 3", r"-1 < x < 3", r"3 \ge x \ge -1"]),
    (r"2 < x \le 5", [r"(2, 5]", r"[2, 5)", r"(2, 5)", r"5 \ge x > 2"]),
    (r"(2, 5]", [r"2 < x \le 5", r"2 < x \leq 5", r"2 \le x < 5"]),
    (r"x < 1 \text{ or } x > 3", [r"(-\infty, 1) \cup (3, \infty)", r"(-\infty, 1] \cup [3, \infty)", r"x < 1, x > 3",
                                  r"x > 3 \text{ or } x < 1", r"\mathbb{R} \setminus [1, 3]"]),
    (r"(-\infty, 1) \cup (3, \infty)", [r"x < 1 \text{ or } x > 3", r"x < 1 \cup x > 3", r"x<1 \lor x>3", r"x < 1, x > 3"]),
    (r"x \neq 2", [r"\mathbb{R} \setminus \{2\}", r"(-\infty, 2) \cup (2, \infty)", r"x \ne 2", r"x = 2"]),
    (r"x \geq 0", [r"[0, \infty)", r"x \ge 0", r"0 \le x", r"(0, \infty)"]),
    (r"t \geq 8", [r"[8, \infty)", r"(-\infty, 8]", r"t \ge 8", r"x \ge 8"]),
    (r"n \geq 5", [r"[5, \infty)", r"n \ge 5", r"n > 4"]),
    (r"a > \frac{1}{2}", [r"(\frac{1}{2}, \infty)", r"(0.5, \infty)", r"a > 0.5", r"(\frac12, +\infty)"]),
    (r"(\frac{1}{2}, \infty)", [r"a > \frac{1}{2}", r"x > 0.5", r"x \geq \frac{1}{2}"]),
    (r"x \le -\sqrt{2}", [r"(-\infty, -\sqrt{2}]", r"(-\infty, -1.414214]", r"x \le -1.41"]),
    (r"x = 8", [r"8", r"x \geq 8", r"[8, 8]", r"\{8\}"]),
    (r"8", [r"x \geq 8", r"x = 8", r"[8, \infty)"]),
]

BINOMIAL = [
    (r"\frac{n(n+1)}{2}", [r"\binom{n+1}{2}", r"\dbinom{n+1}{2}", r"\tbinom{n+1}{2}", r"{n+1 \choose 2}",
                           r"\binom{n}{2}", r"\frac{n^2+n}{2}", r"\frac{(n+1)n}{2}", r"\binom{n+1}{n-1}",
                           r"C(n+1, 2)", r"\frac{(n+1)!}{2!(n-1)!}", r"\sum_{k=1}^{n} k", r"\frac{n(n-1)}{2}"]),
    (r"\binom{n+1}{2}", [r"\frac{n(n+1)}{2}", r"\frac{n^2+n}{2}", r"\frac{n(n-1)}{2}", r"\binom{n+1}{n-1}",
                         r"\binom{n}{2} + n", r"\binom{n}{2} + \binom{n}{1}", r"\frac{(n+1)!}{2(n-1)!}"]),
    (r"\binom{n}{2}", [r"\frac{n(n-1)}{2}", r"\frac{n^2-n}{2}", r"\frac{n!}{2!(n-2)!}", r"\frac{n(n+1)}{2}",
                       r"\binom{n}{n-2}", r"{n \choose 2}"]),
    (r"\frac{n(n-1)}{2}", [r"\binom{n}{2}", r"\dbinom{n}{2}", r"{n \choose 2}", r"\binom{n-1}{2}"]),
    (r"\binom{2n}{n}", [r"\frac{(2n)!}{(n!)^2}", r"\frac{(2n)!}{n!n!}", r"\frac{(2n)!}{n!^2}", r"\binom{2n}{n-1}",
                        r"\frac{2n!}{n!^2}", r"{2n \choose n}"]),
    (r"\frac{(2n)!}{(n!)^2}", [r"\binom{2n}{n}", r"\dbinom{2n}{n}"]),
    (r"\binom{n}{k}", [r"\binom{n}{n-k}", r"\frac{n!}{k!(n-k)!}", r"\binom{n}{k-1}", r"{n \choose k}", r"C_n^k"]),
    (r"\frac{n!}{k!(n-k)!}", [r"\binom{n}{k}", r"\binom{n}{n-k}", r"\frac{n!}{(n-k)!}"]),
    (r"\binom{n+1}{k}", [r"\binom{n}{k} + \binom{n}{k-1}", r"\binom{n}{k} + \binom{n}{k+1}"]),
    (r"2^n", [r"\sum_{k=0}^{n} \binom{n}{k}", r"2^{n}", r"\binom{n}{0} + \binom{n}{1}"]),
    (r"\frac{n(n+1)(2n+1)}{6}", [r"\sum_{k=1}^{n} k^2", r"\frac{2n^3+3n^2+n}{6}", r"\binom{n+1}{2}\frac{2n+1}{3}",
                                 r"\frac{n(n+1)(2n-1)}{6}"]),
    (r"\frac{n^2(n+1)^2}{4}", [r"\binom{n+1}{2}^2", r"\left(\frac{n(n+1)}{2}\right)^2", r"\sum_{k=1}^{n} k^3"]),
    (r"\binom{n+2}{3}", [r"\frac{n(n+1)(n+2)}{6}", r"\frac{(n+2)(n+1)n}{6}", r"\frac{n(n+1)(n-1)}{6}"]),
    (r"120", [r"\binom{10}{3}", r"\binom{10}{7}", r"C(10,3)", r"\frac{10!}{3!7!}", r"5!", r"\binom{10}{4}",
              r"{10 \choose 3}", r"\dbinom{10}{3}", r"10 \choose 3"]),
    (r"\binom{10}{3}", [r"120", r"\binom{10}{7}", r"\frac{10 \cdot 9 \cdot 8}{6}", r"210"]),
    (r"10", [r"\binom{5}{2}", r"\binom{5}{3}", r"\binom{5}{1}", r"C_5^2"]),
    (r"252", [r"\binom{10}{5}", r"\frac{10!}{5!5!}", r"\frac{10!}{(5!)^2}"]),
    (r"\frac{1}{n+1}\binom{2n}{n}", [r"\frac{(2n)!}{(n+1)!n!}", r"\binom{2n}{n} - \binom{2n}{n+1}",
                                     r"\frac{1}{n}\binom{2n}{n}"]),
    (r"n!", [r"n \cdot (n-1)!", r"\Gamma(n+1)", r"n!", r"(n-1)!"]),
    (r"\frac{n(n-3)}{2}", [r"\binom{n}{2} - n", r"\frac{n^2-3n}{2}"]),
    (r"\binom{8}{2}", [r"28", r"\frac{8 \cdot 7}{2}", r"56"]),
    (r"\binom{52}{5}", [r"2598960", r"2,598,960", r"\frac{52!}{5!47!}"]),
]

# Bare powers (issue 14 item 9): math_verify's plain-expression extractor reads only the base of a
# bare power, so these (gold, pred) pairs are taken as written, without the wrappers below. The
# towers stay bare: inside LaTeX sympy would evaluate them.
POWERS = [("2", p) for p in (r"2^{2^{2^{20}}}", r"2^{5}", r"2^{100000}", r"2^5", r"2^{10}", r"3^{2}", r"2^{-1}",
                             r"$2^{5}$", r"\boxed{2^{5}}", r"$2^{1}$", r"2^{1}", r"2**5", r"2^{2^{5}}")] + [
    ("32", r"2^{5}"), ("32", r"$2^{5}$"), ("1024", r"2^{10}"), ("9", r"3^{2}"), ("3", r"3^{2}"),
    (r"2^{5}", "2"), (r"2^{5}", "32"), (r"$2^{5}$", "32"), (r"2^{5}", r"2^{5}"), (r"2^{5}", r"2^{6}")]

WRAPPERS = {
    "dollar": "${}$",
    "boxed": r"\boxed{{{}}}",
    "dollar_boxed": r"$\boxed{{{}}}$",
    "bare": "{}",
    "paren": r"\({}\)",
    "sentence": "The answer is ${}$.",
}
# (pred wrapper, gold wrapper): the forms datasets and models use most.
PAIRINGS = [("dollar", "dollar"), ("boxed", "dollar"), ("dollar_boxed", "bare"), ("bare", "bare"),
            ("paren", "dollar"), ("sentence", "bare"), ("boxed", "boxed")]


def wrap(kind, s):
    return WRAPPERS[kind].format(s)


def pairs():
    seen = set()
    for cls, table in (("set", SETS), ("relation", RELATIONS), ("binomial", BINOMIAL)):
        for gold, preds in table:
            for pred in [gold] + preds:
                for pw, gw in PAIRINGS:
                    p, g = wrap(pw, pred), wrap(gw, gold)
                    if (g, p) in seen:
                        continue
                    seen.add((g, p))
                    yield {"gold": g, "pred": p, "source": "gen/" + cls, "form": f"pred:{pw}|gold:{gw}"}
                    # and the reverse roles, which math_verify does not treat symmetrically
                    if (p, g) not in seen and pred != gold:
                        seen.add((p, g))
                        yield {"gold": p, "pred": g, "source": "gen/" + cls, "form": f"pred:{gw}|gold:{pw}|swapped"}
    for gold, pred in POWERS:
        yield {"gold": gold, "pred": pred, "source": "gen/bare_power", "form": "as_written"}


def main():
    ns = load_vlmr1(sys.argv[1])

    def reward(method, pred, gold):
        completion = "<think>..</think><answer>" + pred + "</answer>"
        solution = "<answer> " + gold + " </answer>"
        return ns["accuracy_reward"]([[{"role": "assistant", "content": completion}]], [solution],
                                     accu_reward_method=[method])[0]

    def guard(fn):
        try:
            return fn()
        except Exception as e:  # recorded, as a port must reproduce the raise
            return {"error": f"{type(e).__name__}: {e}"}

    # Optional START:END selects a slice of the pairs (each is independent of the others, so
    # slices run in separate processes concatenate to the same file).
    lo, hi = 0, None
    if len(sys.argv) > 2:
        a, b = sys.argv[2].split(":")
        lo, hi = int(a or 0), (int(b) if b else None)
    for i, d in enumerate(pairs()):
        if i < lo or (hi is not None and i >= hi):
            continue
        # sympy's cache carries assumptions and results from one pair to the next, and a few
        # relation comparisons come out differently after some earlier pairs; each pair starts
        # from an empty cache, so every line is what a fresh process computes.
        clear_cache()
        g, p = d["gold"], d["pred"]
        row = {"gold": g, "pred": p,
               "verify": guard(lambda: bool(verify(parse(p), parse(g)))),
               "math": guard(lambda: reward("math", p, g)),
               "default": guard(lambda: reward("default", p, g)),
               "verify_gold_first": guard(lambda: bool(verify(parse(g), parse(p)))),
               "source": d["source"], "form": d["form"],
               "parsed": guard(lambda: {"gold": [str(x) for x in parse(g)], "pred": [str(x) for x in parse(p)]})}
        print(json.dumps(row, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
