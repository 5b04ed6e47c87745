#!/usr/bin/env python3
"""Writes the reference arrays of io.avlens.media.dsp's tests into this folder.

How the committed files were made (from the repository root):

    python3 tests/io.avlens.media.tests/resources/dsp/make_dsp_reference.py

with CPython 3.11.7 and NumPy 2.4.6; the script also records the versions it ran with in reference_info.txt.
/usr/bin/python3 (CPython 3.11.2, NumPy 1.24.2) gives the same signals and filter banks bit for bit and mel
spectrograms within 2e-12.
Needs NumPy only (no librosa, no scipy). Re-running it rewrites every file; the output is deterministic.

Everything is computed here from the textbook definitions, independently of the Java code:

* Signals: a linear chirp 100 Hz -> 5 kHz over the whole clip (amplitude 0.4), three single-sample clicks
  (amplitude 0.8 at 0.20 s, 0.45 s and 0.70 s) and Gaussian noise of standard deviation 0.003 from
  numpy.random.default_rng(20240601) (PCG64, a stream NumPy keeps stable). One second at 16 kHz (signal_16000.npy)
  and at 22.05 kHz (signal_22050.npy), saved as float32; the references are computed from those float32 values.
* STFT: periodic Hann window w[n] = 1/2 - 1/2 cos(2 pi n / N), the signal padded by N/2 on both sides with
  numpy.pad(mode="reflect"), frames every hop samples (frame t centred on sample t*hop), numpy.fft.rfft.
* Mel scale: HTK m = 2595 log10(1 + f/700); Slaney m = f / (200/3) below 1 kHz, 15 + ln(f/1000) / (ln(6.4)/27)
  above. n_mels + 2 edges equally spaced in mel between fmin and fmax; band i is the triangle that is 0 at edge i,
  1 at edge i+1 and 0 at edge i+2, linear in Hz, sampled at the bin frequencies k*sr/N; with Slaney normalisation
  band i is multiplied by 2 / (edge[i+2] - edge[i]).
* Compressions: none; natural_log = ln(max(x, 1e-5)); decibel = 20 log10(max(x, 1e-5));
  unit_db = clip((20 log10(max(x, 1e-5)) - 20 + 100) / 100, 0, 1) (SpecVQGAN / Diff-Foley).

Files:
  cases.tsv                  one line per case: name, sample rate, n_fft, hop, n_mels, fmin, fmax, scale (slaney|htk),
                             slaney norm (1|0), power (1|2), compression (none|natural_log|decibel|unit_db)
  <case>_filters.npy         float32 [n_mels, n_fft/2 + 1], the filter bank (computed in float64, stored as float32
                             like librosa's, to keep the files small)
  <case>_mel.npy             float64 [n_mels, frames], the compressed mel spectrogram of signal_<sr>.npy
  stft_512_250_mag.npy       float64 [257, frames], |STFT| of signal_16000.npy with n_fft 512, hop 250
"""

import os
import platform

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = [
    # name, sr, n_fft, hop, n_mels, fmin, fmax, scale, norm, power, compression
    ('avshapes_small', 16000, 512, 250, 64, 0.0, 8000.0, 'slaney', 1, 1, 'unit_db'),
    ('diff_foley_cavp', 16000, 1024, 256, 128, 125.0, 7600.0, 'slaney', 1, 1, 'unit_db'),
    ('condfoleygen', 22050, 1024, 256, 80, 125.0, 7600.0, 'slaney', 1, 1, 'unit_db'),
    ('htk_plain_power_decibel', 16000, 512, 128, 40, 50.0, 7000.0, 'htk', 0, 2, 'decibel'),
    ('slaney_plain_natural_log', 16000, 1024, 160, 80, 0.0, 8000.0, 'slaney', 0, 1, 'natural_log'),
    ('htk_norm_power_none', 16000, 256, 100, 32, 20.0, 4000.0, 'htk', 1, 2, 'none'),
    ('slaney_norm_decibel_22k', 22050, 2048, 512, 40, 30.0, 11025.0, 'slaney', 1, 1, 'decibel'),
]


def make_signal(sr):
    t = np.arange(sr) / sr  # one second
    f0, f1, duration = 100.0, 5000.0, 1.0
    phase = 2 * np.pi * (f0 * t + (f1 - f0) * t ** 2 / (2 * duration))
    x = 0.4 * np.sin(phase)
    for at in (0.20, 0.45, 0.70):
        x[int(round(at * sr))] += 0.8
    x += 0.003 * np.random.default_rng(20240601).standard_normal(sr)
    return x.astype(np.float32)


def hz_to_mel(f, scale):
    f = np.asarray(f, dtype=np.float64)
    if scale == 'htk':
        return 2595.0 * np.log10(1.0 + f / 700.0)
    log_part = 15.0 + np.log(np.maximum(f, 1e-300) / 1000.0) / (np.log(6.4) / 27.0)
    return np.where(f < 1000.0, f / (200.0 / 3.0), log_part)


def mel_to_hz(m, scale):
    m = np.asarray(m, dtype=np.float64)
    if scale == 'htk':
        return 700.0 * (10.0 ** (m / 2595.0) - 1.0)
    return np.where(m < 15.0, m * (200.0 / 3.0), 1000.0 * np.exp((np.log(6.4) / 27.0) * (m - 15.0)))


def filter_bank(sr, n_fft, n_mels, fmin, fmax, scale, norm):
    mels = np.linspace(hz_to_mel(fmin, scale), hz_to_mel(fmax, scale), n_mels + 2)
    edges = mel_to_hz(mels, scale)
    freqs = np.arange(n_fft // 2 + 1) * sr / n_fft
    left, centre, right = edges[:-2, None], edges[1:-1, None], edges[2:, None]
    rising = (freqs[None, :] - left) / (centre - left)
    falling = (right - freqs[None, :]) / (right - centre)
    bank = np.clip(np.minimum(rising, falling), 0.0, None)
    if norm:
        bank = bank * (2.0 / (right - left))
    return bank


def stft_magnitude(x, n_fft, hop):
    x = np.asarray(x, dtype=np.float64)
    padded = np.pad(x, n_fft // 2, mode='reflect')
    n = np.arange(n_fft)
    window = 0.5 - 0.5 * np.cos(2 * np.pi * n / n_fft)
    count = 1 + (len(padded) - n_fft) // hop
    frames = np.stack([padded[t * hop:t * hop + n_fft] for t in range(count)])
    return np.abs(np.fft.rfft(frames * window, axis=1)).T  # [bins, frames]


def compress(mel, how):
    if how == 'none':
        return mel
    if how == 'natural_log':
        return np.log(np.maximum(mel, 1e-5))
    if how == 'decibel':
        return 20.0 * np.log10(np.maximum(mel, 1e-5))
    if how == 'unit_db':
        return np.clip((20.0 * np.log10(np.maximum(mel, 1e-5)) - 20.0 + 100.0) / 100.0, 0.0, 1.0)
    raise ValueError(how)


def main():
    signals = {}
    for sr in (16000, 22050):
        signals[sr] = make_signal(sr)
        np.save(os.path.join(HERE, 'signal_%d.npy' % sr), signals[sr])
    np.save(os.path.join(HERE, 'stft_512_250_mag.npy'), stft_magnitude(signals[16000], 512, 250))
    lines = []
    for name, sr, n_fft, hop, n_mels, fmin, fmax, scale, norm, power, how in CASES:
        bank = filter_bank(sr, n_fft, n_mels, fmin, fmax, scale, norm)
        mel = bank @ (stft_magnitude(signals[sr], n_fft, hop) ** power)
        np.save(os.path.join(HERE, name + '_filters.npy'), bank.astype(np.float32))
        np.save(os.path.join(HERE, name + '_mel.npy'), compress(mel, how))
        lines.append('\t'.join(str(v) for v in (name, sr, n_fft, hop, n_mels, fmin, fmax, scale, norm, power, how)))
    with open(os.path.join(HERE, 'cases.tsv'), 'w', encoding='ascii') as f:
        f.write('\n'.join(lines) + '\n')
    with open(os.path.join(HERE, 'reference_info.txt'), 'w', encoding='ascii') as f:
        f.write('written by make_dsp_reference.py with Python %s and NumPy %s\n'
                % (platform.python_version(), np.__version__))


if __name__ == '__main__':
    main()
