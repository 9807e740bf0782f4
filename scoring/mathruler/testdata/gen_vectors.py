"""Generates vectors.jsonl: MathRuler's grade_answer and extract_boxed_content
and verl's geo3k.compute_score / format_reward / acc_reward, run unchanged.

Sources: hiyouga/MathRuler at 14dadeb0e962ff707aba889c85979155d25245ce
(mathruler/grader.py, mathruler/math_normalize.py; its __init__.py is empty)
and volcengine/verl at b178a3cd56f58b2d502255daba591e92833930a7
(verl/utils/reward_score/geo3k.py), copied into a temporary directory as the
packages `mathruler` and `geo3k`. Neither project pins sympy or pylatexenc.

Ran with Debian's /usr/bin/python3 3.11.2 and python3-pylatexenc 2.10-2, once
with Debian's python3-sympy 1.11.1 and once with sympy 1.13.1 (2e489cf, from
/work/pyref: PYTHONPATH=/work/pyref/site); each line records both results
("grade_1_11" and "grade"; the port follows 1.13.1). sympy's cache is cleared
before every pair so each value is a fresh process's.

Usage: python3 gen_vectors.py MATHRULER_DIR VERL_DIR > vectors.jsonl   (sympy 1.11.1)
       then SECOND=vectors.jsonl PYTHONPATH=/work/pyref/site python3 gen_vectors.py ... > out
       merges: the second run reads the first run's file and adds its column.
"""
import json, os, random, shutil, sys, tempfile

mr_root, verl_root = sys.argv[1], sys.argv[2]
tmp = tempfile.mkdtemp()
os.makedirs(os.path.join(tmp, "mathruler"))
for name in ["__init__.py", "grader.py", "math_normalize.py"]:
    shutil.copy(os.path.join(mr_root, "mathruler", name), os.path.join(tmp, "mathruler", name))
shutil.copy(os.path.join(verl_root, "verl", "utils", "reward_score", "geo3k.py"), os.path.join(tmp, "geo3k.py"))
sys.path.insert(0, tmp)

import sympy
from sympy.core.cache import clear_cache
from mathruler.grader import grade_answer, extract_boxed_content
import geo3k

rnd = random.Random(int(os.environ.get("SEED", "20261203")))

# Ground truths shaped like hiyouga/geometry3k's answers.
GTS = ["3", "12", "60", "120", "45", "90", "36", "110", "32", "7", "0", "-2", "7.5", "14.6", "2.5", "21.5", "0.5",
       "1.5", "12.5", "25.3", "\\frac{40}{3}", "\\frac{7}{2}", "\\frac{1}{3}", "\\frac{16}{3}", "2\\sqrt{221}",
       "4\\sqrt{3}", "\\sqrt{3}", "8\\sqrt{2}", "\\frac{\\sqrt{3}}{2}", "\\frac{5\\sqrt{2}}{2}", "5\\pi",
       "\\frac{25\\pi}{2}", "16\\pi", "12+4\\sqrt{3}", "2\\sqrt{3}+2", "\\sqrt{2}-1", "x^2", "2x+1", "(1,2)",
       "[0,3)", "A", "B", "C", "D", "\\frac{3}{4}", "1000", "1,000", "0.25", "6.93", "\\pi", "\\frac{\\pi}{3}",
       "48\\pi", "9\\sqrt{3}"]

def variants(gt):
    """Answers a model plausibly writes for gt, right or wrong."""
    v = [gt, " " + gt + " ", gt + "^\\circ", gt + "^{\\circ}", gt + "°", gt + " degrees", gt + " cm", gt + "\\text{ cm}",
         gt + " units", "\\text{" + gt + "}", "x=" + gt, "x = " + gt, "y=" + gt, "\\$" + gt, gt + "\\%", "{" + gt + "}",
         "$" + gt + "$", gt + ".0", gt + "0", "-" + gt, "(" + gt + ")", gt.replace("\\frac", "\\dfrac"),
         gt.replace("\\frac", "\\tfrac"), gt.replace("{", "").replace("}", ""), gt + " square units",
         gt + " \\mathrm{cm}", gt.upper(), gt.lower(), gt + "\\,", "\\left(" + gt + "\\right)", gt + "\n", "\\boxed{" + gt + "}"]
    return v

OTHERS = ["3", "3.0", "3.00", "03", "+3", "3.", ".5", "0.50", "1/2", "\\frac12", "\\frac{2}{4}", "\\frac{1}{2}", "2/4",
          "13.33", "13.333333333333334", "13.3", "\\frac{80}{6}", "40/3", "\\dfrac{40}{3}", "13\\frac{1}{3}",
          "13 \\frac{1}{3}", "3\\frac{1}{2}", "3 \\frac{1}{2}", "7/2", "3.5", "3.50", "\\sqrt{884}", "2 \\sqrt{221}",
          "2\\sqrt221", "29.73", "\\sqrt{12}", "2\\sqrt{3}", "\\sqrt{48}", "4 \\sqrt 3", "\\sqrt{3}/2", "\\frac{1}{2}\\sqrt{3}",
          "0.866", "\\frac{\\sqrt{2}}{2}", "\\frac{1}{\\sqrt{2}}", "\\frac{5}{\\sqrt{2}}", "\\sqrt{2}/2", "0.7071",
          "\\frac{1}{1+\\sqrt{2}}", "\\sqrt{2} - 1", "-1+\\sqrt{2}", "5 \\pi", "\\pi \\cdot 5", "5\\pi \\text{ cm}^2",
          "15.71", "15.707963267948966", "\\frac{5}{2}\\pi", "12.5\\pi", "2.5\\sqrt{2}", "\\frac{25}{2}\\pi",
          "\\pi/3", "\\frac{1}{3}\\pi", "60", "60^\\circ", "\\angle 60", "\\frac{\\pi}{3} \\text{ radians}",
          "4\\sqrt{3}+12", "2+2\\sqrt{3}", "2(\\sqrt{3}+1)", "2(1+\\sqrt3)", "x \\cdot x", "x*x", "xx", "1+2x",
          "x + x + 1", "(1, 2)", "(1,2)", "[1, 2]", "(2, 1)", "\\left( 1, 2 \\right)", "[0, 3)", "[0,3]", "(0,3)",
          "1, 2", "1 and 2", "1 or 2", "A", "(A)", "\\text{A}", "a", "B", "\\text{(B)}", "C.", "D", "E", "None", "",
          " ", "\\frac{1}{", "\\sqrt", "\\frac", "{", "}", "{}", "\\", "2^{3}", "2^3", "8", "2^10", "1024", "2**3",
          "1e3", "1000", "1,000", "1000.0", "10^3", "1 000", "3,000", "1,234.5", "\\infty", "-\\infty", "\\emptyset",
          "\\mathbb{R}", "\\angle ABC", "\\triangle", "\\overline{AB}", "\\hat{x}", "\\text{and}", "2 \\times 3",
          "6", "2 \\cdot 3", "12 \\div 2", "\\frac{12}{2}", "0.333", "\\frac{1}{3}", "0.\\overline{3}", "1/3",
          "0.3333333333333333", "16/3", "5.33", "5\\frac{1}{3}", "\\frac{16}{3}", "21.50", "21.5", "43/2", "\\frac{43}{2}",
          "6.928", "4\\sqrt3", "6.93", "7", "7.0", "7\\text{ m}", "7 meters", "7 feet", "7 inches", "7 \\mathrm{m}",
          "7 \\text{units}", "seven", "7 million", "7000000", "-7", "- 7", "−7", "٣", "３", "3²", "9", "x=3", "k = 3",
          "3 = x", "x^2", "x**2", "x^{2}", "x \\times x", "2x+1", "2x + 1", "1+x+x", "x+1+x", "2*x+1", "2 x + 1",
          "\\frac{x}{2}", "x/2", "0.5x", "\\frac{1}{2}x", "y", "xy", "x y", "yx", "\\mu", "\\alpha", "\\pi", "3.14",
          "3.14159", "\\frac{22}{7}", "pi", "\\pi r^2", "48 \\pi", "150.8", "9 \\sqrt{3}", "15.59", "\\sqrt{243}",
          "\\frac{27}{\\sqrt{3}}", "\\sqrt{3} \\cdot 9", "9\\sqrt{3} \\text{ cm}^2", "110^\\circ", "110°", "110 degrees",
          "\\boxed{110}", "110.", "1.1 \\times 10^2", "1.1e2", "100+10", "\\frac{220}{2}", "(110)", "[110]", "{110}",
          "\\left. 110 \\right.", "110 \\text{ (degrees)}", "\\text{ 110}", "\\textbf{110}", "\\mathbf{110}",
          "110\\%", "1.10", "11/0.1", "110/1", "\\frac{110}{1}", "11 \\cdot 10", "1 1 0", "0110", "110 = x",
          "\\sqrt{-4}", "2i", "\\sqrt{0}", "0", "-0", "0.0", "00", "1/0", "\\frac{1}{0}", "0/0", "oo", "zoo", "nan",
          "ln2", "\\ln 2", "\\log 2", "\\sin 30", "\\frac{1}{2}", "0.5", "\\cos 60^\\circ", "sqrt(2)", "sqrt2", "\\sqrt2",
          "\\sqrt[3]{8}", "2", "8^{1/3}", "8**(1/3)", "4**(1/2)", "4^0.5", "(1/2)**2", "\\frac{1}{4}", "0.25", "25\\%",
          "1/4", "\\left(\\frac{1}{2}\\right)^2", "x^2-1", "(x-1)(x+1)", "(x+1)(x-1)", "x^2+2x+1", "(x+1)^2",
          "\\frac{x^2-1}{x-1}", "x+1", "\\frac{1}{x}", "x^{-1}", "1/x", "\\frac{2}{x}+\\frac{1}{x}", "3/x", "\\frac{3}{x}"]

# Second batch: forms of geometry answers a model writes for each ground truth.
EXTRA_GTS = {
    "3\\sqrt{3}": ["\\sqrt{27}", "3 \\cdot \\sqrt{3}", "3\\times\\sqrt{3}", "3*sqrt(3)", "3sqrt3", "\\sqrt{3}\\cdot 3", "(3\\sqrt{3})",
                   "3\\sqrt{3}\\text{ units}", "3\\sqrt{3} cm", "5.196", "5.2", "\\frac{9}{\\sqrt{3}}", "\\frac{3}{\\sqrt{3}}", "3\\sqrt3",
                   "3 \\sqrt {3}", "\\sqrt{3}^3", "3^{3/2}", "3^{1.5}", "\\frac{6\\sqrt{3}}{2}", "\\frac{3\\sqrt{12}}{2}", "3\\sqrt{3}+0"],
    "\\frac{9}{2}": ["4.5", "4.50", "9/2", "\\frac{18}{4}", "4\\frac{1}{2}", "4 \\frac{1}{2}", "x = \\frac{9}{2}", "\\frac{9}{2} = 4.5",
                     "\\dfrac92", "\\frac92", "4.5 \\text{ cm}", "\\approx 4.5", "4.49", "\\frac{4.5}{1}", "\\frac{9}{2.0}", "4 1/2", "9 / 2"],
    "8": ["8.0", "8.00", "\\frac{16}{2}", "16/2", "2^3", "\\sqrt{64}", "8 \\text{ units}", "8 ft", "8 feet", "8 inches", "8cm", "x=8", "08",
          "8.", "7.99", "8.000001", "8.00000001", "\\text{8}", "\\mathbf{8}", "\\textbf{8}", "eight", "\\boxed{8}", "8^\\circ"],
    "17.3": ["17.30", "17.3 \\text{ m}", "\\frac{173}{10}", "173/10", "17.3^\\circ", "10\\sqrt{3}", "17.32", "17", "17.3 units", "x \\approx 17.3"],
    "6\\sqrt{2}": ["\\sqrt{72}", "\\frac{12}{\\sqrt{2}}", "\\frac{12\\sqrt{2}}{2}", "8.49", "8.485", "6 \\sqrt 2", "6\\sqrt2", "2\\sqrt{18}",
                   "3\\sqrt{8}", "\\sqrt{2} \\cdot 6", "6\\sqrt{2} \\approx 8.49"],
    "10\\pi": ["10 \\pi", "31.4", "31.42", "31.41592653589793", "10\\cdot\\pi", "\\pi \\cdot 10", "10 pi", "10\\pi^2", "\\frac{20\\pi}{2}",
               "10\\pi \\text{ cm}^2", "10\\pi\\ \\mathrm{cm}", "10\\times\\pi", "\\pi10", "(10)\\pi", "10(\\pi)", "5 \\cdot 2\\pi"],
    "\\frac{8\\sqrt{3}}{3}": ["\\frac{8}{\\sqrt{3}}", "\\frac{16}{\\sqrt{12}}", "4.62", "\\frac{8}{3}\\sqrt{3}", "8\\sqrt{3}/3", "\\frac{8\\sqrt3}{3}",
                               "\\frac{\\sqrt{192}}{3}", "\\sqrt{\\frac{64}{3}}", "\\frac{24}{3\\sqrt{3}}"],
    "2\\sqrt{10}": ["\\sqrt{40}", "6.32", "2 \\sqrt{10}", "\\sqrt{4}\\sqrt{10}", "\\sqrt{2}\\sqrt{20}", "2\\sqrt{10} \\text{ units}", "\\sqrt{10}\\cdot2"],
    "\\frac{\\sqrt{6}}{3}": ["\\frac{\\sqrt{2}}{\\sqrt{3}}", "\\sqrt{\\frac{2}{3}}", "\\frac{2}{\\sqrt{6}}", "0.816", "\\sqrt{6}/3", "\\frac{1}{3}\\sqrt{6}"],
    "144": ["144.0", "12^2", "144 \\text{ units}^2", "144 square units", "1.44 \\times 10^2", "\\frac{288}{2}", "144^\\circ", "144°", "144 \\mathrm{cm}^2"],
    "0.8": ["\\frac{4}{5}", "4/5", "0.80", ".8", "80\\%", "\\frac{8}{10}", "0.8 \\text{ m}", "\\frac{16}{20}"],
    "\\frac{5}{13}": ["5/13", "0.385", "0.3846", "\\frac{10}{26}", "\\dfrac{5}{13}", "\\frac{5}{13} \\approx 0.38"],
    "12+4\\sqrt{3}": ["4\\sqrt{3}+12", "4(3+\\sqrt{3})", "4(\\sqrt{3}+3)", "12 + 4 \\sqrt 3", "18.93", "\\sqrt{48}+12", "4\\sqrt{3} + 12 \\text{ units}"],
    "x+2": ["2+x", "(x+2)", "x + 2", "\\frac{2x+4}{2}", "\\frac{x^2-4}{x-2}", "x+1+1", "2 + x"],
    "4.5": ["\\frac{9}{2}", "4\\frac12", "4.50", "9/2", "4.5^\\circ"],
    "52": ["52^\\circ", "52^{\\circ}", "52 \\degree", "52\\,^\\circ", "52 degrees", "m\\angle 1 = 52", "\\angle 1 = 52^\\circ", "52.0"],
    "24.5": ["\\frac{49}{2}", "24\\frac{1}{2}", "24.50", "49/2", "24.5 \\text{ in}^2"],
}

def extra_rows():
    """Appended after main()'s rows (its random draws are unchanged)."""
    rows = []
    for gt, forms in EXTRA_GTS.items():
        for g in forms:
            rows.append({"kind": "grade", "given": g, "gt": gt})
            rows.append({"kind": "grade", "given": gt, "gt": g})
        for h in EXTRA_GTS:
            if h != gt:
                rows.append({"kind": "grade", "given": EXTRA_GTS[h][0], "gt": gt})
    return rows

def grade(given, gt):
    clear_cache()
    try:
        return grade_answer(given, gt)
    except Exception as e:  # grade_answer itself raising (not expected)
        return "raise:" + type(e).__name__

def think(x):
    return "<think>" + x + "</think>"

SOLUTION_SHAPES = [
    lambda a: think("Let me compute.") + " The answer is \\boxed{" + a + "}.",
    lambda a: think("a\nb") + "\n\\boxed{" + a + "}",
    lambda a: "The answer is \\boxed{" + a + "}.",
    lambda a: think("x") + " \\boxed{" + a + "} and then \\boxed{0}",
    lambda a: think("x") + " \\boxed{0} then \\boxed{" + a + "}",
    lambda a: think("x") + " \\boxed{\\frac{" + a + "}{1}}",
    lambda a: think("x") + " answer: " + a,
    lambda a: think("x") + " \\boxed{" + a,
    lambda a: "<think>x<think> \\boxed{" + a + "}",
    lambda a: think("x") + "\\boxed{}" + a,
    lambda a: think("x") + "\\boxed{ " + a + " }\n",
    lambda a: " " + think("x") + "\\boxed{" + a + "}",
    lambda a: think("\\boxed{" + a + "}"),
    lambda a: think("x") + "\\boxed{{" + a + "}}",
    lambda a: think("x") + "\\boxed {" + a + "}",
    lambda a: think("x") + "\\fbox{" + a + "}",
    lambda a: a,
    lambda a: "\\boxed{" + a + "}",
]

def main():
    pairs = []
    for gt in GTS:
        for g in variants(gt):
            pairs.append((g, gt))
        for _ in range(12):
            pairs.append((rnd.choice(OTHERS), gt))
    for o in OTHERS:
        pairs.append((o, rnd.choice(GTS)))
        pairs.append((o, o))
    for _ in range(300):
        a, b = rnd.choice(OTHERS), rnd.choice(OTHERS)
        pairs.append((a, b))
    seen, rows = set(), []
    for given, gt in pairs:
        if (given, gt) in seen:
            continue
        seen.add((given, gt))
        rows.append({"kind": "grade", "given": given, "gt": gt})
    for _ in range(700):
        gt = rnd.choice(GTS)
        a = rnd.choice(variants(gt) + OTHERS[:60] + [gt] * 10)
        sol = rnd.choice(SOLUTION_SHAPES)(a)
        rows.append({"kind": "score", "solution": sol, "gt": gt})
    return rows

def run(rows, col):
    for r in rows:
        if r["kind"] == "grade":
            r[col] = grade(r["given"], r["gt"])
        else:
            clear_cache()
            r["extract"] = extract_boxed_content(r["solution"])
            r["format" if col == "grade" else "format_1_11"] = geo3k.format_reward(r["solution"])
            r["acc" if col == "grade" else "acc_1_11"] = geo3k.acc_reward(r["solution"], r["gt"])
            clear_cache()
            r["score" if col == "grade" else "score_1_11"] = geo3k.compute_score(r["solution"], r["gt"])

first = os.environ.get("SECOND")
if first:
    rows = [json.loads(l) for l in open(first)]
    run(rows, "grade")
    rows[0]["sympy"] = sympy.__version__
else:
    rows = main() + extra_rows()
    run(rows, "grade_1_11")
    rows[0]["sympy_1_11"] = sympy.__version__
for r in rows:
    print(json.dumps(r, ensure_ascii=False))
