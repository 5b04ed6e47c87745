#!/usr/bin/env python3
"""Exports DenseAV's audio and image featurizers (with their aligners) to TorchScript for AV Lens:

  OUT/denseav-<model>-audio/  model.pt + model.json   waveform [B, N] at 16 kHz -> audio_feats [B, C, F, T]
  OUT/denseav-<model>-image/  model.pt + model.json   frames [B, 3, 224, 224] RGB in [0, 1] -> image_feats [B, C, h, w]

They call the official `LitAVAligner.forward_audio` and `forward_image` (denseav/train.py), the way the repository's
demo.ipynb does, and return "audio_feats" / "image_feats": the inputs of DenseAV's multi-head similarity
S_k[h, w, f, t] = <V_k[:, h, w], A_k[:, f, t]> (channels split into K heads). The image wrapper applies the
ImageNet normalisation the demo applies outside the model, so AV Lens feeds plain [0, 1] frames.

Needs a checkout of https://github.com/mhamilton723/DenseAV with its requirements installed (`pip install -e .`),
and either network access for the checkpoint (torch.hub downloads it) or a local --ckpt. Example:

  python3 export_denseav.py --repo ~/src/DenseAV --model sound_and_language --out ~/avlens-models
"""
import argparse
import os
import sys

import torch
import torch.nn as nn

from avlens_export import git_commit, sha256, shape_spec, trace_checked, write_descriptor

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


class AudioFeaturizer(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model
        self.key = model.audio_input  # "audio" (raw waveform) for the HuBERT-based released models

    def forward(self, audio):
        return self.model.forward_audio({self.key: audio})["audio_feats"]


class ImageFeaturizer(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model
        self.register_buffer("mean", torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(IMAGENET_STD).view(1, 3, 1, 1))

    def forward(self, frames):
        x = (frames - self.mean) / self.std
        # forward_image takes [B, frames, 3, H, W] and returns one feature map per frame
        return self.model.forward_image({"frames": x.unsqueeze(1)})["image_feats"]


def load(repo, name, ckpt, device):
    sys.path.insert(0, repo)
    if ckpt:
        from denseav.train import LitAVAligner
        model = LitAVAligner.load_from_checkpoint(ckpt, loss_leak=0.0, use_cached_embs=False, strict=True)
    else:
        model = torch.hub.load(repo, name, source="local")
    return model.to(device).eval()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repo", required=True, help="checkout of mhamilton723/DenseAV")
    p.add_argument("--model", default="sound_and_language", choices=["sound", "language", "sound_and_language"],
                   help="released model (torch.hub name)")
    p.add_argument("--ckpt", help="local checkpoint instead of the torch.hub download")
    p.add_argument("--out", required=True)
    p.add_argument("--device", default="cpu")
    a = p.parse_args()
    device = torch.device(a.device)
    model = load(a.repo, a.model, a.ckpt, device)
    notes = {"repository": "https://github.com/mhamilton723/DenseAV", "commit": git_commit(a.repo) or "unknown",
             "model": a.model, "export": "tools/export/export_denseav.py (forward_audio / forward_image)"}
    if a.ckpt:
        notes["checkpointSha256"] = sha256(a.ckpt)
    torch.manual_seed(0)
    slug = a.model.replace("_", "-")

    folder = os.path.join(a.out, "denseav-%s-audio" % slug)
    os.makedirs(folder, exist_ok=True)
    # 10 s and 5 s of 16 kHz audio
    ex, other = (0.1 * torch.randn(1, 160000, device=device),), (0.1 * torch.randn(2, 80000, device=device),)
    traced, sa, sb = trace_checked(AudioFeaturizer(model), ex, other)
    traced.save(os.path.join(folder, "model.pt"))
    print("wrote", write_descriptor(folder, os.path.join(folder, "model.pt"), "denseav-%s-audio" % slug, "denseav",
                                    "denseav", ["audio"], [("audio", shape_spec(ex[0].shape, other[0].shape,
                                                                                ["B", "N"]))],
                                    [("audio_feats", shape_spec(sa[0], sb[0], ["B", "T"]))],
                                    dict(notes, audio="mono waveform, 16 kHz, float in [-1, 1]")))

    folder = os.path.join(a.out, "denseav-%s-image" % slug)
    os.makedirs(folder, exist_ok=True)
    # the profile's 224 x 224; only the batch varies (ViT position embeddings may not trace across sizes)
    ex, other = (torch.rand(1, 3, 224, 224, device=device),), (torch.rand(2, 3, 224, 224, device=device),)
    traced, sa, sb = trace_checked(ImageFeaturizer(model), ex, other)
    traced.save(os.path.join(folder, "model.pt"))
    print("wrote", write_descriptor(folder, os.path.join(folder, "model.pt"), "denseav-%s-image" % slug, "denseav",
                                    "denseav", ["video"], [("frames", shape_spec(ex[0].shape, other[0].shape,
                                                                                 ["B"]))],
                                    [("image_feats", shape_spec(sa[0], sb[0], ["B"]))],
                                    dict(notes, frames="RGB in [0, 1], short side 224, centre crop; ImageNet"
                                                       " normalisation is inside the export")))


if __name__ == "__main__":
    main()
