#!/usr/bin/env python3
"""Draws AV Lens's small PNG icons (bundles/io.avlens.ui/icons) with the standard library alone.

Run from the repository root: python3 tools/icons/make_icons.py
"""
import math
import struct
import zlib

OUT = "bundles/io.avlens.ui/icons/"
MEDIA = "bundles/io.avlens.ui.media/icons/"


def png(path, size, pixel):
    raw = b"".join(b"\x00" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def lens(x, y, n):
    """A teal lens ring over an orange waveform."""
    c = (n - 1) / 2
    r = math.hypot(x - c, y - c)
    wave = c + math.sin(x / n * 4 * math.pi) * n * 0.18
    if abs(r - n * 0.40) < n * 0.07:
        return (0x1F, 0x9E, 0x89, 255)
    if r < n * 0.36 and abs(y - wave) < max(1.0, n * 0.06):
        return (0xF2, 0x8E, 0x2B, 255)
    return (0, 0, 0, 0)


def grid(x, y, n):
    """A 4x4 grid of viridis-like cells."""
    cell = max(1, n // 4)
    if x % cell == 0 or y % cell == 0:
        return (40, 40, 40, 255)
    t = (x // cell + y // cell) / 6.0
    return (int(68 + 185 * t), int(1 + 230 * t), int(84 - 48 * t), 255)


png(OUT + "avlens16.png", 16, lens)
png(OUT + "avlens32.png", 32, lens)
png(OUT + "tensor16.png", 16, grid)


def film(x, y, n):
    """A film frame: dark strip with sprocket holes around a teal picture."""
    if y < 2 or y > n - 3:
        return (255, 255, 255, 255) if x % 3 == 1 else (50, 50, 50, 255)
    if 3 <= y <= n - 4 and 1 <= x <= n - 2:
        return (0x1F, 0x9E, 0x89, 255) if y > n // 2 else (0x6C, 0xCE, 0xD4, 255)
    return (50, 50, 50, 255)


def timeline(x, y, n):
    """A waveform above a spectrogram-like band with a red cursor."""
    if x == n * 2 // 3:
        return (0xD6, 0x27, 0x28, 255)
    if y < n // 2:
        amp = abs(math.sin(x * 0.9)) * (n // 4 - 1)
        return (0xF2, 0x8E, 0x2B, 255) if abs(y - n // 4) <= amp else (0, 0, 0, 0)
    t = (n - 1 - y) / (n / 2) * 0.6 + 0.3 * math.sin(x)
    t = min(1, max(0, t))
    return (int(68 + 185 * t), int(1 + 200 * t), int(84 + 50 * t), 255)


def play(x, y, n):
    """A right-pointing triangle."""
    c = (n - 1) / 2
    return (0x2A, 0x7F, 0x3A, 255) if 3 <= x <= n - 4 and abs(y - c) <= (n - 4 - x) * 0.55 + 0.5 else (0, 0, 0, 0)


def pause(x, y, n):
    """Two bars."""
    return (60, 60, 60, 255) if 3 <= y <= n - 4 and (4 <= x <= 6 or 9 <= x <= 11) else (0, 0, 0, 0)


def step(direction):
    def draw(x, y, n):
        c = (n - 1) / 2
        xx = x if direction > 0 else n - 1 - x
        if 11 <= xx <= 12 and 3 <= y <= n - 4:
            return (60, 60, 60, 255)
        return (60, 60, 60, 255) if 4 <= xx <= 10 and abs(y - c) <= (10 - xx) * 0.75 + 0.5 else (0, 0, 0, 0)
    return draw


def loop(x, y, n):
    """A ring with a gap: repeat."""
    c = (n - 1) / 2
    r = math.hypot(x - c, y - c)
    return (0x1F, 0x6F, 0xB4, 255) if abs(r - n * 0.32) < 1.1 and not (x > c and abs(y - c) < 2) else (0, 0, 0, 0)


def bookmark(x, y, n):
    """A flag."""
    if x == 4 and 2 <= y <= n - 2:
        return (60, 60, 60, 255)
    return (0xE3, 0xB5, 0x05, 255) if 5 <= x <= 12 and 2 <= y <= 8 - abs(x - 8) // 3 else (0, 0, 0, 0)


import os
os.makedirs(MEDIA, exist_ok=True)
png(MEDIA + "video16.png", 16, film)
png(MEDIA + "timeline16.png", 16, timeline)
png(MEDIA + "play16.png", 16, play)
png(MEDIA + "pause16.png", 16, pause)
png(MEDIA + "step_forward16.png", 16, step(1))
png(MEDIA + "step_back16.png", 16, step(-1))
png(MEDIA + "loop16.png", 16, loop)
png(MEDIA + "bookmark16.png", 16, bookmark)


# project explorer: project, folder, dataset, clip, model, experiment, run states


def project(x, y, n):
    """A teal box with a lighter lid: the project."""
    if 3 <= y <= n - 2 and 1 <= x <= n - 2:
        edge = x in (1, n - 2) or y in (3, n - 2)
        if y <= 5:
            return (0x6C, 0xCE, 0xD4, 255) if not edge else (0x12, 0x5E, 0x52, 255)
        return (0x1F, 0x9E, 0x89, 255) if not edge else (0x12, 0x5E, 0x52, 255)
    return (0, 0, 0, 0)


def folder(x, y, n):
    """A manila folder with a tab."""
    if 2 <= y <= 4 and 1 <= x <= 6:
        return (0xC8, 0x9A, 0x3C, 255)
    if 4 <= y <= n - 3 and 1 <= x <= n - 2:
        edge = x in (1, n - 2) or y in (4, n - 3)
        return (0x9A, 0x72, 0x22, 255) if edge else (0xF0, 0xC8, 0x6A, 255)
    return (0, 0, 0, 0)


def dataset(x, y, n):
    """A stack of three discs: a dataset."""
    for top in (2, 6, 10):
        if top <= y <= top + 3 and 2 <= x <= n - 3:
            rim = y in (top, top + 3) or x in (2, n - 3)
            return (0x3B, 0x52, 0x8B, 255) if rim else (0x8F, 0xA8, 0xE0, 255)
    return (0, 0, 0, 0)


def clip(x, y, n):
    """A film frame with a small waveform: one clip."""
    if y < 2 or y > n - 3:
        return (255, 255, 255, 255) if x % 3 == 1 else (60, 60, 60, 255)
    wave = n / 2 + math.sin(x / n * 4 * math.pi) * n * 0.2
    if abs(y - wave) < 1.0 and 1 <= x <= n - 2:
        return (0xF2, 0x8E, 0x2B, 255)
    if 2 <= y <= n - 3 and 1 <= x <= n - 2:
        return (0x25, 0x3A, 0x4A, 255)
    return (60, 60, 60, 255)


def model(x, y, n):
    """Three layers of connected nodes: a model."""
    c = (n - 1) / 2
    for cx, cy in ((3, 4), (3, 11), (c, c), (12, 4), (12, 11)):
        if math.hypot(x - cx, y - cy) < 2.2:
            return (0x6A, 0x3D, 0x9A, 255)
    for (ax, ay), (bx, by) in (((3, 4), (c, c)), ((3, 11), (c, c)), ((c, c), (12, 4)), ((c, c), (12, 11))):
        t = ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)
        if 0 <= t <= 1 and math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) < 0.8:
            return (0xB0, 0x90, 0xD0, 255)
    return (0, 0, 0, 0)


def experiment(x, y, n):
    """A flask: an experiment."""
    if 1 <= y <= 6 and 6 <= x <= 9:
        return (0x50, 0x50, 0x50, 255) if x in (6, 9) else (0, 0, 0, 0)
    if 6 < y <= n - 2:
        half = 2 + (y - 6) * 0.75
        if abs(x - 7.5) <= half:
            edge = abs(abs(x - 7.5) - half) < 1 or y == n - 2
            return (0x50, 0x50, 0x50, 255) if edge else (0x2C, 0xA0, 0x2C, 255) if y > 9 else (0xD0, 0xF0, 0xD0, 255)
    return (0, 0, 0, 0)


def dot(colour):
    def draw(x, y, n):
        c = (n - 1) / 2
        r = math.hypot(x - c, y - c)
        if r < n * 0.38:
            return colour + (255,)
        if r < n * 0.45:
            return (40, 40, 40, 255)
        return (0, 0, 0, 0)
    return draw


def annotation(x, y, n):
    """A small orange tag: an annotation."""
    if 3 <= y <= n - 4 and 2 <= x <= n - 3 and x - 2 <= (n - 3) - abs(y - n / 2) * 0.9:
        return (0xF2, 0x8E, 0x2B, 255)
    return (0, 0, 0, 0)


png(OUT + "project16.png", 16, project)
png(OUT + "folder16.png", 16, folder)
png(OUT + "dataset16.png", 16, dataset)
png(OUT + "clip16.png", 16, clip)
png(OUT + "model16.png", 16, model)
png(OUT + "experiment16.png", 16, experiment)
png(OUT + "annotation16.png", 16, annotation)
png(OUT + "run_pending16.png", 16, dot((0xB0, 0xB0, 0xB0)))
png(OUT + "run_running16.png", 16, dot((0x2B, 0x7B, 0xF2)))
png(OUT + "run_succeeded16.png", 16, dot((0x2C, 0xA0, 0x2C)))
png(OUT + "run_failed16.png", 16, dot((0xD6, 0x27, 0x28)))
png(OUT + "run_cancelled16.png", 16, dot((0xF2, 0xB8, 0x2B)))


def loss_curve(x, y, n):
    """A falling blue loss curve over light axes: the Training view."""
    curve = 2 + (n - 5) * math.exp(-x / (n * 0.28))
    if abs(y - curve) < 1.0 and x >= 2:
        return (0x1F, 0x77, 0xB4, 255)
    if x == 1 or y == n - 2:
        return (90, 90, 90, 255)
    return (0, 0, 0, 0)


def runs_table(x, y, n):
    """Three table rows, each with a status dot: the Runs view."""
    row = (y - 1) // 5
    if y < 1 or row > 2 or (y - 1) % 5 == 4:
        return (0, 0, 0, 0)
    colours = [(0x2C, 0xA0, 0x2C), (0x2B, 0x7B, 0xF2), (0xD6, 0x27, 0x28)]
    if x <= 3:
        return colours[row] + (255,)
    if 5 <= x <= n - 2:
        return (120, 120, 120, 255) if (y - 1) % 5 in (0, 3) or x in (5, n - 2) else (235, 235, 235, 255)
    return (0, 0, 0, 0)


png("bundles/io.avlens.ui.training/icons/training16.png", 16, loss_curve)
png(OUT + "runs16.png", 16, runs_table)
