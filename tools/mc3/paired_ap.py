#!/usr/bin/env python3
"""Two MC3 models' sounding-action AP on the same clips, paired: for each ranking (the consensus of every anchor and
sim(a,v)), each model's AP (diagnose.ap: pessimistic ties, as Mc3Evaluation), the difference SECOND - FIRST and its
95 % interval from a paired bootstrap over clips (both models scored on the same resampled clips).

    python3 tools/mc3/paired_ap.py FIRST.csv SECOND.csv DATA_DIR [RESAMPLES]

FIRST and SECOND are tools/mc3/Dump.java rows of DATA_DIR's clips in the same order; a clip is positive when its
sidecar has an on-screen sounding action (diagnose.events). numpy only.
"""
import json
import sys

import numpy as np

sys.path.insert(0, __file__.rsplit('/', 1)[0])
import diagnose  # noqa: E402


def rankings(csv):
    ids, a, v, l = diagnose.load(csv)
    av, al, vl = (a * v).sum(1), (a * l).sum(1), (v * l).sum(1)
    return ids, {'text anchor': np.minimum(al, vl), 'audio anchor': np.minimum(av, al),
                 'video anchor': np.minimum(av, vl), 'sim(a,v)': av}


def main():
    i1, r1 = rankings(sys.argv[1])
    i2, r2 = rankings(sys.argv[2])
    if i1 != i2:
        sys.exit('the two CSVs do not hold the same clips in the same order')
    data = sys.argv[3]
    resamples = int(sys.argv[4]) if len(sys.argv) > 4 else 10000
    y = np.array([diagnose.events(json.load(open(f'{data}/media/{i}.json')))[0] == 'on-screen sound' for i in i1])
    n = len(y)
    print(f'n {n}, positives {int(y.sum())} (random AP {y.mean():.4f}), {resamples} paired resamples')
    rng = np.random.default_rng(0)
    draws = [rng.integers(0, n, n) for _ in range(resamples)]
    draws = [d for d in draws if 0 < y[d].sum() < n]
    for name in r1:
        s1, s2 = r1[name], r2[name]
        d = np.array([diagnose.ap(s2[k], y[k]) - diagnose.ap(s1[k], y[k]) for k in draws])
        lo, hi = np.percentile(d, [2.5, 97.5])
        a1, a2 = diagnose.ap(s1, y), diagnose.ap(s2, y)
        print(f'{name:13s} first {a1:.3f} second {a2:.3f} difference {a2 - a1:+.3f} '
              f'95 % interval [{lo:+.3f}, {hi:+.3f}], share of resamples with second > first {(d > 0).mean():.3f}')


if __name__ == '__main__':
    main()
