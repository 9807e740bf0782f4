"""Writes vlm-r1/rec_results_refcoco_val_qwen2_5vl_3b_200.json and
vlm-r1/refcoco_val_od_r1.json the way VLM-R1's src/eval/test_rec_r1.py and
src/eval/test_od_r1.py (om-ai-lab/VLM-R1 90052f478646e38bc67363862f699b7afca6b337) write
their results: json.dump({"accuracy": ..., "results": [...]}, f, indent=2), one result
per example with the keys and tuples of those scripts. extract_bbox_answer, iou and
resize_bbox are compiled unchanged from the scripts with ast; the model outputs, sizes and
ground truths stand in for a model run (input_size is image_grid_thw[1:]*14).

Usage: python3 gen_vlmr1_eval.py /path/to/src/eval
"""
import ast, json, os, sys

def load(path, names):
    tree = ast.parse(open(path).read())
    fns = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in names]
    ns = {"re": __import__("re"), "json": json}
    exec(compile(ast.Module(body=fns, type_ignores=[]), path, "exec"), ns)
    return ns

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vlm-r1")
os.makedirs(out, exist_ok=True)

rec = load(os.path.join(sys.argv[1], "test_rec_r1.py"), {"extract_bbox_answer", "iou", "resize_bbox"})
# (image, problem, solution, output, input (h, w), image (h, w))
REC = [
    ("train2014/COCO_train2014_000000581857.jpg", "the lady with the blue shirt", [103.93, 299.99, 238.15, 477.41],
     '<think>The lady in blue stands on the left.</think>\n<answer>{"bbox_2d": [98, 280, 226, 448], "label": "lady"}</answer>', (476, 644), (480, 640)),
    ("train2014/COCO_train2014_000000581857.jpg", "woman in gray shirt facing camera on right", [380.26, 47.13, 640.0, 474.77],
     '<think>She is on the right.</think><answer>{"bbox_2d": [10, 10, 50, 50]}</answer>', (476, 644), (480, 640)),
    ("train2014/COCO_train2014_000000134151.jpg", "right zebra", [320.5, 110.2, 599.0, 390.7],
     "<answer>[322, 115, 600, 392]</answer>", (420, 644), (427, 640)),
]
results, correct_number = [], 0
for image, problem, gt, output, (ih, iw), (h, w) in REC:
    model_answer = rec["extract_bbox_answer"](output)
    resized = rec["resize_bbox"](model_answer, ih, iw, h, w)
    correct = 0
    if model_answer is not None:
        if rec["iou"](resized, gt) > 0.5:
            correct = 1
    correct_number += correct
    results.append({"image": image, "question": problem, "ground_truth": gt, "model_output": output,
                    "input_size": (ih, iw), "image_size": (h, w), "extracted_answer": resized, "correct": correct})
with open(os.path.join(out, "rec_results_refcoco_val_qwen2_5vl_3b_200.json"), "w") as f:
    json.dump({"accuracy": correct_number / len(REC) * 100, "results": results}, f, indent=2)

od = load(os.path.join(sys.argv[1], "test_od_r1.py"), {"extract_bbox_answer", "iou"})
TEMPLATE = "Please carefully check the image and detect the following objects: [{Question}]. Output the bbox coordinates of detected objects in <answer></answer>."
OD = [
    ("a red umbrella", [12, 30, 200, 180], [0.02, 0.05, 0.31, 0.3], '```json\n[{"bbox_2d": [15, 28, 198, 183], "label": "a red umbrella"}]\n```'),
    ("the dog", [300, 220, 420, 380], [0.47, 0.46, 0.66, 0.79], "There is no dog."),
]
results, correct_number = [], 0
for caption, gt, gt_norm, output in OD:
    model_answer, normalized = od["extract_bbox_answer"](output)
    correct = 0
    if model_answer is not None:
        iou_value = od["iou"](model_answer, gt_norm if normalized else gt)
        if iou_value > 0.5:
            correct = 1
    correct_number += correct
    results.append({"question": TEMPLATE.format(Question=caption), "ground_truth": gt if not normalized else gt_norm,
                    "model_output": output, "extracted_answer": model_answer, "correct": correct, "iou": iou_value})
with open(os.path.join(out, "refcoco_val_od_r1.json"), "w") as f:
    json.dump({"accuracy": correct_number / len(OD) * 100, "results": results}, f, indent=2)
