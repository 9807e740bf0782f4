"""Writes verl/rollout/{step}.jsonl the way verl's RayPPOTrainer._dump_generations
(verl/trainer/ppo/ray_trainer.py at volcengine/verl b178a3cd56f58b2d502255daba591e92833930a7)
writes trainer.rollout_data_dir: one file per global step, one json.dumps(entry,
ensure_ascii=False) per line joined by "\\n" with a final "\\n", keys input, output, gts,
score, step (gsm8k's scorer adds no reward extra-info keys).

input is the prompt as the trainer decodes it (skip_special_tokens=True over Qwen2.5's
chat template), score is verl.utils.reward_score.gsm8k.compute_score run unchanged from
that commit (the trainer dumps token_level_scores.sum(-1).tolist(), so a float). Rows are
shuffled within a step as balance_batch reorders them, one prompt recurs in a later step,
and the last prompt of step 2 is the first of step 10, so groups must be (step, input).

Usage: python3 gen_verl.py /path/to/verl   (a checkout at the commit above)
"""
import json, os, random, sys

ns = {}
src = os.path.join(sys.argv[1], "verl/utils/reward_score/gsm8k.py")
exec(compile(open(src).read(), src, "exec"), ns)
compute_score = ns["compute_score"]

INSTRUCTION = 'Let\'s think step by step and output the final answer after "####".'

def prompt(q):
    return f"system\nYou are a helpful assistant.\nuser\n{q} {INSTRUCTION}\nassistant\n"

QUESTIONS = {
    "eggs": ("Janet's ducks lay 16 eggs per day. She eats three for breakfast and bakes muffins with four. She sells the rest at $2 each. How much does she make every day?", "18"),
    "robe": ("A robe takes 2 bolts of blue fiber and half that much white fiber. How many bolts in total does it take?", "3"),
    "house": ("Josh buys a house for $80,000 and puts in $50,000 in repairs. This increased the value of the house by 150%. How much profit did he make?", "70000"),
    "sprint": ("James runs 3 sprints 3 times a week, 60 meters each sprint. How many total meters does he run a week?", "540"),
    "wendi": ("Wendi feeds each of her 20 chickens three cups of feed a day in three meals. She gives 15 cups in the morning and 25 in the afternoon. How many cups does she give in the final meal?", "20"),
}

# Four responses per prompt: right, wrong, right with a thousands comma, no
# "####"; step 10's robe group has no "####" at all (every score ties).
def responses(key, gt, step):
    wrong = str(int(gt) + 1)
    if step == 10 and key == "robe":
        return [f"It takes {gt} bolts.", f"Maybe {wrong} bolts.", "I cannot tell.", f"{gt}"]
    with_comma = f"{int(gt):,}"
    return [
        f"Let me work it out.\nThe answer is computed step by step.\n#### {gt}",
        f"I think it is {wrong}.\n#### {wrong}",
        f"Adding it all up gives {with_comma} in total.\n#### {with_comma}",
        f"The result is {gt}, I am fairly sure.",
    ]

STEPS = {1: ["eggs", "robe", "house"], 2: ["sprint", "eggs", "wendi"], 10: ["wendi", "robe", "house"]}

rng = random.Random(20260603)
out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "verl", "rollout")
os.makedirs(out_dir, exist_ok=True)
for step, keys in STEPS.items():
    rows = []
    for k in keys:
        q, gt = QUESTIONS[k]
        for r in responses(k, gt, step):
            rows.append((prompt(q), r, gt, float(compute_score(r, gt))))
    if step != 2:
        rng.shuffle(rows)  # balance_batch's reordering
    else:
        # Step 2 keeps the wendi group last, so that it meets step 10's
        # first rows at the file boundary.
        head, tail = rows[:8], rows[8:]
        rng.shuffle(head)
        rows = head + tail
    if step == 10:
        wendi = [r for r in rows if "Wendi" in r[0]]
        rows = wendi[:2] + [r for r in rows if r not in wendi[:2]]
    base_data = {
        "input": [r[0] for r in rows],
        "output": [r[1] for r in rows],
        "gts": [r[2] for r in rows],
        "score": [r[3] for r in rows],
        "step": [step] * len(rows),
    }
    lines = []
    for i in range(len(rows)):
        entry = {k: v[i] for k, v in base_data.items()}
        lines.append(json.dumps(entry, ensure_ascii=False))
    with open(os.path.join(out_dir, f"{step}.jsonl"), "w") as f:
        f.write("\n".join(lines) + "\n")
