#!/usr/bin/env python3
"""What an MC3-small model's per-step values say of each hit, side by side for audio and video.

usage: attribute_probe.py DATA DUMP.csv [DUMP2.csv ...]

For every on-screen hit of DATA's clips (the sidecars; `oracle_ceiling.load_clip`) the k per-step values of each side at
steps t-1..t+2 of its onset frame t are the features of cross-validated ridge probes (5 folds by clip, features
standardised on the training folds; `oracle_ceiling.ridge_cv`):
  * material: 5-way accuracy (argmax of one-vs-rest scores), and the majority share;
  * radius (4.48-7.68 px): R^2 of the read-out;
  * impact speed (0.6-4 m/s, capped at 4 as the sound saturates): R^2;
  * when: AUC of the per-step values (a ridge read-out of the k values of one step) for "a hit or scratch starts at
    this step" over every step of every clip (held-out by clip).
The ceiling section of weights/mc3-small/README.md found that V->A R@1 0.8 needs every event's material, its size to a
fifth of the range and its speed, bound to its step, on both sides; these probes say which side lacks which. numpy only.
"""
import sys
from pathlib import Path

import numpy as np

from oracle_ceiling import MATERIALS, auc, load_clip, load_rows, ridge_cv


def r2(p, y):
    return 1 - ((p - y) ** 2).sum() / ((y - y.mean()) ** 2).sum()


def probe(data, csv):
    files = sorted((Path(data) / 'media').glob('clip-*.json'))
    import json
    meta = json.load(open(files[0]))
    fps, steps = meta['fps'], meta['frames']
    by_id = {f.stem: load_clip(f, fps) for f in files}
    ids, a, v, _ = load_rows(csv)
    n = len(ids)
    k = (a.shape[1] - steps) // steps
    print(f'{csv}: n {n} clips, {k} values per step')
    for side, z, src in (('audio', a, 2), ('video', v, 1)):
        per = z[:, :k * steps].reshape(n, k, steps)
        x, mat, rad, spd, g = [], [], [], [], []
        onset = np.zeros((n, steps), bool)
        for i, cid in enumerate(ids):
            for e in by_id[cid][src]:
                onset[i, min(e['start'], steps - 1)] = True
                if e['action'] != 'hit':
                    continue
                t = e['start']
                x.append(np.concatenate([per[i, :, min(max(t + o, 0), steps - 1)] for o in (-1, 0, 1, 2)]))
                mat.append([e['material'] == m for m in MATERIALS])
                rad.append(e['radius'])
                spd.append(e['speed'])
                g.append(i)
        x, mat, g = np.array(x), np.array(mat, float), np.array(g)
        rad, spd = np.array(rad, float), np.array(spd, float)
        pm = ridge_cv(x, mat, g)
        acc = (pm.argmax(1) == mat.argmax(1)).mean()
        pr = ridge_cv(x, rad[:, None], g)[:, 0]
        ps = ridge_cv(x, spd[:, None], g)[:, 0]
        xs = per.transpose(0, 2, 1).reshape(n * steps, k)
        po = ridge_cv(xs, onset.reshape(-1, 1).astype(float), np.repeat(np.arange(n), steps))[:, 0]
        print(f'  {side}: material acc {acc:.3f} (majority {mat.mean(0).max():.3f}), radius R2 {r2(pr, rad):.3f}, '
              f'speed R2 {r2(ps, spd):.3f} (n {len(g)} hits, {len(set(g))} clips); onset step AUC '
              f'{auc(po, onset.reshape(-1)):.3f} (n {n * steps} steps, {onset.sum()} onsets)')


if __name__ == '__main__':
    for c in sys.argv[2:]:
        probe(sys.argv[1], c)
