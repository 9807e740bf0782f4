"""Generates module_vectors.jsonl: random adversarial inputs scored by the REC
rewards of VLM-R1's GLM and InternVL modules (GLMVModule.iou_reward,
GLMVModule.format_reward_rec, InvernVLModule.iou_reward,
InvernVLModule.format_reward_rec), compiled unchanged from
vlm_modules/glm_module.py and vlm_modules/internvl_module.py with ast.

Ran at om-ai-lab/VLM-R1 commit 90052f478646e38bc67363862f699b7afca6b337
with Debian's /usr/bin/python3 (3.11).

Only the four static methods are compiled, so torch, transformers and
torchvision (imported at the top of the modules for the model classes) are not
needed. GLM's iou_reward opens kwargs["image_path"][i][0] with PIL and reads
kwargs["image_grid_thw"][i], neither of which reaches the value: PIL's Image is
a stub whose open() returns a fixed size, and a grid is passed.

Usage: [SEED=n] [N=cases] python3 gen_module_vectors.py /path/to/VLM-R1 > module_vectors.jsonl
"""
import ast, json, os, random, re, sys, math
from datetime import datetime

root = sys.argv[1]
mod_dir = os.path.join(root, "src/open-r1-multimodal/src/open_r1/vlm_modules")

def load_methods(path, cls, names):
    tree = ast.parse(open(path).read())
    body = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls][0].body
    fns = [n for n in body if isinstance(n, ast.FunctionDef) and n.name in names]
    for f in fns:
        f.decorator_list = []
    return ast.Module(body=fns, type_ignores=[])

class _Img:
    size = (640, 480)
class Image:
    @staticmethod
    def open(path): return _Img()

def module(path, cls):
    g = {"re": re, "json": json, "os": os, "datetime": datetime, "Image": Image}
    exec(compile(load_methods(os.path.join(mod_dir, path), cls, {"iou_reward", "format_reward_rec"}), path, "exec"), g)
    return g

glm = module("glm_module.py", "GLMVModule")
internvl = module("internvl_module.py", "InvernVLModule")

rnd = random.Random(int(os.environ.get("SEED", "20261203")))

def digits(v):
    # Unicode decimal digits now and then: \d and int() accept them.
    return "".join(rnd.choice([c, chr(0xff10 + int(c)), chr(0x660 + int(c))]) if c.isdigit() and rnd.random() < 0.1 else c for c in str(v))

def rbox_text():
    x1, y1 = rnd.randint(0, 300), rnd.randint(0, 300)
    bx = [x1, y1, x1 + rnd.randint(-5, 200), y1 + rnd.randint(-5, 200)]
    if rnd.random() < 0.1:
        bx = [rnd.randint(0, 5) for _ in range(4)]
    sep = rnd.choice([", ", ",", ",\n", ",\u3000", " ,"])
    body = "[" + sep.join(digits(v) for v in bx) + "]"
    r = rnd.random()
    if r < 0.05: body = "[" + str(10 ** rnd.randint(20, 40)) + ", 1, 2, 3]"
    elif r < 0.055: body = "[" + "9" * 4301 + ", 1, 2, 3]"
    elif r < 0.12: body = "[ 1, 2, 3, 4]"
    elif r < 0.15: body = "[1.5, 2, 3, 4]"
    return body, bx

def rsol(bx):
    r = rnd.random()
    if r < 0.45:
        x1, y1 = bx[0] + rnd.randint(-30, 30), bx[1] + rnd.randint(-30, 30)
        gb = [x1, y1, x1 + rnd.randint(-5, 200), y1 + rnd.randint(-5, 200)]
        return json.dumps(gb)
    if r < 0.55: return json.dumps(bx)
    if r < 0.65: return json.dumps([v + rnd.choice([0.5, 0.25, 1e-9, -0.5]) for v in bx])
    if r < 0.7: return json.dumps([bx[0], bx[1], bx[0], bx[1]])
    return rnd.choice(['{"a": 1}', "[1, 2]", "[]", "[0, 0, 0, 0]", "[1, 1, 1, 1]", '[true, false, true, true]',
                       '["1", 2, 3, 4]', "[null, 1, 2, 3]", "[1e308, 1e308, -1e308, 1e308]", "NaN", "[NaN, 1, 2, 3]",
                       "[Infinity, 0, 5, 5]", "[100000000000000000000, 0, 100000000000000000001, 5]", "5", '"x"',
                       "[[1], 2, 3, 4]", "not json", "[1, 2, 3, 4] x", "[1, 2, 3, 4, 5]", "[-0.0, 0, 10, 10]"])

def rcompletion(body):
    think = rnd.choice(["<think>x</think>", "<think>x</think>\n ", "<think>x", "", "<think></think>\t",
                        "</think><think>a</think>", "<think>a<answer>b</answer></think>"])
    ans = rnd.choice(['<answer>{"bbox_2d": %s, "label": "a"}</answer>', "<answer>%s</answer>", "%s",
                      "<answer>[1, 2] %s</answer>", "<answer>[ 1, 2, 3, 4] %s</answer>", "<answer>\n%s\n</answer>",
                      "<answer>%s", "<answer>x</answer><answer>%s</answer>", "<answer>%s</answer> [1,2,3,4]</answer>",
                      "<ANSWER>%s</ANSWER>", "<answer>%s</answer></answer>"]) % body
    return think + ans + rnd.choice(["", " done", "</answer>", "\n"])

def outcome(f):
    try:
        v = f()
        return {"value": v if not (isinstance(v, float) and math.isnan(v)) else "nan"}
    except Exception as e:
        return {"error": type(e).__name__ + ": " + str(e)}

def emit(rec):
    sys.stdout.write(json.dumps(rec, ensure_ascii=False, allow_nan=True) + "\n")

for _ in range(int(os.environ.get("N", "1500"))):
    body, bx = rbox_text()
    comp = rcompletion(body)
    sol = "<answer> " + rsol(bx) + " </answer>"
    if rnd.random() < 0.03:
        sol = rnd.choice(["no tags", "<answer> [1, 2, 3, 4] </answer><answer> [5, 5, 9, 9] </answer>"])
    comps = [[{"content": comp}]]
    for name, g in (("glm", glm), ("internvl", internvl)):
        kw = {"image_grid_thw": [[1, 10, 10]], "image_path": [["img.png"]], "problem": ["p"]}
        emit({"module": name, "reward": "iou", "completion": comp, "solution": sol,
              **outcome(lambda: g["iou_reward"](comps, [sol], **kw)[0])})
        emit({"module": name, "reward": "format", "completion": comp, "solution": sol,
              **outcome(lambda: g["format_reward_rec"](comps)[0])})
