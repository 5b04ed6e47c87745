#!/usr/bin/env python3
"""Exports DenseAV's image and audio featurizers (with their aligners) to TorchScript for AV Lens, as ONE model made
of two parts, the roles, names and layouts AV Lens's DenseAV heatmap task reads (io.avlens.models.denseav.
DenseAvHeatmapTask, the same task the built-in denseav-small and tools/export/denseav_small.py's traced pair use):

  OUT/denseav-<model>/image.pt    role "image":  frames [B, 224, 224, 3]  -> image [B, K, C/K, h, w]
  OUT/denseav-<model>/audio.pt    role "audio":  waveform [B, N]           -> audio [B, K, C/K, F, T]
  OUT/denseav-<model>/model.json  family "denseav", profile "denseav", both parts with their SHA-256

Layouts:
* frames: RGB in [0, 1], channels LAST (AV Lens's FrameReader layout), one video frame per item, at the `denseav`
  profile (short side 224, centre crop). The wrapper moves channels first and applies the ImageNet normalisation the
  official demo applies outside the model, then calls `forward_image` with one frame per clip.
* waveform: mono, 16 kHz, float in [-1, 1]; the input must be named "waveform": that is how the task knows to feed
  samples instead of a log-mel (the released models run HuBERT on the raw waveform).
* image / audio: the official `image_feats [B, C, h, w]` and `audio_feats [B, C, F, T]` with the channels split into
  the model's K = `sim_agg_heads` heads of C/K channels, exactly as the official loss and aggregator do
  (`image_feats.reshape(b, nh, c // nh, h, w)`), so the task's per-head dot products are DenseAV's
  S_k[h, w, f, t] = <V_k[:, h, w], A_k[:, f, t]>. The audio time base is the model's own: the task spreads the T steps
  over the N samples it fed (step t at t * N / (T * 16000) s).

They call the official `LitAVAligner.forward_audio` and `forward_image` (denseav/train.py), the way the repository's
demo.ipynb does. Needs a checkout of https://github.com/mhamilton723/DenseAV with its requirements installed
(`pip install -e .`), and either network access for the checkpoint (torch.hub downloads it) or a local --ckpt:

  python3 export_denseav.py --repo ~/src/DenseAV --model sound_and_language --out ~/avlens-models
"""
import argparse
import os
import sys

import torch
import torch.nn as nn

from avlens_export import git_commit, sha256, shape_spec, trace_checked, write_parts_descriptor

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def heads_of(model):
    """K: the number of heads the official similarity splits the channels into."""
    return int(getattr(model, "sim_agg_heads", 1))


class AudioFeaturizer(nn.Module):
    """waveform [B, N] -> audio [B, K, C/K, F, T]."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.key = model.audio_input  # "audio" (raw waveform) for the HuBERT-based released models
        self.heads = heads_of(model)

    def forward(self, waveform):
        a = self.model.forward_audio({self.key: waveform})["audio_feats"]
        b, c, f, t = a.shape
        return a.reshape(b, self.heads, c // self.heads, f, t)


class ImageFeaturizer(nn.Module):
    """frames [B, H, W, 3] (RGB in [0, 1]) -> image [B, K, C/K, h, w]."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.heads = heads_of(model)
        self.register_buffer("mean", torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(IMAGENET_STD).view(1, 3, 1, 1))

    def forward(self, frames):
        x = (frames.permute(0, 3, 1, 2) - self.mean) / self.std
        # forward_image takes [B, frames, 3, H, W] and returns one feature map per frame
        v = self.model.forward_image({"frames": x.unsqueeze(1)})["image_feats"]
        b, c, h, w = v.shape
        return v.reshape(b, self.heads, c // self.heads, h, w)


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
             "model": a.model, "heads": heads_of(model),
             "export": "tools/export/export_denseav.py (forward_image / forward_audio, channels split into heads)",
             "frames": "RGB in [0, 1], channels last, short side 224, centre crop; ImageNet normalisation is inside",
             "waveform": "mono, 16 kHz, float in [-1, 1]"}
    if a.ckpt:
        notes["checkpointSha256"] = sha256(a.ckpt)
    torch.manual_seed(0)
    slug = a.model.replace("_", "-")
    folder = os.path.join(a.out, "denseav-%s" % slug)
    os.makedirs(folder, exist_ok=True)

    # 10 s and 5 s of 16 kHz audio
    ex, other = (0.1 * torch.randn(1, 160000, device=device),), (0.1 * torch.randn(2, 80000, device=device),)
    traced, sa, sb = trace_checked(AudioFeaturizer(model), ex, other)
    audio_file = os.path.join(folder, "audio.pt")
    traced.save(audio_file)
    audio = ("audio", audio_file, [("waveform", shape_spec(ex[0].shape, other[0].shape, ["B", "N"]))],
             [("audio", shape_spec(sa[0], sb[0], ["B", "T"]))])

    # the profile's 224 x 224; only the batch varies (ViT position embeddings may not trace across sizes)
    ex, other = (torch.rand(1, 224, 224, 3, device=device),), (torch.rand(2, 224, 224, 3, device=device),)
    traced, sa, sb = trace_checked(ImageFeaturizer(model), ex, other)
    image_file = os.path.join(folder, "image.pt")
    traced.save(image_file)
    image = ("image", image_file, [("frames", shape_spec(ex[0].shape, other[0].shape, ["B"]))],
             [("image", shape_spec(sa[0], sb[0], ["B"]))])

    print("wrote", write_parts_descriptor(folder, "denseav-%s" % slug, "denseav", "denseav", ["audio", "video"],
                                          [image, audio], notes))


if __name__ == "__main__":
    main()
