package io.avlens.media;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import io.avlens.core.io.AtomicFiles;

/**
 * Writes mono audio as a RIFF/WAVE file, 16-bit PCM (what every player reads) or 32-bit float (lossless for model
 * output). Samples outside [-1, 1] are clipped in PCM. The file appears whole or not at all. Stateless.
 */
public final class WavWriter {

    /** Sample encoding. */
    public enum Encoding {
        /** 16-bit signed integer PCM. */
        PCM_16,
        /** 32-bit IEEE float. */
        FLOAT_32
    }

    private WavWriter() {
    }

    /** Writes {@code signal} to {@code file} atomically. */
    public static void write(Path file, AudioSignal signal, Encoding encoding) throws IOException {
        byte[] bytes = encode(signal, encoding);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** The complete file content. */
    static byte[] encode(AudioSignal signal, Encoding encoding) {
        float[] s = signal.samples();
        int bytesPerSample = encoding == Encoding.PCM_16 ? 2 : 4;
        int dataBytes = Math.multiplyExact(s.length, bytesPerSample);
        boolean isFloat = encoding == Encoding.FLOAT_32;
        int fmtBytes = isFloat ? 18 : 16;
        int factBytes = isFloat ? 12 : 0; // float WAV needs a fact chunk
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtBytes + factBytes + 8 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(US_ASCII)).putInt(b.capacity() - 8)
                .put("WAVE".getBytes(US_ASCII));
        b.put("fmt ".getBytes(US_ASCII)).putInt(fmtBytes)
                .putShort((short) (isFloat ? 3 : 1)).putShort((short) 1).putInt(signal.sampleRate())
                .putInt(signal.sampleRate() * bytesPerSample).putShort((short) bytesPerSample)
                .putShort((short) (bytesPerSample * 8));
        if (isFloat) {
            b.putShort((short) 0);
            b.put("fact".getBytes(US_ASCII)).putInt(4).putInt(s.length);
        }
        b.put("data".getBytes(US_ASCII)).putInt(dataBytes);
        for (float v : s) {
            if (isFloat) {
                b.putFloat(v);
            } else {
                // FFmpeg's convention both ways (x 32768, clipped), so writing and reading round-trip exactly
                long q = Float.isNaN(v) ? 0 : Math.round(v * 32768.0);
                b.putShort((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, q)));
            }
        }
        return b.array();
    }
}
