#!/usr/bin/env python3
"""Two MC3 models' video->audio and audio->video R@1 on the same clips, paired (exact two-sided McNemar test).

    python3 tools/mc3/paired.py FIRST.csv SECOND.csv

Both CSVs are tools/mc3/Dump.java rows of the same clips in the same order (any D each). Prints each model's R@1,
the clips only the second / only the first retrieves at rank 1 (ties count against, as Mc3Evaluation) and p. numpy only.
"""
import sys
from math import comb

import numpy as np


def load(csv):
    rows = [line.strip().split(',') for line in open(csv)]
    z = np.array([[float(x) for x in r[1:]] for r in rows])
    d = z.shape[1] // 3
    return [r[0] for r in rows], z[:, :d], z[:, d:2 * d]


def hits(q, g):
    s = q @ g.T
    return (s >= np.diag(s)[:, None]).sum(1) == 1


def main():
    i1, a1, v1 = load(sys.argv[1])
    i2, a2, v2 = load(sys.argv[2])
    if i1 != i2:
        sys.exit('the two CSVs do not hold the same clips in the same order')
    for name, x1, x2 in (('V->A', hits(v1, a1), hits(v2, a2)), ('A->V', hits(a1, v1), hits(a2, v2))):
        b, c = int((x2 & ~x1).sum()), int((x1 & ~x2).sum())
        n = b + c
        p = min(1.0, 2 * sum(comb(n, k) for k in range(min(b, c) + 1)) / 2 ** n) if n else 1.0
        print(f'{name} n {len(x1)}: first {x1.mean():.3f}, second {x2.mean():.3f}; only second {b}, only first {c}, '
              f'exact McNemar p {p:.4f}')


if __name__ == '__main__':
    main()
