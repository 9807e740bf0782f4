"""Writes vlm-r1/debug_log.txt and its siblings debug_log_format.txt and
debug_log.txt_repetition.txt the way VLM-R1's reward functions write them with
DEBUG_MODE=true and LOG_PATH=debug_log.txt: accuracy_reward, format_reward and
repetition_rewards of src/open-r1-multimodal/src/open_r1/grpo_jsonl.py at
om-ai-lab/VLM-R1 90052f478646e38bc67363862f699b7afca6b337, compiled unchanged from the
source with ast and called with a batch as the trainer calls them
(completions as chat lists, solution, accu_reward_method, image_path, problem).

Only two names of the module are stubbed, since Debian packages neither:
math_verify's parse raises (so default_accuracy_reward goes straight to its
string and numeric matching) and Levenshtein's ratio raises. The cases are
chosen so that neither matters: numeric and multiple-choice answers, whose
reward math_verify and the fallback agree on, and mcq, yes_no and all_match
methods. datetime.now() is replaced by a fixed clock so the file is
reproducible; its format string is the trainer's.

Usage: python3 gen_vlmr1_log.py /path/to/grpo_jsonl.py
"""
import ast, datetime as _dt, json, os, re, sys

src = sys.argv[1]
names = {"extract_choice", "mcq_reward", "yes_no_reward", "numeric_reward", "clean_text",
         "all_match_reward", "default_accuracy_reward", "accuracy_reward", "format_reward",
         "repetition_reward", "repetition_rewards"}
tree = ast.parse(open(src).read())
fns = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in names]
assert {f.name for f in fns} == names, names - {f.name for f in fns}

class StubFailed(Exception):
    pass

def parse(*a, **k):
    raise StubFailed("math_verify is not packaged")

def verify(*a, **k):
    raise StubFailed("math_verify is not packaged")

def ratio(*a, **k):
    raise StubFailed("Levenshtein is not packaged")

def repair_json(*a, **k):
    raise StubFailed("json_repair is not packaged")

class _Clock:
    t = _dt.datetime(2026, 6, 3, 14, 5, 9, 123456)
    @classmethod
    def now(cls):
        cls.t += _dt.timedelta(microseconds=1037)
        return cls.t

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vlm-r1")
os.makedirs(out, exist_ok=True)
log = os.path.join(out, "debug_log.txt")
for p in (log, log.replace(".txt", "_format.txt"), log + "_repetition.txt"):
    if os.path.exists(p):
        os.remove(p)
os.environ["DEBUG_MODE"] = "true"
os.environ["LOG_PATH"] = log
ns = {"os": os, "re": re, "json": json, "datetime": _Clock, "parse": parse, "verify": verify,
      "ratio": ratio, "repair_json": repair_json}
exec(compile(ast.Module(body=fns, type_ignores=[]), src, "exec"), ns)

def chat(texts):
    return [[{"role": "assistant", "content": t}] for t in texts]

def wrap(s):
    # The trainer's solution: <answer> tags removed, stripped, wrapped again.
    return "<answer> " + s.replace("<answer>", "").replace("</answer>", "").strip() + " </answer>"

batches = [
    {   # Counting, default method (None in the dataset), two samples of one prompt
        # and one of another: image_path and problem are logged from sample [0].
        "completions": [
            "<think>There are three apples\non the table.</think>\n<answer>3</answer>",
            "<think>I count four.</think><answer>4</answer>",
            "<think>Two birds.</think>\n\n<answer>2</answer>",
        ],
        "solution": ["3", "3", "2"],
        "accu_reward_method": [None, None, None],
        "image_path": [["/data/coco/000000139.jpg"], ["/data/coco/000000139.jpg"], ["/data/coco/000000285.jpg"]],
        "problem": ["How many apples are there?", "How many apples are there?", "How many birds are there?"],
    },
    {   # Multiple choice, yes/no and exact match.
        "completions": [
            "<think>The sign is red and octagonal,\nso it is a stop sign.</think><answer>(B) stop sign</answer>",
            "<think>Looks like a yield sign.</think><answer>A</answer>",
            "<think>The cat is on the mat.</think><answer>Yes, it is.</answer>",
            "no tags at all: No",
            "<think>Reading the label.</think><answer>Whole Milk.</answer>",
            "Solution: is not the last line\n<answer>whole milk</answer>",
        ],
        "solution": ["B", "B", "yes", "yes", "whole milk", "whole milk"],
        "accu_reward_method": ["mcq", "mcq", "yes_no", "yes_no", "all_match", "all_match"],
        "image_path": [["/data/signs/17.png"]] * 2 + [["/data/pets/3.png"]] * 2 + [["/data/shop/9.png"]] * 2,
        "problem": ["Which sign is this? (A) yield (B) stop sign"] * 2 + ["Is the cat on the mat?"] * 2 + ["What does the label say?"] * 2,
    },
]
for b in batches:
    comps = chat(b["completions"])
    sols = [wrap(s) for s in b["solution"]]
    kw = {k: b[k] for k in ("accu_reward_method", "image_path", "problem")}
    ns["accuracy_reward"](comps, sols, **kw)
    ns["format_reward"](comps, **kw)
    ns["repetition_rewards"](comps, sols, **kw)
