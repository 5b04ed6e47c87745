package io.avlens.inference;

import java.util.Locale;

/**
 * A device a model can run on: the CPU, or CUDA GPU number {@code index}. Written {@code cpu} and
 * {@code cuda:0} (the PyTorch spelling), which {@link #parse} reads back.
 *
 * @param kind  CPU or CUDA
 * @param index GPU number for CUDA, 0 for the CPU
 */
public record Device(Kind kind, int index) {

    /** The kinds of device. */
    public enum Kind {
        /** The host processor; always present. */
        CPU,
        /** An NVIDIA GPU through a CUDA build of libtorch. */
        CUDA
    }

    /** The CPU. */
    public static final Device CPU = new Device(Kind.CPU, 0);

    /** @throws IllegalArgumentException for a null kind or a negative index, or a CPU index other than 0 */
    public Device {
        if (kind == null) {
            throw new IllegalArgumentException("a device needs a kind");
        }
        if (index < 0 || (kind == Kind.CPU && index != 0)) {
            throw new IllegalArgumentException("no device " + kind + " number " + index);
        }
    }

    /** CUDA GPU number {@code index}. */
    public static Device cuda(int index) {
        return new Device(Kind.CUDA, index);
    }

    /**
     * Reads {@code cpu}, {@code cuda}, {@code cuda:N}, {@code gpu} or {@code gpu:N} (any case).
     *
     * @throws IllegalArgumentException naming the text and what is accepted
     */
    public static Device parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("cpu")) {
            return CPU;
        }
        String[] parts = t.split(":", 2);
        if (parts[0].equals("cuda") || parts[0].equals("gpu")) {
            try {
                return cuda(parts.length == 1 ? 0 : Integer.parseInt(parts[1]));
            } catch (IllegalArgumentException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a device; use cpu, cuda or cuda:N");
    }

    /** Whether this is a GPU. */
    public boolean isGpu() {
        return kind == Kind.CUDA;
    }

    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "cuda:" + index;
    }
}
