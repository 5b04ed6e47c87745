#!/usr/bin/env python3
"""Writes the .npy fixtures of io.avlens.core.tests into this folder, and expected.tsv describing them.

How the committed fixtures were made (from the repository root):

    python3 tests/io.avlens.core.tests/resources/npy/make_fixtures.py

with CPython 3.11.7 and NumPy 2.4.6 (``python3 -c 'import numpy; print(numpy.__version__)'``). Needs NumPy only.
Re-running it rewrites every fixture and expected.tsv; the output is deterministic.

expected.tsv has one line per fixture that AV Lens must read, tab-separated:

    name    numpy dtype name    shape as a comma list (empty for 0-d)    values in C order, comma separated

Floating-point values are exact: float.hex() of the value widened to float64, or NaN, Infinity, -Infinity (all
of which Java's Double.parseDouble accepts). Integers are decimal, booleans 1 or 0.

Fixtures named w_* are saved with plain numpy.save from arrays that AV Lens's NpyArray factories can build: the
tests build the same array in Java and require Npy.write to produce byte-identical files.

Fixtures named bad_* are valid NumPy files AV Lens must reject (they are not in expected.tsv):
bad_structured.npy (a structured dtype) and bad_complex64.npy (complex64).
"""

import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def value_text(dtype, v):
    if dtype.kind == 'f':
        f = float(v)  # float32 widens exactly to float64
        if math.isnan(f):
            return 'NaN'
        if math.isinf(f):
            return 'Infinity' if f > 0 else '-Infinity'
        return f.hex()
    if dtype.kind == 'b':
        return '1' if bool(v) else '0'
    return str(int(v))


def main():
    fixtures = []  # (name, array as AV Lens should read it)

    def save(name, arr):
        np.save(os.path.join(HERE, name), arr)
        fixtures.append((name, arr))

    def write_version(name, arr, version):
        with open(os.path.join(HERE, name), 'wb') as f:
            np.lib.format.write_array(f, arr, version=version)
        fixtures.append((name, arr))

    # --- reader fixtures -------------------------------------------------------------------------------------------
    save('f4_2x3.npy', np.array([[1.5, -2.25, 0.1], [3.0e-3, -0.0, 65504.75]], dtype='<f4'))
    save('f8_special.npy', np.array([math.pi, -math.e, 1e300, float('nan'), float('inf'), float('-inf'),
                                     -0.0, 5e-324, -1.7976931348623157e308], dtype='<f8'))
    save('i4_2x2x2.npy', np.array([[[0, -1], [2147483647, -2147483648]], [[42, -42], [7, -100000]]], dtype='<i4'))
    save('i8_big.npy', np.array([0, 2**40, -2**62, 2**63 - 1, -2**63, -1], dtype='<i8'))
    save('u1_2x3.npy', np.array([[0, 1, 127], [128, 254, 255]], dtype='u1'))
    save('b1_5.npy', np.array([True, False, True, True, False], dtype='?'))
    save('i1_4.npy', np.array([-128, -1, 0, 127], dtype='i1'))
    save('i2_4.npy', np.array([-32768, -1, 1, 32767], dtype='<i2'))
    save('u2_4.npy', np.array([0, 1, 32768, 65535], dtype='<u2'))
    save('be_f4_2x2.npy', np.array([[1.0, -0.5], [3.25, 1e-7]], dtype='>f4'))
    save('be_i4_3.npy', np.array([1, -2, 305419896], dtype='>i4'))
    save('be_u2_3.npy', np.array([1, 258, 65534], dtype='>u2'))
    save('be_f8_3.npy', np.array([math.pi, -1e-300, float('-inf')], dtype='>f8'))
    f8_fortran = np.asfortranarray(np.array([[1.0, 2.0, 3.0], [-4.0, 5.5, -6.25]], dtype='<f8'))
    assert f8_fortran.flags.f_contiguous and not f8_fortran.flags.c_contiguous
    save('f8_fortran_2x3.npy', f8_fortran)
    save('i4_fortran_2x3x4.npy', np.asfortranarray(np.arange(24, dtype='<i4').reshape(2, 3, 4) - 12))
    save('be_f4_fortran_3x2.npy', np.asfortranarray(np.array([[0.5, -1.0], [2.0, 1e30], [-3.0, 0.125]], dtype='>f4')))
    save('f8_scalar.npy', np.array(-1.25e-3, dtype='<f8'))
    save('f4_empty_0x3.npy', np.zeros((0, 3), dtype='<f4'))
    write_version('f4_v2_2x2.npy', np.array([[1.0, -2.0], [0.25, 1e-45]], dtype='<f4'), (2, 0))
    write_version('i2_v3_3.npy', np.array([3, -3, 300], dtype='<i2'), (3, 0))

    # --- writer-comparison fixtures: plain numpy.save of arrays NpyArray's factories build -------------------------
    save('w_f4_2x3.npy', np.array([[0.0, -1.5, 2.75], [1e-3, float('nan'), float('-inf')]], dtype=np.float32))
    save('w_f8_2x3.npy', np.array([[math.pi, -math.e, 1e300], [-0.0, 5e-324, float('inf')]], dtype=np.float64))
    save('w_u1_2x2x3.npy', np.array([0, 1, 2, 127, 128, 129, 200, 250, 251, 253, 254, 255],
                                     dtype=np.uint8).reshape(2, 2, 3))
    save('w_i8_4.npy', np.array([2**40, -2**62, 0, -1], dtype=np.int64))
    save('w_b1_7.npy', np.array([True, False, False, True, True, False, True]))
    save('w_f8_scalar.npy', np.array(6.02214076e23, dtype=np.float64))
    save('w_f4_0.npy', np.zeros((0,), dtype=np.float32))
    save('w_i4_1x3.npy', np.array([[-7, 0, 2147483647]], dtype=np.int32))
    # first axes of many digits: the header's growth padding depends on their width
    save('w_i4_123456789x0.npy', np.zeros((123456789, 0), dtype=np.int32))
    save('w_f4_1x1x1x1x1x1x1x1x1x1x1x1x2.npy', np.array([1.0, 2.0], dtype=np.float32).reshape((1,) * 12 + (2,)))

    # --- files AV Lens must reject (not in expected.tsv) -----------------------------------------------------------
    np.save(os.path.join(HERE, 'bad_structured.npy'), np.zeros(2, dtype=[('a', '<f4'), ('b', '<i4')]))
    np.save(os.path.join(HERE, 'bad_complex64.npy'), np.array([1 + 2j, -3j], dtype=np.complex64))

    lines = []
    for name, arr in fixtures:
        dtype = arr.dtype
        shape = ','.join(str(d) for d in arr.shape)
        values = ','.join(value_text(dtype, v) for v in np.ascontiguousarray(arr).reshape(-1))
        lines.append('\t'.join([name, dtype.name, shape, values]))
        assert os.path.getsize(os.path.join(HERE, name)) < 2048, name
    with open(os.path.join(HERE, 'expected.tsv'), 'w', encoding='ascii', newline='\n') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
