"""A mock of Diff-Foley's inference/model/cavp_model.py for testing tools/export/export_diff_foley_cavp.py.

Same class name, constructor arguments and encode_* signatures as the official CAVP_Inference, but a tiny network
whose every value can be recomputed from its input (not the official model):
  encode_video(x [B, T, 3, H, W]) -> [B, T, embed_dim]: channel c is the mean of colour c % 3 over the rows of
      horizontal band (c // 3) % 8 (the frame cut into 8 bands of rows), times scale[c];
  encode_spec(x [B, 128, S]) -> [B, S // 16, embed_dim]: channel c of step u is the mean of mel bin c % 128 over the
      frames [16 u, 16 u + 16), times scale[c];
both L2-normalised over channels when normalize=True. `scale` is a parameter the checkpoint sets (1 + c / embed_dim),
so an export that did not load the checkpoint gives zeros.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class CAVP_Inference(nn.Module):
    def __init__(self, video_encode, spec_encode, embed_dim, video_pretrained, audio_pretrained):
        super().__init__()
        self.embed_dim = embed_dim
        self.scale = nn.Parameter(torch.zeros(embed_dim))

    def encode_video(self, x, normalize=False, pool=False):
        b, t, ch, h, w = x.shape
        bands = x.reshape(b, t, ch, 8, h // 8, w).mean(dim=(4, 5))  # [B, T, 3, 8]
        c = torch.arange(self.embed_dim)
        feats = bands[:, :, c % 3, (c // 3) % 8] * self.scale
        if pool:
            feats = feats.max(dim=1).values
        return F.normalize(feats, dim=-1) if normalize else feats

    def encode_spec(self, x, normalize=False, pool=False):
        b, bins, s = x.shape
        u = s // 16
        steps = x[:, :, :u * 16].reshape(b, bins, u, 16).mean(dim=3)  # [B, 128, U]
        c = torch.arange(self.embed_dim)
        feats = steps[:, c % bins, :].permute(0, 2, 1) * self.scale
        if pool:
            feats = feats.max(dim=1).values
        return F.normalize(feats, dim=-1) if normalize else feats
