#!/usr/bin/env python3
"""How an MC3 embedding's two parts carry retrieval, from the rows tools/mc3/Dump.java writes (any D = k*32 + 32).

    python3 tools/mc3/parts.py EMBEDDINGS.csv

Prints D and k, then for the whole row, the per-step part alone (the first k*32 values) and the clip-level part alone
(the last 32), each re-normalised: the R@1 of all six directions over the n clips of the CSV (gallery = all of them,
ties count against, as Mc3Evaluation), and the mean share of each modality's squared norm in the per-step part (how
much of a text vector says something per step, which a narration cannot know) and, per per-step channel, the share of
its energy that is its mean over the steps (a channel constant over time is a clip-level value). numpy only.
"""
import sys

import numpy as np

GLOBAL = 32
NAMES = ('audio', 'video', 'text')
PAIRS = ((1, 0), (0, 1), (0, 2), (2, 0), (1, 2), (2, 1))


def load(csv):
    rows = [[float(x) for x in line.strip().split(',')[1:]] for line in open(csv)]
    z = np.array(rows)
    d = z.shape[1] // 3
    return [z[:, i * d:(i + 1) * d] for i in range(3)]


def unit(x):
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)


def r1(q, g):
    s = q @ g.T
    return float(((s >= np.diag(s)[:, None]).sum(1) == 1).mean())


def main():
    m = load(sys.argv[1])
    n, d = m[0].shape
    k = (d - GLOBAL) // 32
    print(f'n {n}, D {d}, k {k} (per-step {d - GLOBAL}, clip-level {GLOBAL})')
    parts = {'whole': slice(0, d), 'per-step': slice(0, d - GLOBAL), 'clip-level': slice(d - GLOBAL, d)}
    for name, s in parts.items():
        u = [unit(x[:, s]) for x in m]
        print(f'{name:10s} ' + ' '.join(f'{NAMES[a][0].upper()}->{NAMES[b][0].upper()} {r1(u[a], u[b]):.3f}'
                                      for a, b in PAIRS))
    step = slice(0, d - GLOBAL)
    print('per-step share of |x|^2: ' + ' '.join(
        f'{NAMES[i]} {float((m[i][:, step] ** 2).sum(1).mean() / (m[i] ** 2).sum(1).mean()):.3f}' for i in range(3)))
    for i in range(3):
        p = m[i][:, step].reshape(n, k, 32)
        constant = 32 * (p.mean(2) ** 2).mean(0) / np.maximum((p ** 2).sum(2).mean(0), 1e-12)
        print(f'{NAMES[i]} channels, share constant over time: ' + ' '.join(f'{x:.3f}' for x in constant))


if __name__ == '__main__':
    main()
