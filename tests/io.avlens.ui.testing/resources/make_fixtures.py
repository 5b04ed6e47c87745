#!/usr/bin/env python3
"""Writes attention_demo.npy: a float32 tensor [2, 48, 64] for the Tensor view's UI test, made with numpy.

Run from this folder: python3 make_fixtures.py (numpy 2.4.6 made the committed file). Plane 0 is a bright
diagonal band shifted by 4 columns (what a synchronised similarity volume with a lag looks like), plane 1 two
Gaussian blobs (a two-object attention map); both with seeded noise, values roughly in [-0.3, 1].
"""
import numpy as np

rng = np.random.default_rng(7)
rows, cols = 48, 64
r, c = np.mgrid[0:rows, 0:cols].astype(np.float32)
band = np.exp(-((c - r * cols / rows - 4) ** 2) / (2 * 2.5 ** 2))
blobs = np.exp(-(((r - 14) / 6) ** 2 + ((c - 18) / 8) ** 2)) + 0.7 * np.exp(-(((r - 32) / 5) ** 2 + ((c - 46) / 6) ** 2))
planes = np.stack([band, blobs]) + rng.normal(0, 0.08, (2, rows, cols)) - 0.1
np.save("attention_demo.npy", planes.astype(np.float32))
print("attention_demo.npy", planes.shape, float(planes.min()), float(planes.max()))
