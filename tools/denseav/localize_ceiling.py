#!/usr/bin/env python3
"""Ceiling of `avlens eval --task localize` for a heatmap of a given resolution (default 16x16, DenseAV-small's).

The "oracle" heatmap of a prompt is the prompted object's mask averaged over each cell of the coarse grid (its
coverage), then scored exactly as the eval scores a model's heatmap: min-max normalised, bilinear upsampling to the
mask (align_corners=False), pixels pooled per class (a sound's material, the word), AP (sklearn's step-wise
definition) and best IoU of score >= t over linspace(min, max, 20), mean over classes. It says how much of the gap
to the issue's targets a model at that resolution could close at best. Needs numpy only.

    python3 tools/denseav/localize_ceiling.py DATA_DIR [--cells 16]   # every clip of DATA_DIR/media
"""
import argparse, glob, json, os
import numpy as np


def bilinear(src, out_h, out_w):
    h, w = src.shape
    def axis(n, out):
        f = np.maximum(0, (np.arange(out) + 0.5) * n / out - 0.5)
        i0 = np.minimum(n - 1, f.astype(int)); i1 = np.minimum(n - 1, i0 + 1)
        return i0, i1, np.minimum(1, f - i0)
    y0, y1, wy = axis(h, out_h); x0, x1, wx = axis(w, out_w)
    top = src[y0][:, x0] * (1 - wx) + src[y0][:, x1] * wx
    bottom = src[y1][:, x0] * (1 - wx) + src[y1][:, x1] * wx
    return top * (1 - wy)[:, None] + bottom * wy[:, None]


def ap(scores, labels):
    order = np.argsort(-scores, kind="stable"); s = scores[order]; l = labels[order]
    tp = np.cumsum(l); seen = np.arange(1, len(l) + 1)
    last = np.r_[s[1:] != s[:-1], True]          # the last index of each run of tied scores
    recall = tp[last] / tp[-1]; precision = tp[last] / seen[last]
    return float(np.sum(np.diff(np.r_[0, recall]) * precision))


def best_iou(scores, labels):
    best = 0.0
    for t in np.linspace(scores.min(), scores.max(), 20):
        p = scores >= t
        best = max(best, (p & labels).sum() / (p | labels).sum())
    return float(best)


def main():
    a = argparse.ArgumentParser(); a.add_argument("data"); a.add_argument("--cells", type=int, default=16)
    args = a.parse_args()
    pools = {"sound": {}, "word": {}}
    counts = {"sound": 0, "word": 0}
    for sidecar in sorted(glob.glob(os.path.join(args.data, "media", "*.json"))):
        j = json.load(open(sidecar))
        masks = np.load(os.path.join(os.path.dirname(sidecar), j["masks"]))
        materials = {o["id"]: o["material"] for o in j["objects"]}
        prompts = [("sound", materials.get(e["objectId"], e["material"]), e["objectId"], e["time"])
                   for e in j["events"] if "soundSeconds" in e and e.get("objectId", 0) >= 1]
        prompts += [("word", w["word"], w["objectId"], w["time"]) for w in j.get("words", [])]
        for kind, label, obj, t in prompts:
            frame = min(masks.shape[0] - 1, int(np.floor(t * j["fps"] + 1e-9)))
            truth = masks[frame] == obj
            if not truth.any():
                continue
            H, W = truth.shape; c = args.cells
            coarse = truth.reshape(c, H // c, c, W // c).mean(axis=(1, 3))
            lo, hi = coarse.min(), coarse.max()
            heat = bilinear((coarse - lo) / (hi - lo) if hi > lo else coarse * 0, H, W)
            pool = pools[kind].setdefault(label, ([], []))
            pool[0].append(heat.ravel().astype(np.float32)); pool[1].append(truth.ravel())
            counts[kind] += 1
    out = {"cells": args.cells, "data": args.data}
    for kind, by_class in pools.items():
        aps = [ap(np.concatenate(s), np.concatenate(l)) for s, l in by_class.values()]
        ious = [best_iou(np.concatenate(s), np.concatenate(l)) for s, l in by_class.values()]
        out[kind] = {"ap": round(float(np.mean(aps)), 4), "iou": round(float(np.mean(ious)), 4),
                     "instants": counts[kind], "classes": len(by_class)}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
