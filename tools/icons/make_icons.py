#!/usr/bin/env python3
"""Draws AV Lens's small PNG icons (bundles/io.avlens.ui/icons) with the standard library alone.

Run from the repository root: python3 tools/icons/make_icons.py
"""
import math
import struct
import zlib

OUT = "bundles/io.avlens.ui/icons/"


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
