#!/usr/bin/python3
"""Fixtures for integer inputs and engine programs (io.avlens.inference.program), beside make_fixtures.py and made
the same way: `/usr/bin/python3 make_program_fixtures.py` in this folder (Debian's python3-torch 1.13, numpy).
Fixed seed; the existing fixtures are left alone.

  embed_traced.pt  token ids [B,T] int64 -> mean of their embeddings [B,4] (vocabulary 10);
                   embed_ids.npy (int64), embed_y.npy
  eps_traced.pt    a denoiser eps(x) = tanh(x W + b) on [B,8]; ddim_x.npy is the starting noise [2,8] and
                   ddim_y.npy what 25 deterministic DDIM steps (alpha_bar[k] = 0.999 - 0.949 k / 24, k = 24 .. 0,
                   alpha_bar before k = 0 is 1) make of it: x <- sqrt(a_prev / a) x
                   + (sqrt(1 - a_prev) - sqrt(a_prev (1 - a) / a)) eps(x)
  clf_traced.pt    a classifier's log-probabilities log_softmax(x W + b) on [B,6] -> [B,3]; clf_w.npy [6,3] and
                   clf_b.npy [3] are W and b, for the closed-form gradient in the Java test
  argmax_traced.pt x [B,3] -> the index of each row's largest value [B], int64: an integer output
"""
import numpy as np
import torch
import torch.nn as nn


class EmbeddingMean(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(10, 4)

    def forward(self, ids):
        return self.emb(ids).mean(dim=1)


class Denoiser(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(8, 8)

    def forward(self, x):
        return torch.tanh(self.lin(x))


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(6, 3)

    def forward(self, x):
        return torch.log_softmax(self.lin(x), dim=1)


class Argmax(nn.Module):
    def forward(self, x):
        return x.argmax(dim=1)


def save(name, array, dtype=np.float32):
    np.save(name, np.ascontiguousarray(array.detach().numpy().astype(dtype)))


def alpha_bar(k):
    return 0.999 - 0.949 * k / 24.0


def main():
    torch.manual_seed(4321)
    embed = EmbeddingMean().eval()
    ids = torch.tensor([[1, 2, 3, 9, 0], [7, 7, 4, 5, 6]], dtype=torch.int64)
    traced = torch.jit.trace(embed, ids)
    traced.save("embed_traced.pt")
    save("embed_ids.npy", ids, np.int64)
    save("embed_y.npy", traced(ids))

    traced = torch.jit.trace(Denoiser().eval(), torch.randn(2, 8))
    traced.save("eps_traced.pt")
    x = torch.randn(2, 8)
    save("ddim_x.npy", x)
    for k in range(24, -1, -1):
        a = alpha_bar(k)
        a_prev = alpha_bar(k - 1) if k > 0 else 1.0
        c1 = np.sqrt(a_prev / a)
        c2 = np.sqrt(1 - a_prev) - np.sqrt(a_prev * (1 - a) / a)
        x = float(c1) * x + float(c2) * traced(x)
    save("ddim_y.npy", x)

    clf = Classifier().eval()
    traced = torch.jit.trace(clf, torch.randn(2, 6))
    traced.save("clf_traced.pt")
    save("clf_w.npy", clf.lin.weight.t())
    save("clf_b.npy", clf.lin.bias)
    torch.jit.trace(Argmax().eval(), torch.randn(2, 3)).save("argmax_traced.pt")
    print("torch", torch.__version__, "program fixtures written")


if __name__ == "__main__":
    with torch.no_grad():
        main()
