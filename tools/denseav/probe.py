"""Linear probe on the cells exported by tools/denseav/ProbeExport.java.

python3 tools/denseav/probe.py TRAIN_PREFIX VAL_PREFIX [FEATURES...]

For each feature set (x: the image encoder's output, pix: the cell's own 4x4 RGB pixels, x+pix: both) and each label
(material, colour), fits a multinomial logistic regression (features standardised on the train cells, class-balanced
cross-entropy, 500 steps of full-batch gradient descent with momentum, L2 1e-4) on the train cells and reports on the
val cells: accuracy, balanced accuracy (mean per-class recall) and each class's recall, over all cells (background a
class) and over the object cells only (objects' classes only). numpy only.
"""
import sys
import numpy as np

MATERIALS = ["background", "ceramic", "glass", "metal", "rubber", "wood"]
COLOURS = ["background", "blue", "brown", "red", "silver", "white"]


def load(prefix, feats):
    parts = []
    for f in feats.split("+"):
        parts.append(np.load(prefix + "." + f + ".npy").astype(np.float64))
    return np.concatenate(parts, axis=1), {k: np.load(prefix + "." + k + ".npy").astype(int) for k in ("mat", "col", "row")}


def fit(x, y, classes, steps=500, lr=0.5, l2=1e-4):
    n, d = x.shape
    w = np.zeros((d + 1, classes))
    v = np.zeros_like(w)
    xb = np.hstack([x, np.ones((n, 1))])
    counts = np.bincount(y, minlength=classes).astype(float)
    weight = (n / (classes * np.maximum(counts, 1)))[y]
    onehot = np.eye(classes)[y]
    for _ in range(steps):
        z = xb @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = xb.T @ ((p - onehot) * weight[:, None]) / weight.sum() + l2 * w
        v = 0.9 * v + g
        w -= lr * v
    return w


def predict(w, x):
    return (np.hstack([x, np.ones((len(x), 1))]) @ w).argmax(axis=1)


def report(name, y, pred, names):
    rec = []
    per = []
    for c in range(len(names)):
        m = y == c
        if m.sum() == 0:
            continue
        r = (pred[m] == c).mean()
        rec.append(r)
        per.append("%s %.2f (n %d)" % (names[c], r, m.sum()))
    print("  %-34s acc %.3f balanced %.3f (chance %.3f) | %s" % (name, (pred == y).mean(), np.mean(rec),
                                                                  1 / len(rec), ", ".join(per)))


def main():
    train, val = sys.argv[1], sys.argv[2]
    feats = sys.argv[3:] or ["x", "pix", "x+pix"]
    for f in feats:
        xt, lt = load(train, f)
        xv, lv = load(val, f)
        mu, sd = xt.mean(axis=0), xt.std(axis=0) + 1e-6
        xt, xv = (xt - mu) / sd, (xv - mu) / sd
        print("features %s (%d dims): train %d cells, val %d cells" % (f, xt.shape[1], len(xt), len(xv)))
        for key, names in (("mat", MATERIALS), ("col", COLOURS)):
            yt, yv = lt[key], lv[key]
            w = fit(xt, yt, len(names))
            report(key + " all cells", yv, predict(w, xv), names)
            ot, ov = yt > 0, yv > 0
            w = fit(xt[ot], yt[ot] - 1, len(names) - 1)
            report(key + " object cells", yv[ov] - 1, predict(w, xv[ov]), names[1:])


if __name__ == "__main__":
    main()
