import torch, torch.nn as nn, torch.nn.functional as F
class LitAVAligner(nn.Module):
    """Mock with the official method names, arguments and output keys (not the official network)."""
    def __init__(self):
        super().__init__()
        self.audio_input = "audio"
        self.sim_agg_heads = 2
        self.img = nn.Conv2d(3, 8, 16, stride=16)
        self.aud = nn.Conv1d(1, 8 * 4, 320, stride=320)
    def forward_audio(self, batch):
        x = self.aud(batch[self.audio_input].unsqueeze(1))  # [B, 32, T]
        b, c, t = x.shape
        return {"audio_feats": F.normalize(x.reshape(b, 8, 4, t), dim=1)}
    def forward_image(self, batch):
        img = batch["frames"]
        b, nf, c, h, w = img.shape
        return {"image_feats": F.normalize(self.img(img.reshape(b * nf, c, h, w)), dim=1)}
