"""Generates trl_vectors.jsonl: inputs scored by TRL's own reward functions:
think_format_reward (on completions), get_repetition_penalty_reward(3, -1.0)
and get_soft_overlong_punishment(16384, 4096) (on completion_ids lists; the
Go rewards get their ids from the tokenizer, which package tokenizer checks).

Ran at huggingface/trl commit f2cd57710ae345ea6428ae95363267fcf38a3dc8 with
Debian's /usr/bin/python3 (3.11): trl/rewards/format_rewards.py and
other_rewards.py are executed as they are (they import only re and
collections.abc), without the trl package around them.

Usage: [SEED=n] [N=cases] python3 gen_trl_vectors.py /path/to/trl > trl_vectors.jsonl
"""
import json, math, os, random, sys

root = sys.argv[1]
def load(name):
    g = {"__name__": name}
    exec(compile(open(os.path.join(root, "trl/rewards", name)).read(), name, "exec"), g)
    return g
fmt = load("format_rewards.py")
other = load("other_rewards.py")
repetition = other["get_repetition_penalty_reward"](3, -1.0)
overlong = other["get_soft_overlong_punishment"](16384, 4096)

rnd = random.Random(int(os.environ.get("SEED", "20261203")))
PIECES = ["<think>", "</think>", "<THINK>", "<think >", "\n", " ", "x", "answer", "<answer>", "</answer>", "é"]

def emit(rec):
    sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")

def value(v):
    return {"value": v, "negzero": isinstance(v, float) and v == 0 and math.copysign(1, v) < 0}

for _ in range(int(os.environ.get("N", "1500"))):
    c = "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 8)))
    if rnd.random() < 0.3:
        c = "<think>" + c
    emit({"reward": "think_format_reward", "completion": c, **value(fmt["think_format_reward"]([[{"content": c}]])[0])})
    vocab = list(range(rnd.randint(1, 6)))
    ids = [rnd.choice(vocab) for _ in range(rnd.randint(0, 25))]
    emit({"reward": "repetition_penalty_reward", "ids": ids, **value(repetition([ids])[0])})
for n in [0, 1, 12287, 12288, 12289, 14000, 16383, 16384, 16385, 30000]:
    emit({"reward": "soft_overlong_punishment_reward", "ids_len": n, **value(overlong([[0] * n])[0])})
