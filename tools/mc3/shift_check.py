#!/usr/bin/env python3
"""Reads tools/mc3/ShiftDump.java's rows and says how a model scores shifted sounds (numpy only).

usage: shift_check.py SHIFTS.csv [DATA_DIR]

For each shift s: the mean cosine of a clip's video with its own shifted sound, sim(v_i, a_i^s), against its own
unshifted sound, sim(v_i, a_i); the mean cosine of other clips' videos with the shifted sound, sim(v_j, a_i^s),
j != i, against sim(v_j, a_i) (if shifted sounds are rejected by an artefact, every video's similarity to them drops,
not only the own one's); the share of clips whose video ranks its own sound above its own shifted sound; and V->A
R@1 when the gallery holds every clip's sound and every clip's shifted sound (2n). With DATA_DIR, the share is also
given for clips with an on-screen hit (the sidecars), where only size can tell the two sounds apart.
"""
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np


def main():
    rows = defaultdict(dict)
    for line in open(sys.argv[1]):
        p = line.rstrip().split(',')
        x = np.array(p[2:], float)
        d = len(x) // 2
        rows[int(p[1])][p[0]] = (x[:d], x[d:])
    ids = sorted(rows[0])
    a0 = np.array([rows[0][i][0] for i in ids])
    v = np.array([rows[0][i][1] for i in ids])
    n = len(ids)
    hits = None
    if len(sys.argv) > 2:
        media = Path(sys.argv[2]) / 'media'
        hits = np.array([any(e['type'] == 'hit' and e['objectId'] > 0
                             for e in json.load(open(media / f'{i}.json'))['events']) for i in ids])
    s0 = v @ a0.T
    off = ~np.eye(n, dtype=bool)
    print(f'{sys.argv[1]}: n {n}; sim(v_i, a_i) {np.diag(s0).mean():.4f}, sim(v_j, a_i) {s0[off].mean():.4f}')
    for s in sorted(k for k in rows if k != 0):
        a = np.array([rows[s][i][0] for i in ids])
        ss = v @ a.T
        own = np.diag(s0) > np.diag(ss)
        gallery = np.concatenate([s0, ss], 1)
        r1 = (gallery.argmax(1) == np.arange(n)).mean()
        line = (f'  shift {s:+d}: sim(v_i, a_i^s) {np.diag(ss).mean():.4f}, sim(v_j, a_i^s) {ss[off].mean():.4f}; '
                f'own sound above own shifted {own.mean():.3f}')
        if hits is not None:
            line += f' (clips with an on-screen hit {own[hits].mean():.3f}, n {hits.sum()})'
        print(line + f'; V->A R@1 with both in the gallery {r1:.3f} (without the shifted: '
              f'{(s0.argmax(1) == np.arange(n)).mean():.3f})')


if __name__ == '__main__':
    main()
