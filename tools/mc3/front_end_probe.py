"""How far the log-mel front end alone lets a linear read-out tell a hit's material and size (issues #15 and #16).

Input: HitPatches.java's OUT_PREFIX.{x,y}.npy for a training folder and a held-out one (lone on-screen hits: no
other sound within 0.25 s). For each feature set, a ridge one-vs-rest read-out of the material (5 classes), fitted
on the training hits (features standardised with the training statistics, the ridge weight chosen by 5-fold
cross-validation on the training hits only), scored on the held-out hits as balanced accuracy; and a ridge
regression of the radius, scored as R^2. Feature sets: the whole patch (64 bands x 16 frames, 0.25 s from the
onset), its mean over time (the spectrum, 64 values), and the spectrum of the first 2 frames (the attack).

    python3 tools/mc3/front_end_probe.py /tmp/hp-train /tmp/hp-val
"""
import sys

import numpy as np

MATERIALS = ('wood', 'metal', 'glass', 'ceramic', 'rubber')


def load(prefix):
    x = np.load(prefix + '.x.npy')
    y = np.load(prefix + '.y.npy')
    return x, y[:, 0].astype(int), y[:, 1], y[:, 2].astype(int)


def ridge(x, t, lam):
    a = x.T @ x + lam * np.eye(x.shape[1])
    return np.linalg.solve(a, x.T @ t)


def standardise(train, other):
    mu, sd = train.mean(0), train.std(0) + 1e-6
    return (train - mu) / sd, (other - mu) / sd


def balanced(pred, truth):
    return np.mean([np.mean(pred[truth == k] == k) for k in np.unique(truth)])


def with_bias(x):
    return np.hstack([x, np.ones((len(x), 1))])


def pick_lambda(x, t, score, clips):
    """The ridge weight with the best mean score over 5 folds of the training hits, split by clip."""
    best, best_lam = -np.inf, None
    fold = clips % 5
    for lam in (0.1, 1, 10, 100, 1000, 10000):
        s = []
        for f in range(5):
            tr, va = fold != f, fold == f
            w = ridge(x[tr], t[tr], lam)
            s.append(score(x[va] @ w, va))
        if np.mean(s) > best:
            best, best_lam = np.mean(s), lam
    return best_lam


def main(train_prefix, test_prefix):
    xa, ma, ra, ga = load(train_prefix)
    xb, mb, rb, _ = load(test_prefix)
    sets = {
        'patch (64 x 16)': (xa.reshape(len(xa), -1), xb.reshape(len(xb), -1)),
        'spectrum (time mean, 64)': (xa.mean(2), xb.mean(2)),
        'attack (first 2 frames, 64)': (xa[:, :, :2].mean(2), xb[:, :, :2].mean(2)),
    }
    print(f'hits: train {len(xa)}, held out {len(xb)} ({", ".join(f"{m} {np.sum(mb == i)}" for i, m in enumerate(MATERIALS))})')
    print(f'majority-class balanced accuracy 0.200')
    for name, (a, b) in sets.items():
        a, b = standardise(a, b)
        a, b = with_bias(a), with_bias(b)
        onehot = np.eye(5)[ma]
        lam = pick_lambda(a, onehot, lambda p, va: balanced(p.argmax(1), ma[va]), ga)
        w = ridge(a, onehot, lam)
        acc = balanced((b @ w).argmax(1), mb)
        lam_r = pick_lambda(a, ra, lambda p, va: 1 - np.sum((p - ra[va]) ** 2) / np.sum((ra[va] - ra[va].mean()) ** 2), ga)
        wr = ridge(a, ra, lam_r)
        pr = b @ wr
        r2 = 1 - np.sum((pr - rb) ** 2) / np.sum((rb - rb.mean()) ** 2)
        conf = np.zeros((5, 5), int)
        for p, t in zip((b @ w).argmax(1), mb):
            conf[t, p] += 1
        recall = ' '.join(f'{MATERIALS[k]} {conf[k, k] / max(1, conf[k].sum()):.2f}' for k in range(5))
        print(f'{name:28s} material balanced acc {acc:.3f} (ridge {lam:g}; recall {recall}) | radius R^2 {r2:.3f} (ridge {lam_r:g})')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
