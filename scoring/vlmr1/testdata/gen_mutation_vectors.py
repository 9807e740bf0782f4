"""Generates mutation_vectors.jsonl: inputs at the edges that mutation testing
found unguarded (each mutation below changed the Go code's behaviour while
every test still passed), scored by the reference functions of VLM-R1's
grpo_jsonl.py, compiled unchanged from the source with ast:

- iou: boxes that touch (inter_x1 == inter_x2 after the -1), where
  "inter_x1 < inter_x2" must not become "<="; through iou itself and through
  accuracy_reward's weighted_sum branch (detection_score);
- strip: the solution preprocessing of main() (replace the answer tags,
  str.strip(), then the f-string "<answer> {...} </answer>") on text
  wrapped in U+001C..U+001F, which str.strip removes and Go's
  strings.TrimSpace keeps;
- cosine: cosine_reward at an accuracy of exactly 0.7 and just below it, for
  --cosine-use-accuracy. The reference overwrites its accuracy argument with
  1.0 (a quirk); the corrected behaviour is that function with that one
  assignment left out, so the generator removes exactly that statement from
  the parsed function and nothing else;
- extract_choice: a keyword ending exactly at pos+20 (outside the window
  text[pos-20:pos+20]) and at pos+19 (inside it).

For each vector the generator also runs the mutant and asserts that it gives
another value, so a vector that stops discriminating fails here.

Usage: python3 gen_mutation_vectors.py /path/to/VLM-R1 > mutation_vectors.jsonl
Generated from om-ai-lab/VLM-R1 commit 90052f478646e38bc67363862f699b7afca6b337
with Debian's python3 3.11 (standard library only).
"""
import ast, copy, json, math, os, re, sys

root = sys.argv[1]
path = os.path.join(root, "src/open-r1-multimodal/src/open_r1/grpo_jsonl.py")
source = open(path).read()
tree = ast.parse(source)


def functions(names, transform=None):
    """The module-level functions called names, compiled into a namespace
    with the modules they use; transform may rewrite a copy of the tree."""
    body = [copy.deepcopy(n) for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in names]
    for f in body:
        f.decorator_list = []
        if transform:
            transform(f)
    mod = ast.fix_missing_locations(ast.Module(body=body, type_ignores=[]))
    ns = {"re": re, "json": json, "math": math, "os": os}
    exec(compile(mod, path, "exec"), ns)
    return ns


def flip_compare(op_from, op_to, first_only=True):
    """A transform replacing comparison operator op_from by op_to (the mutant)."""
    def transform(f):
        for node in ast.walk(f):
            if isinstance(node, ast.Compare):
                node.ops = [op_to() if isinstance(o, op_from) else o for o in node.ops]
                if first_only:
                    return
    return transform


ref = functions({"iou", "detection_score", "clean_text", "extract_choice", "accuracy_reward"})
out = []


def emit(v):
    out.append(json.dumps(v, ensure_ascii=False))


# --- iou and detection_score on touching boxes --------------------------------
mut_iou = functions({"iou", "detection_score", "clean_text", "accuracy_reward"},
                    lambda f: f.name == "iou" and flip_compare(ast.Lt, ast.LtE)(f))
# (box1, box2, whether the mutant of inter_x1 < inter_x2 gives another value)
iou_cases = [
    ([0, 0, 10, 10], [9, 0, 20, 10], True),    # x edges touch after the -1
    ([5, 0, 6, 10], [5, 0, 6, 10], True),      # a 1-pixel-wide box with itself: x1 == x2 - 1
    ([5, 5, 6, 6], [5, 5, 6, 6], False),       # a 1-pixel box with itself: both edges touch
    ([0, 0, 10, 10], [0, 9, 10, 20], False),   # y edges touch (inter_y1 < inter_y2)
    ([0, 0, 10, 10], [8, 0, 20, 10], False),   # a real overlap, for contrast
]
for b1, b2, discriminates in iou_cases:
    want = ref["iou"](b1, b2)
    mutant = mut_iou["iou"](b1, b2)
    assert (want != mutant) == discriminates, (b1, b2, want, mutant)
    emit({"kind": "iou", "box1": b1, "box2": b2, "value": repr(want)})


def boxes(bs):
    return "```json\n" + json.dumps([{"bbox_2d": b, "label": "x"} for b in bs]) + "\n```"


for pred, gt in [
    ([[0, 0, 10, 10], [9, 0, 20, 10]], [[9, 0, 20, 10], [0, 0, 10, 10]]),
    ([[5, 0, 6, 10]], [[5, 0, 6, 10]]),
]:
    content = "<answer>" + boxes(pred) + "</answer>"
    sol = "<answer> " + boxes(gt) + " </answer>"
    def weighted_sum(ns):
        return ns["accuracy_reward"]([[{"content": content}]], [sol], accu_reward_method=["weighted_sum"])[0]
    want = weighted_sum(ref)
    emit({"kind": "weighted_sum", "completion": content, "solution": sol, "value": repr(want)})
    if pred == [[5, 0, 6, 10]]:
        assert want != weighted_sum(mut_iou), (pred, gt)

# --- the solution preprocessing of main() -------------------------------------
main = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "main"][0]
strip_expr = wrap_expr = None
for node in ast.walk(main):
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
        seg = ast.get_source_segment(source, node)
        if seg.startswith("item['solution'] = solution_value.replace("):
            strip_expr = node.value
    if isinstance(node, ast.Dict):
        for k, v in zip(node.keys, node.values):
            if isinstance(k, ast.Constant) and k.value == "solution" and isinstance(v, ast.JoinedStr):
                wrap_expr = v
assert strip_expr is not None and wrap_expr is not None
strip_code = compile(ast.fix_missing_locations(ast.Expression(strip_expr)), path, "eval")
wrap_code = compile(ast.fix_missing_locations(ast.Expression(wrap_expr)), path, "eval")
go_trim_space = " \t\n\v\f\r\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
for sol in ["\x1cYes\x1f", "\x1d\x1e 42 \x1f", "<answer>\x1fB\x1c</answer>", "\x1f\n<answer> 3 </answer>\x1c", "\x1c\x1d\x1e\x1f"]:
    stripped = eval(strip_code, {"solution_value": sol})
    want = eval(wrap_code, {"example": {"solution": stripped}})
    mutant = eval(wrap_code, {"example": {"solution": sol.replace("<answer>", "").replace("</answer>", "").strip(go_trim_space)}})
    assert want != mutant, sol
    emit({"kind": "solution", "solution": sol, "value": want})

# --- cosine_reward at the 0.7 threshold ---------------------------------------
def drop_overwrite(f):
    f.body = [s for s in f.body if not (isinstance(s, ast.Assign) and len(s.targets) == 1
                                        and isinstance(s.targets[0], ast.Name) and s.targets[0].id == "acc_reward")]


fixed = functions({"cosine_reward"}, drop_overwrite)
fixed_mut = functions({"cosine_reward"}, lambda f: (drop_overwrite(f), flip_compare(ast.GtE, ast.Gt)(f)))


class Tokens:
    """A tokenizer stub: encode returns as many ids as asked for."""
    def __init__(self, n): self.n = n
    def encode(self, content): return [0] * self.n


below = math.nextafter(0.7, 0)
for n in [0, 1, 300, 1024, 1500]:
    for acc in [0.7, below]:
        want = fixed["cosine_reward"]("", Tokens(n), acc)
        if acc == 0.7 and n != 1024:  # at 1024 both curves give 0.5 - ... only by chance
            assert want != fixed_mut["cosine_reward"]("", Tokens(n), acc), (n, acc)
        emit({"kind": "cosine", "tokens": n, "accuracy": repr(acc), "value": repr(want)})

# --- extract_choice's keyword window ------------------------------------------
mut_choice = functions({"extract_choice"}, lambda f: [
    setattr(node, "right", ast.Constant(21)) for node in ast.walk(f)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add)
    and isinstance(node.left, ast.Name) and node.left.id == "pos"
    and isinstance(node.right, ast.Constant) and node.right.value == 20])
for last in [20, 19]:
    # "A." first, then "B." at pos p with a keyword after it whose last
    # character is at p+last: at p+20 it is just outside text[p-20:p+20],
    # at p+19 just inside. Inside, B scores keyword + punctuation = 2 against
    # A's 1; outside they tie and max() keeps the first, A. No letter is in
    # the last 30 % of the text.
    for kw in ["answer", "是"]:
        head = "A." + "y" * 30 + " "
        filler = "x" * (last - 1 - len(kw))
        text = head + "B." + filler + kw + "z" * 30
        p = len(head)
        assert text.upper().find("B") == p and text.upper().find(kw.upper()) + len(kw) - 1 == p + last
        want = ref["extract_choice"](text)
        mutant = mut_choice["extract_choice"](text)
        assert want == ("A" if last == 20 else "B"), (text, want)
        if last == 20:
            assert want != mutant, (text, want, mutant)
        emit({"kind": "extract_choice", "text": text, "value": want})

print("\n".join(out))
