#!/usr/bin/env python3
"""DenseAV-small (AV Lens's own DenseAV, io.avlens.models.denseav.DenseAvBlock) ported to PyTorch, loading the
shipped weights.

The port exists to prove the import path of DenseAV with a model whose answer we know: its two encoders are traced
to TorchScript, imported into AV Lens as one two-part model ({image, audio}) and must give the built-in DJL block's
dense features through the heatmap task. The weights are read straight from DJL's ``.params`` file
(``cavp_small.read_djl_params``), so nothing has to be exported from Java first.

    /usr/bin/python3 tools/export/denseav_small.py \\
        --params bundles/io.avlens.models.denseav/weights/denseav-small/denseav-small.params --out DIR

writes, with the layouts ``DenseAvHeatmapTask`` reads from a two-part model (the official export,
``export_denseav.py``, writes the same roles, names and layouts):

* ``DIR/denseav-small-image.pt``, role ``image``: ``frames [B, 64, 64, 3]`` (RGB in [0, 1], channels last, one video
  frame per item, the layout of AV Lens's FrameReader) -> ``image [B, K, C, 16, 16]`` (K = 2 heads of C = 16
  channels, each head L2-normalised over C; cell (y, x) covers 4x4 pixels);
* ``DIR/denseav-small-audio.pt``, role ``audio``: ``mel [B, 64, M]`` (log-mel in [0, 1], band first, M a multiple of
  8) -> ``audio [B, K, C, 8, M/8]`` (F = 8 frequency rows; step t covers mel frames [8t, 8t + 8));
* ``DIR/model.json``, the two-part descriptor (family ``denseav``, profile ``avshapes-small``) with each part's
  SHA-256.

Each trace is checked against the eager port on a second input with another batch (and, for audio, time) size
before it is written (``cavp_small._trace``).
"""
import argparse
import json
import os

import torch
import torch.nn as nn

from cavp_small import _djl_order, _sha256, _trace, read_djl_params

FRAME = 64
MEL_BINS = 64
STRIDE = 8
HEADS = 2
HEAD_CHANNELS = 16
WIDTH = 32


def normalise(x):
    """DenseAvBlock.normalise: x / sqrt(sum(x^2) + 1e-6) along axis 2 (a head's channels)."""
    return x / torch.sqrt(x.square().sum(2, keepdim=True) + 1e-6)


def _conv(cin, cout, stride):
    return [nn.Conv2d(cin, cout, 3, stride=stride, padding=1), nn.BatchNorm2d(cout), nn.ReLU()]


def _encoder(cin, strides):
    layers = []
    for cout, s in zip((WIDTH // 2, WIDTH, WIDTH, WIDTH), strides):
        layers += _conv(cin, cout, s)
        cin = cout
    layers.append(nn.Conv2d(cin, HEADS * HEAD_CHANNELS, 1))
    return nn.Sequential(*layers)


def _heads(m):
    return normalise(m.reshape(m.shape[0], HEADS, HEAD_CHANNELS, m.shape[2], m.shape[3]))


def _local_encoder(cin):
    """DenseAvBlock's image encoder with local cells: a 4x4 stride-4 convolution and two 1x1 convolutions (BatchNorm,
    ReLU), then the 1x1 projection; each cell of the map sees its own 4x4 pixels only."""
    layers = [nn.Conv2d(cin, WIDTH, 4, stride=4), nn.BatchNorm2d(WIDTH), nn.ReLU()]
    for _ in range(2):
        layers += [nn.Conv2d(WIDTH, WIDTH, 1), nn.BatchNorm2d(WIDTH), nn.ReLU()]
    layers.append(nn.Conv2d(WIDTH, HEADS * HEAD_CHANNELS, 1))
    return nn.Sequential(*layers)


class ImageEncoder(nn.Module):
    """frames [B, 64, 64, 3] -> image [B, K, C, 16, 16] (DenseAvBlock.encodeImage); ``local``: the cell-local
    encoder (DenseAvConfig.localCells, the descriptor note imageEncoder = cell-local)."""

    def __init__(self, local=False):
        super().__init__()
        self.net = _local_encoder(3) if local else _encoder(3, (1, 2, 2, 1))

    def forward(self, frames):
        return _heads(self.net(frames.permute(0, 3, 1, 2) - 0.5))


class AudioEncoder(nn.Module):
    """mel [B, 64, M] -> audio [B, K, C, 8, M/8] (DenseAvBlock.encodeAudio)."""

    def __init__(self):
        super().__init__()
        self.net = _encoder(1, (2, 2, 2, 1))

    def forward(self, mel):
        return _heads(self.net(mel.unsqueeze(1) - 0.5))


def load(params_path):
    """Both encoders with the weights of a DenseAV-small ``.params`` file, in eval mode."""
    arrays = read_djl_params(params_path)
    names = [n for n, _ in arrays]
    # 53 arrays: the 3x3 image encoder; 47: the cell-local one (the audio encoder is the same in both)
    if names[0] != 'logitScale' or len(arrays) not in (53, 47):
        raise ValueError('%s: not a DenseAV-small parameter file (%d arrays, first %s)' % (params_path, len(arrays),
                                                                                           names[:1]))
    image, audio = ImageEncoder(local=len(arrays) == 47), AudioEncoder()
    # DenseAvBlock writes its own logitScale, then its children in order: image, audio
    targets = _djl_order(image.net) + _djl_order(audio.net)
    with torch.no_grad():
        for target, (name, value) in zip(targets, arrays[1:]):
            if tuple(target.shape) != tuple(value.shape):
                raise ValueError('%s: %s has shape %s, the port expects %s' % (params_path, name,
                                                                                tuple(value.shape),
                                                                                tuple(target.shape)))
            target.copy_(value)
    return image.eval(), audio.eval()


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--params', required=True, help='DenseAV-small .params (DJL)')
    p.add_argument('--out', required=True, help='output folder')
    p.add_argument('--id', default='denseav-small-imported')
    a = p.parse_args()
    torch.manual_seed(0)
    image, audio = load(a.params)
    local = isinstance(image.net[0], nn.Conv2d) and image.net[0].kernel_size == (4, 4)
    os.makedirs(a.out, exist_ok=True)
    ti = _trace(image, torch.rand(1, FRAME, FRAME, 3), torch.rand(3, FRAME, FRAME, 3))
    ta = _trace(audio, torch.rand(1, MEL_BINS, 4 * STRIDE), torch.rand(2, MEL_BINS, 7 * STRIDE))
    ipath = os.path.join(a.out, 'denseav-small-image.pt')
    apath = os.path.join(a.out, 'denseav-small-audio.pt')
    ti.save(ipath)
    ta.save(apath)
    maps = FRAME // 4
    descriptor = {
        'formatVersion': 1,
        'id': a.id,
        'family': 'denseav',
        'profile': 'avshapes-small',
        'padShort': True,
        'modalities': ['audio', 'video'],
        'components': [
            {'role': 'image', 'source': 'torchscript', 'weights': os.path.basename(ipath), 'sha256': _sha256(ipath),
             'inputs': [{'name': 'frames', 'shape': ['B', FRAME, FRAME, 3]}],
             'outputs': [{'name': 'image', 'shape': ['B', HEADS, HEAD_CHANNELS, maps, maps]}]},
            {'role': 'audio', 'source': 'torchscript', 'weights': os.path.basename(apath), 'sha256': _sha256(apath),
             'inputs': [{'name': 'mel', 'shape': ['B', MEL_BINS, 'M']}],
             'outputs': [{'name': 'audio', 'shape': ['B', HEADS, HEAD_CHANNELS, MEL_BINS // STRIDE, 'T']}]},
        ],
        'notes': {'origin': 'DenseAV-small ported to PyTorch (tools/export/denseav_small.py) with the shipped weights '
                            '(SHA-256 %s), traced with torch %s' % (_sha256(a.params), torch.__version__)},
    }
    if local:
        descriptor['notes']['imageEncoder'] = 'cell-local'
    path = os.path.join(a.out, 'model.json')
    with open(path + '.tmp', 'w') as f:
        json.dump(descriptor, f, indent=2)
        f.write('\n')
    os.replace(path + '.tmp', path)
    print('wrote', a.out)


if __name__ == '__main__':
    main()
