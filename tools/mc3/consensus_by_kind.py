#!/usr/bin/env python3
"""The consensus c of every anchor (text, audio, video) by clip kind (an on-screen sounding action / only an
off-screen sound / no sound), from tools/mc3/Dump.java's rows, and with MU and S the weight w = sigmoid((c - MU) / S)
of the audio anchor by kind: how MC3's consensus settings were chosen from training clips.

usage: python3 tools/mc3/consensus_by_kind.py ROWS.csv DATA_DIR [MU S]
"""
import json
import sys

import numpy as np

sys.path.insert(0, __file__.rsplit('/', 1)[0])
import diagnose  # noqa: E402

KINDS = ('on-screen sound', 'off-screen only', 'no sound')


def main():
    csv, data = sys.argv[1], sys.argv[2]
    ids, a, v, l = diagnose.load(csv)
    kinds = np.array([diagnose.events(json.load(open(f'{data}/media/{i}.json')))[0] for i in ids])
    av, al, vl = (a * v).sum(1), (a * l).sum(1), (v * l).sum(1)
    anchors = {'text': np.minimum(al, vl), 'audio': np.minimum(av, al), 'video': np.minimum(av, vl)}
    for name, c in anchors.items():
        print(f'{name} anchor: all n {len(c)} median {np.median(c):.3f} sd {c.std():.3f}')
        for k in KINDS:
            x = c[kinds == k]
            if len(x):
                p5, p50, p95 = np.percentile(x, [5, 50, 95])
                print(f'   {k:16s} n {len(x):4d} mean {x.mean():.3f} sd {x.std():.3f} '
                      f'p5 {p5:.3f} p50 {p50:.3f} p95 {p95:.3f}')
    if len(sys.argv) > 4:
        mu, s = float(sys.argv[3]), float(sys.argv[4])
        w = 1 / (1 + np.exp(-(anchors['audio'] - mu) / s))
        for k in KINDS:
            x = w[kinds == k]
            if len(x):
                print(f'audio anchor w (mu {mu}, s {s}) {k:16s} mean {x.mean():.3f} share above 1/2 '
                      f'{(x > 0.5).mean():.3f}')


if __name__ == '__main__':
    main()
