#!/usr/bin/env python3
"""Exports Diff-Foley's CAVP encoders (stage 1) to TorchScript for AV Lens as ONE model made of two parts:

  OUT/diff-foley-cavp/video.pt    role video: frames [B, T, 224, 224, 3] in [0, 1], channels last -> video [B, T, 512]
  OUT/diff-foley-cavp/audio.pt    role audio: log-mel [B, 128, S] (mels x time, values in [0, 1]) -> audio [B, U, 512]
  OUT/diff-foley-cavp/model.json  family cavp, profile diff-foley-cavp: AV Lens's CAVP similarity task runs it

Both call the official `CAVP_Inference.encode_video` / `encode_spec` (inference/model/cavp_model.py) with
normalize=True and pool=False: unpooled, L2-normalised features over time, which is what the demo's
Extract_CAVP_Features computes and what AV Lens's similarity volume needs (S[t_a, t_v] = <E_a[t_a], E_v[t_v]>).
The video wrapper takes AV Lens's channels-last frames and permutes them to the [B, T, 3, H, W] encode_video reads;
the audio part may return another number of steps U than the T frames (its own downsampling): AV Lens then takes
the audio time base from U over the log-mel it fed.

Needs a checkout of https://github.com/luosiallen/Diff-Foley with its requirements installed, and the CAVP
checkpoint the repository's README points to (e.g. diff_foley_ckpt/cavp_epoch66.ckpt). Example:

  python3 export_diff_foley_cavp.py --repo ~/src/Diff-Foley --ckpt ~/ckpt/cavp_epoch66.ckpt --out ~/avlens-models
"""
import argparse
import os
import sys

import torch
import torch.nn as nn

from avlens_export import git_commit, sha256, shape_spec, trace_checked, write_parts_descriptor


class VideoEncoder(nn.Module):
    """frames [B, T, H, W, 3] (RGB in [0, 1], channels last as AV Lens decodes them) -> [B, T, 512]; encode_video
    reads [B, T, 3, H, W], as the demo's ToTensor gives."""

    def __init__(self, cavp):
        super().__init__()
        self.cavp = cavp

    def forward(self, frames):
        return self.cavp.encode_video(frames.permute(0, 1, 4, 2, 3).contiguous(), normalize=True, pool=False)


class SpecEncoder(nn.Module):
    """log-mel [B, 128, S] (mels x time, as encode_spec takes it) -> [B, U, 512]."""

    def __init__(self, cavp):
        super().__init__()
        self.cavp = cavp

    def forward(self, spec):
        return self.cavp.encode_spec(spec, normalize=True, pool=False)


def load_cavp(repo, ckpt, device):
    sys.path.insert(0, os.path.join(repo, "inference"))
    from model.cavp_model import CAVP_Inference  # the official class; needs the repo's requirements

    # the parameters of inference/config/Stage1_CAVP.yaml
    model = CAVP_Inference(video_encode="Slowonly_pool", spec_encode="cnn14_pool", embed_dim=512,
                           video_pretrained=True, audio_pretrained=True)
    state = torch.load(ckpt, map_location="cpu")
    if "state_dict" in state:
        state = state["state_dict"]
    # the demo's init_first_from_ckpt strips DataParallel's "module." prefix the same way
    state = {k.replace("module.", ""): v for k, v in state.items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if missing:
        # a missing key would silently leave random weights in the export
        raise SystemExit("checkpoint %s lacks %d parameters of CAVP_Inference, e.g. %s" % (ckpt, len(missing),
                                                                                           missing[:5]))
    if unexpected:
        print("note: %d checkpoint entries not used by CAVP_Inference, e.g. %s" % (len(unexpected), unexpected[:5]))
    return model.to(device).eval()


def part(module, folder, role, file_name, example, other, in_name, in_symbols, out_symbols):
    """Traces one encoder into folder/file_name; returns its (role, file, inputs, outputs) for the descriptor."""
    traced, shapes_a, shapes_b = trace_checked(module, example, other)
    weights = os.path.join(folder, file_name)
    traced.save(weights)
    in_shape = shape_spec(example[0].shape, other[0].shape, in_symbols)
    out_shape = shape_spec(shapes_a[0], shapes_b[0], out_symbols)
    print("traced %s: %s %s -> %s %s" % (role, in_name, in_shape, role, out_shape))
    return role, weights, [(in_name, in_shape)], [(role, out_shape)]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repo", required=True, help="checkout of luosiallen/Diff-Foley")
    p.add_argument("--ckpt", required=True, help="CAVP checkpoint (.ckpt/.pt)")
    p.add_argument("--out", required=True, help="folder to write the model folder diff-foley-cavp/ into")
    p.add_argument("--device", default="cpu", help="device to trace on (cpu; cuda works, outputs load anywhere)")
    a = p.parse_args()
    device = torch.device(a.device)
    cavp = load_cavp(a.repo, a.ckpt, device)
    notes = {"repository": "https://github.com/luosiallen/Diff-Foley", "commit": git_commit(a.repo) or "unknown",
             "checkpoint": os.path.basename(a.ckpt), "checkpointSha256": sha256(a.ckpt),
             "export": "tools/export/export_diff_foley_cavp.py (encode_* with normalize=True, pool=False)"}
    torch.manual_seed(0)
    folder = os.path.join(a.out, "diff-foley-cavp")
    os.makedirs(folder, exist_ok=True)
    # 8 s at 4 fps = 32 frames; the second size only tells the varying dimensions apart
    video = part(VideoEncoder(cavp), folder, "video", "video.pt",
                 (torch.rand(1, 32, 224, 224, 3, device=device),), (torch.rand(2, 16, 224, 224, 3, device=device),),
                 "frames", ["B", "T"], ["B", "T"])
    # 8 s of log-mel at hop 256 = 500 frames; 4 s = 250
    audio = part(SpecEncoder(cavp), folder, "audio", "audio.pt",
                 (torch.rand(1, 128, 500, device=device),), (torch.rand(2, 128, 250, device=device),),
                 "mel", ["B", "S"], ["B", "U"])
    notes = dict(notes, frames="RGB in [0, 1], channels last, resized to 224x224 (the demo squashes with "
                               "Resize((224, 224)))",
                 mel="log-mel [mels, time] of the diff-foley-cavp profile, values in [0, 1]")
    print("wrote", write_parts_descriptor(folder, "diff-foley-cavp", "cavp", "diff-foley-cavp", ["audio", "video"],
                                          [video, audio], notes))


if __name__ == "__main__":
    main()
