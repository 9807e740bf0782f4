"""Writes the rows of TRL's completions files for testdata/formats/trl: what
GRPOTrainer.log() puts in its table (trl/trainer/grpo_trainer.py at huggingface/trl
f2cd57710ae345ea6428ae95363267fcf38a3dc8): step, prompt, completion, one column per
reward function (accuracy_reward, think_format_reward), the extra columns the reward
functions log (accuracy_reward logs "solution"), and advantage, computed as the trainer
does with scale_rewards="group": (r - mean) / (std + 1e-4) over each prompt's
num_generations completions, std with Bessel's correction, in float32 as the trainer's
tensors are (numpy's float32 stands in for torch's).

think_format_reward is TRL's trl/rewards/format_rewards.py run unchanged. accuracy_reward
needs math_verify, which Debian does not package: every completion here ends in
\\boxed{an integer} and every gold is an integer, so its value is 1.0 exactly when the
two integers are equal, which is what this script writes.

Writes JSON Lines (one row per line) for gen_trl/main.go, which writes the Parquet
files with pandas' schema.

Also writes trl/dataset.jsonl, the training set in TRL's standard (not conversational)
format, {"prompt": ..., "solution": ...}, whose prompts TRL logs unchanged: what --join
brings the solution in from.

Usage: /usr/bin/python3 gen_trl.py /path/to/trl/rewards/format_rewards.py > rows.jsonl
"""
import json, os, re, sys

import numpy as np

ns = {}
exec(compile(open(sys.argv[1]).read(), sys.argv[1], "exec"), ns)
think_format_reward = ns["think_format_reward"]

PROMPTS = [
    ("What is 7 * 8?", "56"),
    ("How many legs do three spiders have?", "24"),
    ("What is the sum of the first ten positive integers?", "55"),
]

def completions(gold):
    g = int(gold)
    return [
        f"<think>\nLet me compute it carefully.\n</think>\nThe answer is $\\boxed{{{g}}}$.",
        f"<think>\nQuick estimate.\n</think>\nIt is \\boxed{{{g + 2}}}.",
        f"I think the answer is \\boxed{{{g}}}.",
        f"<think>\nFirst <think> nested\n</think>\n\\boxed{{{g - 1}}}",
    ]

def boxed(text):
    return int(re.findall(r"\\boxed\{(-?\d+)\}", text)[-1])

here = os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(here, "trl"), exist_ok=True)
with open(os.path.join(here, "trl", "dataset.jsonl"), "w") as f:
    for q, gold in PROMPTS:
        f.write(json.dumps({"prompt": q, "solution": gold}) + "\n")

here = os.path.dirname(os.path.abspath(__file__))
os.makedirs(os.path.join(here, "trl"), exist_ok=True)
with open(os.path.join(here, "trl", "dataset.jsonl"), "w") as f:
    for q, gold in PROMPTS:
        f.write(json.dumps({"prompt": q, "solution": gold}) + "\n")

num_generations = 4
for step, prompts in ((1, PROMPTS[:2]), (2, PROMPTS[1:])):
    rows = []
    for q, gold in prompts:
        comps = completions(gold)
        chat = [[{"role": "assistant", "content": c}] for c in comps]
        fmt = think_format_reward(chat)
        acc = [1.0 if boxed(c) == int(gold) else 0.0 for c in comps]
        totals = np.array(acc, dtype=np.float32) + np.array(fmt, dtype=np.float32)
        mean = totals.mean(dtype=np.float32)
        std = totals.std(ddof=1, dtype=np.float32)
        adv = (totals - mean) / (std + np.float32(1e-4))
        for c, a, f, v in zip(comps, acc, fmt, adv.tolist()):
            rows.append({"step": step, "prompt": q, "completion": c, "accuracy_reward": a,
                         "think_format_reward": f, "solution": gold, "advantage": v})
    for r in rows:
        print(json.dumps(r))
