"""Writes the mock's checkpoint as the official training saves one: a Lightning-style {"state_dict": ...} whose keys
carry DataParallel's "module." prefix; scale[c] = 1 + c / 512."""
import sys

import torch

torch.save({"state_dict": {"module.scale": 1 + torch.arange(512, dtype=torch.float32) / 512}}, sys.argv[1])
