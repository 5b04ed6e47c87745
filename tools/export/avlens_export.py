"""Shared helpers of the AV Lens export scripts: trace a module to TorchScript, check the trace against the eager
module (also on a second input size, to find out which dimensions really vary), and write the model descriptor
(model.json) that AV Lens reads with io.avlens.inference.descriptor.ModelDescriptors.

Only torch and the standard library are needed here; the official repositories are needed by the scripts that
build the eager modules.
"""
import hashlib
import json
import os
import subprocess
import sys

import torch

FORMAT_VERSION = 1


def sha256(path):
    """SHA-256 of a file, lower-case hex (what the descriptor's "sha256" holds)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def git_commit(folder):
    """The commit of a git checkout, or None."""
    try:
        return subprocess.run(["git", "-C", folder, "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def _as_tuple(outputs):
    if isinstance(outputs, torch.Tensor):
        return (outputs,)
    if isinstance(outputs, dict):
        return tuple(outputs.values())
    return tuple(outputs)


def trace_checked(module, example, other, tolerance=1e-4):
    """Traces `module` on the inputs `example` (a tuple), then compares traced and eager outputs on `example` and
    on `other` (same ranks, different sizes in the dimensions that may vary). Returns (traced, shapes_example,
    shapes_other). Raises when the trace disagrees with the eager module: a trace that baked in a size or took
    one branch of data-dependent control flow must not be shipped silently."""
    module.eval()
    with torch.no_grad():
        traced = torch.jit.trace(module, example, check_trace=False)
        shapes = []
        for inputs in (example, other):
            eager = _as_tuple(module(*inputs))
            mine = _as_tuple(traced(*inputs))
            if len(eager) != len(mine):
                raise RuntimeError("traced module returns %d outputs, eager %d" % (len(mine), len(eager)))
            for i, (e, m) in enumerate(zip(eager, mine)):
                if e.shape != m.shape:
                    raise RuntimeError("output %d: traced shape %s, eager %s for inputs %s — the trace baked in a"
                                       " size; export with fixed input sizes" % (i, tuple(m.shape), tuple(e.shape),
                                                                                 [tuple(x.shape) for x in inputs]))
                diff = (e.float() - m.float()).abs().max().item()
                if diff > tolerance:
                    raise RuntimeError("output %d: traced and eager differ by %g (> %g)" % (i, diff, tolerance))
            shapes.append([tuple(t.shape) for t in eager])
    return traced, shapes[0], shapes[1]


def shape_spec(a, b, symbols):
    """A descriptor shape from the sizes seen on two runs: sizes equal in both stay numbers, sizes that differ
    take the next name from `symbols` (e.g. ["B", "T"])."""
    names = list(symbols)
    out = []
    for x, y in zip(a, b):
        if x == y:
            out.append(int(x))
        else:
            if not names:
                raise RuntimeError("more varying dimensions than symbols %s in %s vs %s" % (symbols, a, b))
            out.append(names.pop(0))
    return out


def write_descriptor(folder, weights_file, model_id, family, profile, modalities, inputs, outputs, notes,
                     descriptor_name="model.json"):
    """Writes folder/model.json (or `descriptor_name`) next to the weights. `profile` is the id of a profile AV Lens knows
    (diff-foley-cavp, denseav, condfoleygen, action2sound, avshapes-small) or a dict with a profile's fields;
    inputs/outputs are lists of (name, shape) with shapes of ints and symbols."""
    notes = dict(notes)
    notes.setdefault("torch", torch.__version__)
    notes.setdefault("python", sys.version.split()[0])
    descriptor = {
        "formatVersion": FORMAT_VERSION,
        "id": model_id,
        "family": family,
        "source": "torchscript",
        "weights": os.path.basename(weights_file),
        "sha256": sha256(weights_file),
        "profile": profile,
        "modalities": sorted(modalities),
        "inputs": [{"name": n, "shape": list(s)} for n, s in inputs],
        "outputs": [{"name": n, "shape": list(s)} for n, s in outputs],
        "notes": {k: str(v) for k, v in sorted(notes.items())},
    }
    path = os.path.join(folder, descriptor_name)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(descriptor, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)
    return path


def write_parts_descriptor(folder, model_id, family, profile, modalities, parts, notes, pad_short=False):
    """Writes folder/model.json for one model made of parts (the descriptor's "components"): `parts` is a list of
    (role, weights_file, inputs, outputs), inputs/outputs lists of (name, shape) as for write_descriptor. Each part's
    weights are named relative to `folder` with their own SHA-256."""
    notes = dict(notes)
    notes.setdefault("torch", torch.__version__)
    notes.setdefault("python", sys.version.split()[0])
    descriptor = {
        "formatVersion": FORMAT_VERSION,
        "id": model_id,
        "family": family,
        "profile": profile,
        "padShort": bool(pad_short),
        "modalities": sorted(modalities),
        "components": [{"role": role, "source": "torchscript", "weights": os.path.basename(weights),
                        "sha256": sha256(weights),
                        "inputs": [{"name": n, "shape": list(s)} for n, s in inputs],
                        "outputs": [{"name": n, "shape": list(s)} for n, s in outputs]}
                       for role, weights, inputs, outputs in parts],
        "notes": {k: str(v) for k, v in sorted(notes.items())},
    }
    path = os.path.join(folder, "model.json")
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(descriptor, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)
    return path
