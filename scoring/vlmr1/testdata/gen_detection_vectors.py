"""Generates detection_vectors.jsonl: random adversarial inputs scored by the
reference functions of VLM-R1 (the weighted_sum, map, od_ap, od_ap50 and
odLength branches of accuracy_reward, repetition_reward,
Qwen2VLModule.iou_reward), compiled unchanged from the sources with ast, as
the golden oracle does.

numpy is not needed: COCO and COCOeval are replaced by stubs that record
what calculate_map hands them (categories, [x, y, w, h] boxes and areas as
COCOeval's conversion to doubles sees them) and report stats[i] = 0.125 + i,
so the vectors check everything around the evaluation; the evaluation itself
is checked by package coco.

Usage: [SEED=n] [N=cases] python3 gen_detection_vectors.py /path/to/VLM-R1 > detection_vectors.jsonl
(a directory holding src/open-r1-multimodal/src/open_r1/{grpo_jsonl.py,vlm_modules/qwen_module.py})

repetition_reward's json_repair fallback is stubbed to raise, so cases whose
JSON candidate json.loads rejects are left out for repetition.
"""
import ast, json, os, random, re, sys, math

root = sys.argv[1]
src_dir = os.path.join(root, "src/open-r1-multimodal/src/open_r1")

def load_funcs(path, names, cls=None):
    tree = ast.parse(open(path).read())
    body = tree.body
    if cls:
        body = [n for n in body if isinstance(n, ast.ClassDef) and n.name == cls][0].body
    fns = [n for n in body if isinstance(n, ast.FunctionDef) and n.name in names]
    for f in fns:
        f.decorator_list = []
    return ast.Module(body=fns, type_ignores=[])

class RepairFailed(Exception):
    pass

def repair_json(s):
    raise RepairFailed()

class _Img:
    def __init__(self, size): self.size = size
class Image:
    size = (0, 0)
    @staticmethod
    def open(path): return _Img(Image.size)

CAPTURE = {}

def as_double(v):
    return repr(float(v))

def area_double(a):
    try:
        return repr(float(a))
    except OverflowError:
        return "inf" if a > 0 else "-inf"

class COCO:
    def __init__(self, dataset=None):
        self.dataset = dataset
    def loadRes(self, anns):
        for ann in anns:
            bb = ann["bbox"]
            ann["area"] = bb[2] * bb[3]
        return COCO({"annotations": anns})

class COCOeval:
    def __init__(self, gt, dt, iou_type):
        self.gt, self.dt = gt, dt
    def evaluate(self):
        # np.array(boxes, dtype=np.double) inside maskUtils.iou
        gts = [[a["category_id"]] + [as_double(v) for v in a["bbox"]] + [area_double(a["area"])] for a in self.gt.dataset["annotations"]]
        dts = [[a["category_id"]] + [as_double(v) for v in a["bbox"]] for a in self.dt.dataset["annotations"]]
        CAPTURE["coco"] = {"gt": gts, "dt": dts}
    def accumulate(self):
        pass
    def summarize(self):
        self.stats = [0.125 + i for i in range(12)]

g = {"re": re, "json": json, "os": os, "repair_json": repair_json, "Image": Image, "math": math, "COCO": COCO, "COCOeval": COCOeval}
exec(compile(load_funcs(os.path.join(src_dir, "grpo_jsonl.py"),
     {"iou", "detection_score", "clean_text", "repetition_reward", "accuracy_reward",
      "calculate_map", "map_reward", "od_reward", "odLength_reward"}), "grpo_jsonl.py", "exec"), g)
exec(compile(load_funcs(os.path.join(src_dir, "vlm_modules/qwen_module.py"), {"iou_reward"}, cls="Qwen2VLModule"),
     "qwen_module.py", "exec"), g)

rnd = random.Random(int(os.environ.get("SEED", "20261127")))

def rnum():
    r = rnd.random()
    if r < 0.55: return rnd.randint(0, 120)
    if r < 0.75: return round(rnd.uniform(-5, 120), rnd.choice([0, 1, 2, 5]))
    return rnd.choice([True, False, None, "12", 1e300, -1e300, 10**20, -3, 0, 0.0, -0.0, 1.5e-7, [1], {"a": 1},
                       float("nan"), float("inf"), 2**70 + 1, 99999999999999999999.5])

def rbox():
    r = rnd.random()
    if r < 0.75:
        x1, y1 = rnd.randint(0, 90), rnd.randint(0, 90)
        b = [x1, y1, x1 + rnd.randint(-3, 40), y1 + rnd.randint(-3, 40)]
        if rnd.random() < 0.3:
            b = [v + rnd.choice([0, 0.5, 0.25, 1e-9]) for v in b]
        if rnd.random() < 0.15:
            b[rnd.randrange(4)] = rnum()
        return b
    if r < 0.85: return [rnum() for _ in range(rnd.choice([2, 3, 4, 5]))]
    return rnd.choice(["1,2,3,4", None, 7, {"0": 1}, [], [[1, 2], [3, 4]], "abcd"])

LABELS = ["cat", "Cat", "CAT", "dog", "car", "", "İstanbul", "straße", "ΣΑΣ", 1, 1.0, True, None, ["x"], "a'b", 'a"b', "\u00a0", "Ω"]

def ritem(labels):
    r = rnd.random()
    if r < 0.85:
        d = {}
        keys = ["bbox_2d", "label"]
        if rnd.random() < 0.1: keys.remove(rnd.choice(keys))
        if rnd.random() < 0.1: keys.append("score")
        rnd.shuffle(keys)
        for k in keys:
            d[k] = rbox() if k == "bbox_2d" else (rnd.choice(labels) if k == "label" else 0.9)
        return d
    return rnd.choice([1, "bbox_2d label", ["bbox_2d", "label"], None, 2.5, "x", {"bbox_2d": [1, 2, 3, 4]}])

def clean_item(labels):
    r = rnd.random()
    x1, y1 = rnd.randint(0, 90), rnd.randint(0, 90)
    b = [x1, y1, x1 + rnd.randint(-3, 40), y1 + rnd.randint(-3, 40)]
    if r < 0.2:
        b = [v + rnd.choice([0, 0.5, 1e-9]) for v in b]
    elif r < 0.3:
        b[rnd.randrange(4)] = rnd.choice([True, False, 10**20, -(10**400), 10**400, 2**53 + 1, 1e300, -0.0])
    return {"bbox_2d": b, "label": rnd.choice(labels)}

def dumps(v):
    s = json.dumps(v, ensure_ascii=rnd.random() < 0.5, allow_nan=True)
    if rnd.random() < 0.2: s = json.dumps(v, indent=rnd.choice([1, 2]), allow_nan=True)
    return s

def rlist(labels, n=None):
    n = rnd.choice([0, 1, 1, 2, 2, 3, 4, 6]) if n is None else n
    return [ritem(labels) for _ in range(n)]

def perturb(items):
    out = []
    for it in items:
        if isinstance(it, dict) and isinstance(it.get("bbox_2d"), list) and rnd.random() < 0.7:
            it = dict(it)
            b = it["bbox_2d"]
            if all(type(v) in (int, float) and not isinstance(v, bool) and abs(v) < 1e6 for v in b):
                it["bbox_2d"] = [v + rnd.choice([0, 0, 1, -2, 5]) for v in b]
        out.append(it)
    if rnd.random() < 0.3: out = out + [rnd.choice(out)] if out else out
    if rnd.random() < 0.3: rnd.shuffle(out)
    if rnd.random() < 0.2 and out: out = out[:-1]
    return out

def wrap_completion(payload):
    body = rnd.choice(["```json\n%s\n```", "```json%s```", "%s", "```\n%s\n```", "```json\n%s"]) % payload
    if rnd.random() < 0.1: body = body.upper()
    tpl = rnd.choice(["<think>ok</think><answer>%s</answer>", "<answer>%s</answer>", "%s",
                      "<think>```json\n[]\n```</think><answer>%s</answer>", "<answer>x</answer><answer>%s</answer>",
                      "<answer>%s</answer> trailing. ", "<answer>\n%s\n.</answer>"])
    return tpl % body

def wrap_solution(payload):
    r = rnd.random()
    if r < 0.85: s = "```json\n%s\n```" % payload
    elif r < 0.93: s = rnd.choice(["None", "NONE.", " none "])
    else: s = payload
    return "<answer> " + s.replace("<answer>", "").replace("</answer>", "").strip() + " </answer>"

def outcome(f):
    try:
        v = f()
        return {"value": v if not (isinstance(v, float) and math.isnan(v)) else "nan", "type": type(v).__name__}
    except Exception as e:
        return {"error": type(e).__name__ + ": " + str(e)}

def emit(rec):
    sys.stdout.write(json.dumps(rec, allow_nan=True) + "\n")

n_ws = n_rep = n_rec = 0
for _ in range(int(os.environ.get("N", "1500"))):
    labels = rnd.sample(LABELS, rnd.choice([1, 2, 3]))
    gt = rlist(labels) if rnd.random() < 0.9 else rnd.choice([{"bbox_2d": [1, 2, 3, 4], "label": "cat"}, 5, "str", None, []])
    pred = perturb(gt) if isinstance(gt, list) and rnd.random() < 0.6 else rlist(labels + ["cat"])
    ptext = dumps(pred)
    if rnd.random() < 0.1:
        ptext = rnd.choice([ptext[:-3], ptext.replace('"', "'"), ptext + ",", "[" + ptext, ptext.replace(", ", ",  \n")])
    gtext = dumps(gt)
    if rnd.random() < 0.03: gtext = gtext.replace('"', "'")
    comp, sol = wrap_completion(ptext), wrap_solution(gtext)
    emit({"kind": "weighted_sum", "completion": comp, "solution": sol,
          **outcome(lambda: g["accuracy_reward"]([[{"content": comp}]], [sol], accu_reward_method=["weighted_sum"])[0])})
    n_ws += 1

    # mAP methods: mostly well-formed ground truths (any bad one raises),
    # predictions with some bad items (dropped), labels of several types.
    method = rnd.choice(["map", "od_ap", "od_ap50", "odLength"])
    if rnd.random() < 0.75:
        mlabels = rnd.sample(["cat", "Cat", "dog", 1, 1.0, True, None, "", "İ", 2.5], rnd.choice([1, 2, 3]))
        gt = [clean_item(mlabels) for _ in range(rnd.choice([1, 1, 2, 3, 5]))]
        pred = perturb(gt) if rnd.random() < 0.6 else [clean_item(mlabels + ["dog"]) for _ in range(rnd.choice([0, 1, 2, 4]))]
        if rnd.random() < 0.3 and pred:
            pred[rnd.randrange(len(pred))] = ritem(mlabels)
        comp, sol = wrap_completion(dumps(pred)), wrap_solution(dumps(gt))
    CAPTURE.clear()
    out = outcome(lambda: g["accuracy_reward"]([[{"content": comp}]], [sol], accu_reward_method=[method])[0])
    emit({"kind": method, "completion": comp, "solution": sol, **out, **CAPTURE})

    # repetition: the same shapes, plus text.
    r = rnd.random()
    if r < 0.6:
        rc = comp
    elif r < 0.8:
        words = rnd.choices(["a", "b", "the", "cat", "Cat", "İ", "x\u3000y", "dog", "\u00a0", "1"], k=rnd.randint(0, 30))
        rc = " ".join(words)
    else:
        rc = "text [ {\"bbox_2d\": [1,2,3,4], \"label\": \"a\"} ] more " * rnd.randint(1, 3) + rnd.choice(["", "}]", "[{", "\"bbox_2d\" \"label\" }\n]"])
    m = re.search(r'```json(.*?)```', rc, re.DOTALL)
    cand = m.group(1).strip() if m else None
    if not m:
        m = re.search(r'```(.*?)```', rc, re.DOTALL)
        cand = m.group(1).strip() if m else None
        if not cand:
            m = re.search(r'\[\s*{.*?"bbox_2d".*?"label".*?}\s*\]', rc, re.DOTALL)
            cand = m.group(0) if m else None
    needs_repair = False
    if cand:
        try: json.loads(cand)
        except json.JSONDecodeError: needs_repair = True
        except Exception: pass
    if not needs_repair:
        emit({"kind": "repetition", "completion": rc, "solution": "", **outcome(lambda: g["repetition_reward"](rc))})
        n_rep += 1

    # rec
    if rnd.random() < 0.5:
        w, h = rnd.randint(1, 3000), rnd.randint(1, 3000)
        grid = [1, rnd.randint(0, 80), rnd.randint(1, 80)]
        digits = lambda v: "".join(rnd.choice([c, chr(0xff10 + int(c)), chr(0x660 + int(c))]) if rnd.random() < 0.1 else c for c in str(v))
        bx = [rnd.randint(0, 1200) for _ in range(4)]
        sep = rnd.choice([", ", ",", ",\n", " , ", ",\u3000"])
        body = "[" + sep.join(digits(v) for v in bx) + "]"
        if rnd.random() < 0.1: body = "[" + str(10**rnd.randint(20, 40)) + ", 1, 2, 3]"
        comp = rnd.choice(['<think>x</think><answer>{"bbox_2d": %s, "label": "a"}</answer>', '<answer>%s</answer>', '%s',
                           '<answer>[1, 2] %s</answer>', '<answer>[ 1, 2, 3, 4] %s</answer>']) % body
        gb = [rnd.randint(0, 3000) for _ in range(4)]
        gsol = rnd.choice([str(gb), str(gb), str([float(v) for v in gb]), '{"a": 1}', "(1, 2, 3, 4)", "[1, 2]", "[]", str(gb) + "x"])
        sol = "<answer> " + gsol + " </answer>"
        Image.size = (w, h)
        emit({"kind": "rec_iou", "completion": comp, "solution": sol, "image_width": w, "image_height": h, "image_grid_thw": grid,
              **outcome(lambda: g["iou_reward"]([[{"content": comp}]], [sol], image_grid_thw=[grid], image_path=[["img"]])[0])})
        n_rec += 1
print(n_ws, n_rep, n_rec, file=sys.stderr)
