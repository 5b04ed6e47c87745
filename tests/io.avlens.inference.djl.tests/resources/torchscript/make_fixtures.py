#!/usr/bin/python3
"""Test fixtures for io.avlens.inference.djl: small TorchScript modules with inputs and the outputs PyTorch
computed for them, saved as .npy. DJL (libtorch 2.7.1) must reproduce the outputs within 1e-5.

Made with Debian's python3-torch (1.13) and numpy: `/usr/bin/python3 make_fixtures.py` in this folder.
The weights come from a fixed seed, so running it again gives the same files on the same torch build.

  conv_traced.pt    torch.jit.trace of Conv2d-BatchNorm-ReLU-pool-Linear-normalize;
                    frames [B,3,16,16] -> embedding [B,4]; conv_traced.json is its model descriptor, written by
                    tools/export/avlens_export.py like the official models' exports
  flow_scripted.pt  torch.jit.script with a loop over time and a data-dependent branch, returning a dict of two
                    named outputs; x [B,T,8], w [B,8] -> {"embedding": [B,4], "energy": [B,T]}
  tiny_traced.pt    tanh(x @ W + b) on [B,256] -> [B,256]: batching and the overhead benchmark
  ew_traced.pt      tanh(0.5 x + 0.1), element-wise on [B,256]: cheap per byte, for the native-memory soak test
"""
import os
import sys
from typing import Dict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# the export helpers researchers use (tools/export): the descriptor written here is read by the Java tests
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "tools",
                                "export"))
from avlens_export import shape_spec, trace_checked, write_descriptor  # noqa: E402


class ConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.fc = nn.Linear(8, 4)

    def forward(self, frames):
        h = F.relu(self.bn(self.conv(frames)))
        h = F.adaptive_avg_pool2d(h, 1).flatten(1)
        return F.normalize(self.fc(h), dim=1)


class FlowNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(8, 4)

    def forward(self, x: torch.Tensor, w: torch.Tensor) -> Dict[str, torch.Tensor]:
        steps = x.size(1)
        acc = torch.zeros(x.size(0), x.size(2))
        energy = []
        for t in range(steps):
            frame = x[:, t, :] * w
            if bool(frame.sum() > 0):
                acc = acc + frame
            else:
                acc = acc - 0.5 * frame
            energy.append((frame * frame).sum(dim=1))
        return {"embedding": torch.tanh(self.proj(acc / steps)), "energy": torch.stack(energy, dim=1)}


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(256, 256)

    def forward(self, x):
        return torch.tanh(self.lin(x))


class Elementwise(nn.Module):
    def forward(self, x):
        return torch.tanh(0.5 * x + 0.1)


def save(name, array):
    np.save(name, np.ascontiguousarray(array.detach().numpy().astype(np.float32)))


def main():
    torch.manual_seed(1234)
    conv = ConvNet()
    # non-trivial running statistics, so eval-mode BatchNorm is really exercised
    conv.bn.running_mean.uniform_(-0.2, 0.2)
    conv.bn.running_var.uniform_(0.5, 1.5)
    conv.eval()
    frames = torch.rand(2, 3, 16, 16)
    traced, shapes_a, shapes_b = trace_checked(conv, (frames,), (torch.rand(3, 3, 16, 16),), tolerance=1e-6)
    traced.save("conv_traced.pt")
    write_descriptor(".", "conv_traced.pt", "fixture-conv", "fixture", "avshapes-small", ["video"],
                     [("frames", shape_spec(frames.shape, (3, 3, 16, 16), ["B"]))],
                     [("embedding", shape_spec(shapes_a[0], shapes_b[0], ["B"]))],
                     {"made by": "make_fixtures.py"}, descriptor_name="conv_traced.json")
    save("conv_frames.npy", frames)
    save("conv_embedding.npy", traced(frames))

    flow = torch.jit.script(FlowNet().eval())
    flow.save("flow_scripted.pt")
    x = torch.randn(3, 5, 8)
    w = torch.randn(3, 8)
    out = flow(x, w)
    save("flow_x.npy", x)
    save("flow_w.npy", w)
    save("flow_embedding.npy", out["embedding"])
    save("flow_energy.npy", out["energy"])

    tiny = Tiny().eval()
    x = torch.randn(16, 256)
    traced = torch.jit.trace(tiny, x)
    traced.save("tiny_traced.pt")
    save("tiny_x.npy", x)
    save("tiny_y.npy", traced(x))
    x = torch.randn(4, 256)
    traced = torch.jit.trace(Elementwise().eval(), x)
    traced.save("ew_traced.pt")
    save("ew_x.npy", x)
    save("ew_y.npy", traced(x))
    print("torch", torch.__version__, "fixtures written")


if __name__ == "__main__":
    with torch.no_grad():
        main()
