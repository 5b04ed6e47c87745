#!/usr/bin/env python3
"""Where MC3-small's video->audio retrieval and consensus discovery fail, from the rows tools/mc3/Dump.java writes.

    python3 tools/mc3/diagnose.py EMBEDDINGS.csv DATA_DIR [mu scale]

Prints, for the n clips of the CSV (ids name DATA_DIR/media/<id>.json, the AV-Shapes sidecars): video->audio R@1 by
clip kind (no sound at all / only an off-screen sound / an on-screen sounding action) and by the number of on-screen
sounding events; R@1 from the per-step part (the first 32 values) and the clip-level part alone; how well each
per-step value detects the steps with a sound event (AUC); the R@1 of an oracle that knows every event's frames
(one value per step, the ceiling of a timing code that detects perfectly); and for discovery the consensus weights
w = sigmoid((c - mu) / scale) the training term gives (defaults 0.5, 0.1), the mean similarities by kind, and the
AP of soundingAction for the consensus, sim(a,v) and the two other anchors. Ties count against (pessimistic), as in
Mc3Evaluation. numpy only.
"""
import json
import sys

import numpy as np

STEPS = 32


def load(csv):
    ids, rows = [], []
    for line in open(csv):
        p = line.strip().split(',')
        ids.append(p[0])
        rows.append([float(x) for x in p[1:]])
    z = np.array(rows)
    d = z.shape[1] // 3
    return ids, z[:, :d], z[:, d:2 * d], z[:, 2 * d:]


def r1(q, g):
    s = q @ g.T
    own = np.diag(s)
    rank = (s >= own[:, None]).sum(1)  # own counts once; ties count against
    return rank == 1


def unit(x):
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)


def ap(score, y):
    order = np.lexsort((y, -score))  # among ties, negatives first
    ys = y[order]
    prec = np.cumsum(ys) / np.arange(1, len(ys) + 1)
    return float((prec * ys).sum() / ys.sum())


def auc(s, y):
    s, y = s.ravel(), y.ravel().astype(bool)
    r = np.argsort(np.argsort(s))
    a = (r[y].mean() - (y.sum() - 1) / 2) / (~y).sum()
    return max(a, 1 - a)


def events(sidecar):
    """kind, on-screen sounding events, per-step indicators (audio: every sound; video: on-screen sounds)."""
    a, v = np.zeros(STEPS), np.zeros(STEPS)
    on = off = 0
    for e in sidecar['events']:
        if e['type'] not in ('hit', 'scratch', 'offscreen'):
            continue
        t0 = int(e['frame'])
        t1 = min(STEPS - 1, int((e['time'] + max(e.get('duration', 0), 0.01)) * 8))
        a[t0:t1 + 1] = 1
        if e['type'] != 'offscreen' and e.get('objectId', 0) > 0:
            v[t0:t1 + 1] = 1
            on += 1
        else:
            off += 1
    kind = 'on-screen sound' if on else ('off-screen only' if off else 'no sound')
    return kind, on, a, v


def main():
    csv, data = sys.argv[1], sys.argv[2]
    mu, scale = (float(sys.argv[3]), float(sys.argv[4])) if len(sys.argv) > 4 else (0.5, 0.1)
    ids, a, v, l = load(csv)
    n = len(ids)
    info = [events(json.load(open(f'{data}/media/{i}.json'))) for i in ids]
    kinds = np.array([k for k, _, _, _ in info])
    nev = np.array([min(e, 5) for _, e, _, _ in info])
    ga = np.array([x for _, _, x, _ in info])
    gv = np.array([x for _, _, _, x in info])
    hit = r1(v, a)
    print(f'n {n}  video->audio R@1 {hit.mean():.3f}')
    for k in ('on-screen sound', 'off-screen only', 'no sound'):
        m = kinds == k
        print(f'  {k:16s} n {m.sum():4d}  R@1 {hit[m].mean() if m.any() else float("nan"):.3f}')
    for e in range(1, 6):
        m = (nev == e) & (kinds == 'on-screen sound')
        if m.any():
            print(f'  {e}{"+" if e == 5 else ""} on-screen sound events  n {m.sum():4d}  R@1 {hit[m].mean():.3f}')
    print(f'per-step part alone R@1 {r1(v[:, :STEPS], a[:, :STEPS]).mean():.3f}, '
          f'clip-level part alone {r1(v[:, STEPS:], a[:, STEPS:]).mean():.3f}')
    print(f'per-step value detects sound-event steps: audio AUC {auc(a[:, :STEPS] - a[:, :STEPS].mean(0), ga):.3f}, '
          f'video AUC {auc(v[:, :STEPS] - v[:, :STEPS].mean(0), gv):.3f}')
    print(f'oracle timing code (true event frames, one value per step) R@1 {r1(unit(gv), unit(ga)).mean():.3f}; '
          f'clips whose picture shows no sound: {(kinds != "on-screen sound").mean():.3f}')
    al, vl, av = (a * l).sum(1), (v * l).sum(1), (a * v).sum(1)
    c = np.minimum(al, vl)
    w = 1 / (1 + np.exp(-(c - mu) / scale))
    print(f'consensus c = min(sim(l,a), sim(l,v)): median {np.median(c):.3f}, max {c.max():.3f}; '
          f'training weight w (mu {mu}, s {scale}): mean {w.mean():.3f}, max {w.max():.3f}, '
          f'share above 0.5 {(w > 0.5).mean():.3f}')
    sounding = kinds == 'on-screen sound'
    for k in ('on-screen sound', 'off-screen only', 'no sound'):
        m = kinds == k
        if m.any():
            print(f'  {k:16s} n {m.sum():4d}  sim(a,l) {al[m].mean():.3f}  sim(v,l) {vl[m].mean():.3f}  '
                  f'sim(a,v) {av[m].mean():.3f}  consensus {c[m].mean():.3f}')
    print(f'soundingAction AP (positive share {sounding.mean():.3f}): consensus {ap(c, sounding):.3f}, '
          f'sim(a,v) {ap(av, sounding):.3f}, video anchor min(sim(v,a), sim(v,l)) {ap(np.minimum(av, vl), sounding):.3f}, '
          f'audio anchor min(sim(a,v), sim(a,l)) {ap(np.minimum(av, al), sounding):.3f}')


if __name__ == '__main__':
    main()
