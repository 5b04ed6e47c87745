#!/usr/bin/env python3
"""CAVP-small (AV Lens's own CAVP, io.avlens.models.cavp.CavpBlock) ported to PyTorch, loading the shipped weights.

The port exists to prove the import path with a model whose answer we know: its two towers are traced to
TorchScript, imported into AV Lens as one two-part model ({video, audio}) and must give the built-in DJL block's
similarity volume and lag. The weights are read straight from DJL's ``.params`` file (``read_djl_params``), so
nothing has to be exported from Java first.

    /usr/bin/python3 tools/export/cavp_small.py \
        --params bundles/io.avlens.models.cavp/weights/cavp-small/cavp-small.params --out DIR

writes ``DIR/cavp-small-video.pt`` (frames ``[B, T, 64, 64, 3]`` -> video ``[B, T, 64]``),
``DIR/cavp-small-audio.pt`` (mel ``[B, 64, T*8]`` -> audio ``[B, T, 64]``) and ``DIR/model.json``, the two-part
descriptor (family ``cavp``, profile ``avshapes-small``). Each trace is checked against the eager port on a second
input with another batch and time size before it is written (``_trace``).
"""
import argparse
import hashlib
import json
import os
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

MEL_BINS = 64
MEL_PER_STEP = 8
FRAME = 64
CHANNELS = 64
VIDEO_WIDTHS = (16, 32, 64)
TEMPORAL = 96


# ---------------------------------------------------------------- DJL .params reader

class _Reader:
    def __init__(self, data):
        self.d = data
        self.i = 0

    def take(self, n):
        b = self.d[self.i:self.i + n]
        self.i += n
        return b

    def int(self):
        return struct.unpack('>i', self.take(4))[0]

    def long(self):
        return struct.unpack('>q', self.take(8))[0]

    def utf(self):
        n = struct.unpack('>H', self.take(2))[0]
        return self.take(n).decode('utf-8')


def read_djl_params(path):
    """The arrays of a DJL ``.params`` file, in file order, as ``[(name, tensor)]``.

    Each parameter is written by DJL's ``Parameter.save`` as char ``'P'``, a version byte, its name, then the
    array (``NDSerializer``, version 3): ``"NDAR"``, version, a has-name byte and the name, sparse format,
    data type, shape (rank, sizes as longs, layout characters), a byte-order byte, the byte count and the data.
    Arrays appear in block order: a block's own parameters, then its children's, depth first.
    """
    data = open(path, 'rb').read()
    out = []
    pos = 0
    while True:
        pos = data.find(b'\x00\x04NDAR', pos)
        if pos < 0:
            return out
        r = _Reader(data)
        r.i = pos
        assert r.utf() == 'NDAR'
        version = r.int()
        if version != 3:
            raise ValueError('%s: NDArray encoding version %d, this reader knows 3' % (path, version))
        name = r.utf() if r.take(1) != b'\x00' else ''
        sparse = r.utf()
        dtype = r.utf()
        if sparse != 'DENSE' or dtype != 'FLOAT32':
            raise ValueError('%s: array %s is %s %s, expected DENSE FLOAT32' % (path, name, sparse, dtype))
        rank = r.int()
        shape = [r.long() for _ in range(rank)]
        layout = r.int()
        r.take(2 * layout)
        order = r.take(1)
        n = r.int()
        raw = r.take(n)
        fmt = '<' if order == b'<' else '>'
        values = struct.unpack(fmt + '%df' % (n // 4), raw)
        out.append((name, torch.tensor(values, dtype=torch.float32).reshape(shape)))
        pos = r.i


# ---------------------------------------------------------------- the network (CavpBlock, TemporalConv)

def normalise(x):
    """CavpBlock.normalise: x / sqrt(sum(x^2) + 1e-6) along the last axis."""
    return x / torch.sqrt(x.square().sum(-1, keepdim=True) + 1e-6)


class TemporalConv(nn.Module):
    """A Conv1d over time that pads by repeating the first and last step (TemporalConv.java)."""

    def __init__(self, cin, cout, kernel):
        super().__init__()
        self.pad = kernel // 2
        self.conv = nn.Conv1d(cin, cout, kernel)

    def forward(self, x):
        if self.pad:
            x = F.pad(x, (self.pad, self.pad), mode='replicate')
        return self.conv(x)


class VideoTower(nn.Module):
    """frames [B, T, 64, 64, 3] (RGB in [0, 1]) -> video [B, T, 64], L2-normalised (CavpBlock.encodeVideo)."""

    def __init__(self):
        super().__init__()
        layers = [nn.AvgPool2d(2)]
        cin = 9
        for w in VIDEO_WIDTHS:
            layers += [nn.Conv2d(cin, w, 3, stride=2, padding=1), nn.BatchNorm2d(w), nn.ReLU()]
            cin = w
        self.frames = nn.Sequential(*layers)
        self.temporal = nn.Sequential(TemporalConv(2 * cin, TEMPORAL, 3), nn.BatchNorm1d(TEMPORAL), nn.ReLU(),
                                      TemporalConv(TEMPORAL, CHANNELS, 3))

    def forward(self, frames):
        b, t = frames.shape[0], frames.shape[1]
        x = frames.permute(0, 1, 4, 2, 3)
        diff = x[:, 1:] - x[:, :-1]
        zero = torch.zeros_like(x[:, :1])
        before = torch.cat([zero, diff], 1)  # x_t - x_{t-1}, 0 for the first frame
        after = torch.cat([diff, zero], 1)  # x_{t+1} - x_t, 0 for the last frame
        stack = torch.cat([x, before, after], 2).reshape(-1, 9, FRAME, FRAME)
        m = self.frames(stack)
        flat = m.reshape(m.shape[0], m.shape[1], -1)
        pooled = torch.cat([flat.mean(2), flat.max(2).values], 1)
        seq = pooled.reshape(b, t, -1).transpose(1, 2)
        return normalise(self.temporal(seq).transpose(1, 2))


class AudioTower(nn.Module):
    """mel [B, 64, T*8] (log-mel in [0, 1]) -> audio [B, T, 64], L2-normalised (CavpBlock.encodeAudio)."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            TemporalConv(MEL_BINS * MEL_PER_STEP, 2 * TEMPORAL, 3), nn.BatchNorm1d(2 * TEMPORAL), nn.ReLU(),
            TemporalConv(2 * TEMPORAL, TEMPORAL, 3), nn.BatchNorm1d(TEMPORAL), nn.ReLU(),
            TemporalConv(TEMPORAL, CHANNELS, 1))

    def forward(self, mel):
        b = mel.shape[0]
        x = mel.reshape(b, MEL_BINS, -1, MEL_PER_STEP).permute(0, 1, 3, 2).reshape(b, MEL_BINS * MEL_PER_STEP, -1)
        return normalise(self.net(x).transpose(1, 2))


def _djl_order(module):
    """The port's tensors in the order DJL writes the block's (conv weight, bias; BatchNorm gamma, beta,
    running mean, running variance)."""
    out = []
    for m in module.modules():
        if isinstance(m, (nn.Conv1d, nn.Conv2d)):
            out += [m.weight, m.bias]
        elif isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            out += [m.weight, m.bias, m.running_mean, m.running_var]
    return out


def load(params_path):
    """Both towers with the weights of a CAVP-small ``.params`` file, in eval mode."""
    arrays = read_djl_params(params_path)
    names = [n for n, _ in arrays]
    if names[0] != 'logitScale' or len(arrays) != 41:
        raise ValueError('%s: not a CAVP-small parameter file (%d arrays, first %s)' % (params_path, len(arrays),
                                                                                         names[:1]))
    video, audio = VideoTower(), AudioTower()
    # CavpBlock's children in order: frames, videoTemporal, audio
    targets = _djl_order(video.frames) + _djl_order(video.temporal) + _djl_order(audio.net)
    with torch.no_grad():
        for target, (name, value) in zip(targets, arrays[1:]):
            if tuple(target.shape) != tuple(value.shape):
                raise ValueError('%s: %s has shape %s, the port expects %s' % (params_path, name,
                                                                                tuple(value.shape),
                                                                                tuple(target.shape)))
            target.copy_(value)
    return video.eval(), audio.eval()


def _sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        h.update(f.read())
    return h.hexdigest()


def _trace(module, example, other):
    with torch.no_grad():
        traced = torch.jit.trace(module, example)
        diff = (traced(other) - module(other)).abs().max().item()
    if diff > 1e-5:
        raise SystemExit('trace of %s differs from the eager port by %g on another input size' %
                         (type(module).__name__, diff))
    return traced


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--params', required=True, help='CAVP-small .params (DJL)')
    p.add_argument('--out', required=True, help='output folder')
    p.add_argument('--id', default='cavp-small-imported')
    a = p.parse_args()
    torch.manual_seed(0)
    video, audio = load(a.params)
    os.makedirs(a.out, exist_ok=True)
    tv = _trace(video, torch.rand(1, 4, FRAME, FRAME, 3), torch.rand(2, 7, FRAME, FRAME, 3))
    ta = _trace(audio, torch.rand(1, MEL_BINS, 4 * MEL_PER_STEP), torch.rand(2, MEL_BINS, 7 * MEL_PER_STEP))
    vpath = os.path.join(a.out, 'cavp-small-video.pt')
    apath = os.path.join(a.out, 'cavp-small-audio.pt')
    tv.save(vpath)
    ta.save(apath)
    descriptor = {
        'formatVersion': 1,
        'id': a.id,
        'family': 'cavp',
        'profile': 'avshapes-small',
        'padShort': True,
        'modalities': ['audio', 'video'],
        'components': [
            {'role': 'video', 'source': 'torchscript', 'weights': os.path.basename(vpath), 'sha256': _sha256(vpath),
             'inputs': [{'name': 'frames', 'shape': ['B', 'T', FRAME, FRAME, 3]}],
             'outputs': [{'name': 'video', 'shape': ['B', 'T', CHANNELS]}]},
            {'role': 'audio', 'source': 'torchscript', 'weights': os.path.basename(apath), 'sha256': _sha256(apath),
             'inputs': [{'name': 'mel', 'shape': ['B', MEL_BINS, 'M']}],
             'outputs': [{'name': 'audio', 'shape': ['B', 'T', CHANNELS]}]},
        ],
        'notes': {'origin': 'CAVP-small ported to PyTorch (tools/export/cavp_small.py) with the shipped weights '
                            '(SHA-256 %s), traced with torch %s' % (_sha256(a.params), torch.__version__)},
    }
    with open(os.path.join(a.out, 'model.json'), 'w') as f:
        json.dump(descriptor, f, indent=2)
        f.write('\n')
    print('wrote', a.out)


if __name__ == '__main__':
    main()
