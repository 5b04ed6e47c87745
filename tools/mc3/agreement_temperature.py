#!/usr/bin/env python3
"""How the agreement's temperature was chosen (io.avlens.analysis.embedding.Agreement, val only): the AP of
soundingAction (an on-screen sounding action) when clips are ranked by each pair's posterior over the clips,
    p(y_i | x_i) = softmax_j(cos(x_i, y_j) / tau)[i],   agreement_xy(i) = sqrt(p(y_i | x_i) p(x_i | y_i)),
the smallest over all three pairs ('all'), over the text's two pairs ('text anchor') and the audio-video pair alone,
beside the cosine consensus min(sim(l,a), sim(l,v)), from tools/mc3/Dump.java's rows.

usage: python3 tools/mc3/agreement_temperature.py ROWS.csv DATA_DIR [TAU ...]   (default taus 0.02 0.05 0.1)
"""
import json
import sys

import numpy as np

sys.path.insert(0, __file__.rsplit('/', 1)[0])
import diagnose  # noqa: E402


def average_precision(score, positive):
    # ties pessimistic, as Ranking.averagePrecision: among equal scores the negatives come first
    order = np.lexsort((positive, -score))
    p = positive[order]
    hits = np.cumsum(p)
    return float((hits / np.arange(1, len(p) + 1) * p).sum() / p.sum())


def log_posterior(x, y, tau):
    s = x @ y.T / tau
    s = s - s.max(1, keepdims=True)
    return np.diag(s) - np.log(np.exp(s).sum(1))


def agreement(x, y, tau):
    return np.exp(0.5 * (log_posterior(x, y, tau) + log_posterior(y, x, tau)))


def main():
    csv, data = sys.argv[1], sys.argv[2]
    taus = [float(t) for t in sys.argv[3:]] or [0.02, 0.05, 0.1]
    ids, a, v, l = diagnose.load(csv)
    kinds = [diagnose.events(json.load(open(f'{data}/media/{i}.json')))[0] for i in ids]
    positive = np.array([k == 'on-screen sound' for k in kinds], dtype=float)
    cosine = np.minimum((a * l).sum(1), (v * l).sum(1))
    print(f'{csv}: n {len(positive)}, positive share {positive.mean():.3f}, '
          f'cosine consensus (text) AP {average_precision(cosine, positive):.3f}')
    for tau in taus:
        av, al, vl = agreement(a, v, tau), agreement(a, l, tau), agreement(v, l, tau)
        print(f'  tau {tau:g}: all pairs {average_precision(np.minimum(np.minimum(av, al), vl), positive):.3f}'
              f'  text anchor {average_precision(np.minimum(al, vl), positive):.3f}'
              f'  audio-video {average_precision(av, positive):.3f}')


if __name__ == '__main__':
    main()
