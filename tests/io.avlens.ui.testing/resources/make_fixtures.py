#!/usr/bin/env python3
"""Writes denseav_heads.npy for the Tensor view's UI test: a real tensor saved by numpy (the view must read numpy's
own header), float32 [2, 16, 16]: DenseAV-small's two heads' heatmaps over the 16 x 16 cells of one frame, at that
frame's own audio step, for an AV-Shapes clip where a metal ball hits the floor.

Made with the shipped denseav-small weights and numpy 2.4.6 (from the repository root):

    ./avlens synth --out /tmp/tv32 --clips 6 --seed 11 --size 64 --fps 8 --seconds 4
    ./avlens heatmap --model denseav-small --clip /tmp/tv32/media/clip-00005.mp4 --out /tmp/tv32/h5.npy
    python3 tests/io.avlens.ui.testing/resources/make_fixtures.py /tmp/tv32/h5.npy 4

The clip's sidecar puts the hit at 0.5 s (video frame 4, audio step 4 at 8 steps a second); both heads peak on the
ball's cells (row 13, column 2 of 16). The volume's layout is avlens heatmap's [frames, heads, h, w, t_audio].
"""
import sys

import numpy as np

volume = np.load(sys.argv[1])
step = int(sys.argv[2])
heads = np.ascontiguousarray(volume[step, :, :, :, step], dtype=np.float32)
out = sys.argv[3] if len(sys.argv) > 3 else "denseav_heads.npy"
np.save(out, heads)
print(out, heads.shape, heads.size, float(heads.min()), float(heads.max()), float(heads.mean()), float(heads.std()))
