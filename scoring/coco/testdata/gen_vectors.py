"""Generates vectors.jsonl: random bounding-box evaluations run through the
reference COCOeval (the vendored cocoeval.py and coco.py of VLM-R1, read
from a local mirror) with numpy 1.24, for the Go port's parity test.

pycocotools.mask.iou is replaced, for boxes only, by a transcription of the
C routine bbIou (fmin/fmax ignore a NaN operand, as C99 says).

usage: python3 gen_vectors.py /path/to/VLM-R1.git > vectors.jsonl
(the reference's numpy is 1.24.2, which is Debian 12's python3-numpy; the
output is deterministic, seeded below).
"""
import contextlib
import io
import json
import random
import subprocess
import sys
import types

import numpy as np


def fmin(x, y):
    if x != x:
        return y
    if y != y:
        return x
    return y if y < x else x


def fmax(x, y):
    if x != x:
        return y
    if y != y:
        return x
    return y if y > x else x


def bb_iou(dt, gt, iscrowd):
    m, n = len(dt), len(gt)
    o = np.zeros((m, n))
    for g in range(n):
        G = gt[g]
        ga = G[2] * G[3]
        crowd = bool(iscrowd[g])
        for d in range(m):
            D = dt[d]
            da = D[2] * D[3]
            w = fmin(D[2] + D[0], G[2] + G[0]) - fmax(D[0], G[0])
            if w <= 0:
                continue
            h = fmin(D[3] + D[1], G[3] + G[1]) - fmax(D[1], G[1])
            if h <= 0:
                continue
            i = w * h
            u = da if crowd else da + ga - i
            o[d, g] = i / u
    return o


def mask_iou(dt, gt, pyiscrowd):
    iscrowd = np.array(pyiscrowd, dtype=np.uint8)
    dt = np.array(dt, dtype=np.double).reshape((-1, 4)) if len(dt) else dt
    gt = np.array(gt, dtype=np.double).reshape((-1, 4)) if len(gt) else gt
    if len(dt) == 0 or len(gt) == 0:
        return []
    return bb_iou([[float(v) for v in r] for r in dt], [[float(v) for v in r] for r in gt], iscrowd)


def load_reference(repo):
    base = 'src/open-r1-multimodal/src/open_r1/utils/pycocotools/'
    pkg = types.ModuleType('pycocotools')
    mask = types.ModuleType('pycocotools.mask')
    mask.iou = mask_iou
    pkg.mask = mask
    sys.modules['pycocotools'] = pkg
    sys.modules['pycocotools.mask'] = mask
    for name in ('matplotlib', 'matplotlib.pyplot', 'matplotlib.collections', 'matplotlib.patches'):
        mod = types.ModuleType(name)
        mod.PatchCollection = mod.Polygon = None
        sys.modules[name] = mod
    mods = {}
    for f in ('coco.py', 'cocoeval.py'):
        src = subprocess.run(['git', '--git-dir', repo, 'show', 'HEAD:' + base + f],
                             check=True, capture_output=True, text=True).stdout
        mod = types.ModuleType(f[:-3])
        exec(compile(src, f, 'exec'), mod.__dict__)
        mods[f[:-3]] = mod
    return mods['coco'].COCO, mods['cocoeval'].COCOeval


def evaluate(COCO, COCOeval, gts, dts):
    imgs = sorted({g['image_id'] for g in gts} | {d['image_id'] for d in dts})
    cats = sorted({g['category_id'] for g in gts})
    ds = {'images': [{'id': i} for i in imgs], 'categories': [{'id': c} for c in cats],
          'annotations': [dict(g, id=i + 1) for i, g in enumerate(gts)]}
    coco_gt = COCO(ds)
    anns = [dict(d) for d in dts]
    if anns:
        coco_dt = coco_gt.loadRes(anns)
    else:
        coco_dt = COCO({'images': ds['images'], 'categories': ds['categories'], 'annotations': []})
    ev = COCOeval(coco_gt, coco_dt, 'bbox')
    with contextlib.redirect_stdout(io.StringIO()):  # accumulate may print
        ev.evaluate()
        ev.accumulate()
        ev.summarize()
    return [float(s) for s in ev.stats]


SPECIAL = [float('nan'), float('inf'), float('-inf'), -0.0, 0.0, 1e300, -1e300, 5e-324]


def coord(rng, style):
    if style == 'int':
        return float(rng.randint(0, 120))
    if style == 'grid':
        return float(rng.choice([0, 10, 20, 30, 40]))
    if style == 'special' and rng.random() < 0.15:
        return rng.choice(SPECIAL)
    return round(rng.uniform(-5, 150), rng.choice([1, 2, 6, 15]))


def box(rng, style):
    x, y = coord(rng, style), coord(rng, style)
    w, h = coord(rng, style), coord(rng, style)
    if rng.random() < 0.8 and style != 'special':
        w, h = abs(w) + 1, abs(h) + 1
    if rng.random() < 0.05:
        w = -w
    return [x, y, w, h]


def case(rng, kind):
    style = rng.choice(['int', 'float', 'grid', 'special'] if kind == 'special' else ['int', 'float', 'grid'])
    nimg = 1 if kind in ('single', 'many') else rng.randint(1, 3)
    ncat = rng.randint(9, 12) if kind == 'many' else rng.randint(1, 4)
    imgs = rng.sample(range(0, 10), nimg)
    cats = rng.sample(range(0, 30), ncat)
    gts, dts = [], []
    scores = [1.0] if rng.random() < 0.5 else [0.1, 0.5, 0.5, 0.9, 1.0, rng.random()]
    if kind == 'special':
        scores += [float('nan'), float('inf'), -0.0]
    ngt = rng.randint(0, 8) if kind != 'many' else rng.randint(20, 40)
    for _ in range(ngt):
        b = box(rng, style)
        area = b[2] * b[3]
        if rng.random() < 0.1:
            area = rng.choice([-area, area * 40, area / 30, 1024.0, 9216.0])
        gts.append({'image_id': rng.choice(imgs), 'category_id': rng.choice(cats), 'bbox': b,
                    'area': area, 'iscrowd': 1 if kind != 'single' and rng.random() < 0.1 else 0})
    ndt = rng.randint(0, 12) if kind != 'many' else rng.randint(20, 60)
    if kind == 'trunc':
        ndt = rng.randint(95, 130)
    for _ in range(ndt):
        if gts and rng.random() < 0.6:
            g = rng.choice(gts)
            b = [v + rng.choice([0, 0, 1, -2, 0.5, 3]) for v in g['bbox']]
            img, cat = g['image_id'], g['category_id']
            if rng.random() < 0.1:
                cat = rng.choice(cats)
        else:
            b = box(rng, style)
            img, cat = rng.choice(imgs), rng.choice(cats)
        dts.append({'image_id': img, 'category_id': cat, 'bbox': b, 'score': rng.choice(scores)})
    return gts, dts


def enc(v):
    return repr(float(v))


def main():
    COCO, COCOeval = load_reference(sys.argv[1])
    rng = random.Random(20261127)
    kinds = ['single'] * 500 + ['multi'] * 300 + ['special'] * 120 + ['trunc'] * 20 + ['many'] * 20
    for kind in kinds:
        gts, dts = case(rng, kind)
        stats = evaluate(COCO, COCOeval, gts, dts)
        out = {
            'kind': kind,
            'gts': [[g['image_id'], g['category_id']] + [enc(v) for v in g['bbox']] + [enc(g['area']), g['iscrowd']] for g in gts],
            'dts': [[d['image_id'], d['category_id']] + [enc(v) for v in d['bbox']] + [enc(d['score'])] for d in dts],
            'stats': [enc(s) for s in stats],
        }
        print(json.dumps(out))


if __name__ == '__main__':
    main()
