#!/usr/bin/env python3
"""Writes the reference arrays of io.avlens.analysis.similarity's tests into this folder.

How the committed files were made (from the repository root):

    python3 tests/io.avlens.analysis.tests/resources/similarity/make_similarity_reference.py

Needs NumPy only. Deterministic: features come from numpy.random.default_rng(seed) (PCG64, a stream NumPy keeps
stable) and are stored as float32; every reference is computed from those float32 values in float64, from the
definitions in docs/methods.md section 1, independently of the Java code:

* S[a, v] = <e_a / max(|e_a|, 1e-12), e_v / max(|e_v|, 1e-12)>  (torch.nn.functional.normalize, then a matmul).
* band mean of lag d (video steps): for each video step t, the audio row r = floor((v0 + (t + d) * dv - a0) / da + 0.5)
  (nearest audio step start to the media time of video step t + d); mean of S[r, t] over the t with 0 <= r < Ta.
* lag* = argmax_d (ties: smaller |d|, then negative d); confidence = softmax(band / tau)[lag*], tau = 0.07.
* retrieval: row of an audio time = nearest step (same rounding, clamped); columns ranked by descending score.

Each case hides a true offset: the video features are random, and the audio feature at media time x is the video
feature at time x - offset plus noise, so the sound comes `offset` seconds late.

Files per case (cases.tsv: name, Ta, Tv, C, a0, da, v0, dv, D, offset_s, query_audio_s, query_video_s, k):
  <case>_audio.npy  float32 [Ta, C]   <case>_video.npy  float32 [Tv, C]
  <case>_sim.npy    float64 [Ta, Tv]  <case>_band.npy   float64 [2D+1]
  <case>_result.npy float64 [lag_steps, lag_seconds, confidence]
  <case>_v4a.npy    int64 [k] columns for the audio query   <case>_a4v.npy int64 [k] rows for the video query
"""

import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
TAU = 0.07

CASES = [
    # name, Ta, Tv, C, a0, da, v0, dv, D, offset_s, query_audio_s, query_video_s, k, seed
    ('equal_rates_late_sound', 40, 40, 16, 0.0, 0.125, 0.0, 0.125, 6, 0.375, 2.0, 1.5, 5, 1),
    ('mel_rate_early_sound', 256, 32, 24, 0.0, 1 / 64, 0.0, 0.125, 8, -0.25, 1.3, 2.0, 4, 2),
    ('odd_rates_late_sound', 75, 30, 12, 0.02, 0.04, 0.0, 0.1, 5, 0.2, 0.9, 1.2, 6, 3),
]


def unit(x):
    x = x.astype(np.float64)
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def nearest(x, start, step):
    return np.floor((x - start) / step + 0.5).astype(np.int64)


def main():
    lines = []
    for (name, ta, tv, c, a0, da, v0, dv, D, offset, qa, qv, k, seed) in CASES:
        rng = np.random.default_rng(seed)
        video = rng.standard_normal((tv, c)).astype(np.float32)
        audio_times = a0 + np.arange(ta) * da
        src = np.clip(nearest(audio_times - offset, v0, dv), 0, tv - 1)
        audio = (video[src] + 2.0 * rng.standard_normal((ta, c))).astype(np.float32)
        sim = unit(audio) @ unit(video).T
        band = np.full(2 * D + 1, np.nan)
        for d in range(-D, D + 1):
            t = np.arange(tv)
            r = np.floor((v0 + (t + d) * dv - a0) / da + 0.5).astype(np.int64)
            ok = (r >= 0) & (r < ta)
            if ok.any():
                band[d + D] = sim[r[ok], t[ok]].mean()
        order = sorted(range(2 * D + 1), key=lambda i: (-band[i], abs(i - D), i))
        best = order[0]
        logits = (band - np.nanmax(band)) / TAU
        p = np.where(np.isnan(band), 0.0, np.exp(np.nan_to_num(logits, nan=-np.inf)))
        p /= p.sum()
        lag = best - D
        row = int(np.clip(nearest(qa, a0, da), 0, ta - 1))
        col = int(np.clip(nearest(qv, v0, dv), 0, tv - 1))
        v4a = np.array(sorted(range(tv), key=lambda j: (-np.float32(sim[row, j]), j))[:k], dtype=np.int64)
        a4v = np.array(sorted(range(ta), key=lambda i: (-np.float32(sim[i, col]), i))[:k], dtype=np.int64)
        for suffix, arr in [('audio', audio), ('video', video), ('sim', sim), ('band', band),
                            ('result', np.array([lag, lag * dv, p[best]])), ('v4a', v4a), ('a4v', a4v)]:
            np.save(os.path.join(HERE, f'{name}_{suffix}.npy'), arr)
        lines.append('\t'.join(str(x) for x in (name, ta, tv, c, repr(a0), repr(da), repr(v0), repr(dv), D,
                                                 repr(offset), repr(qa), repr(qv), k)))
        print(name, 'lag', lag, 'steps =', lag * dv, 's, confidence', round(p[best], 4))
    with open(os.path.join(HERE, 'cases.tsv'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    with open(os.path.join(HERE, 'reference_info.txt'), 'w') as f:
        f.write(f'numpy {np.__version__}\n')


if __name__ == '__main__':
    main()
