#!/usr/bin/env python3
"""A mock audio part with the official DenseAV export's layout (tools/export/export_denseav.py): waveform [B, N] ->
audio [B, K, C, F, T]. Here K = 2, C = 16, F = 1 and T = N / 1000 (16 steps/s at 16 kHz, not DenseAV-small's 8): channel
(k, c) of step t is (1 + 16 k + c) times the RMS of samples [1000 t, 1000 t + 1000), so a test can recompute every
value from the decoded sound. N must be a multiple of 1000.

    /usr/bin/python3 tests/io.avlens.models.tests/resources/denseav-waveform-mock/make_mock.py
"""
import hashlib
import json
import os

import torch
import torch.nn as nn

STEP = 1000


class WaveformAudio(nn.Module):
    def forward(self, waveform):
        b = waveform.shape[0]
        rms = waveform.reshape(b, -1, STEP).square().mean(2).sqrt()
        scale = torch.arange(1, 33, dtype=torch.float32).reshape(1, 2, 16, 1, 1)
        return scale * rms.reshape(b, 1, 1, 1, -1)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    m = WaveformAudio().eval()
    with torch.no_grad():
        traced = torch.jit.trace(m, torch.rand(1, 8 * STEP))
        other = torch.rand(2, 5 * STEP)
        assert (traced(other) - m(other)).abs().max().item() == 0
    path = os.path.join(here, 'waveform-audio.pt')
    traced.save(path)
    sha = hashlib.sha256(open(path, 'rb').read()).hexdigest()
    d = {'formatVersion': 1, 'id': 'denseav-waveform-mock', 'family': 'denseav', 'source': 'torchscript',
         'weights': 'waveform-audio.pt', 'sha256': sha, 'profile': 'avshapes-small', 'modalities': ['audio'],
         'inputs': [{'name': 'waveform', 'shape': ['B', 'N']}],
         'outputs': [{'name': 'audio', 'shape': ['B', 2, 16, 1, 'T']}],
         'notes': {'origin': 'make_mock.py: a mock of the official DenseAV audio layout, torch %s' % torch.__version__}}
    with open(os.path.join(here, 'model.json'), 'w') as f:
        json.dump(d, f, indent=2)
        f.write('\n')


if __name__ == '__main__':
    main()
