package io.avlens.inference;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * What to load and how to run it.
 *
 * @param id      a name for messages and logs, e.g. {@code diff-foley-cavp-video}
 * @param source  a built-in family with its parameters, or a TorchScript file
 * @param inputs  the named inputs in the order the model takes them; empty to accept any single input
 * @param outputs the named outputs in the order the model returns them (a dict output is matched by name);
 *                empty to name them {@code output0}, {@code output1}, …
 * @param options device, threads, batch size and memory budget
 */
public record ModelSpec(String id, Source source, List<TensorSpec> inputs, List<TensorSpec> outputs,
        Options options) {

    /** Where the network comes from. */
    public sealed interface Source {
    }

    /**
     * A family built into AV Lens (a DJL block registered by a model bundle), with its trained parameters.
     *
     * @param family     the registered family id, e.g. {@code cavp-small}
     * @param parameters the parameter file ({@code .params}), or null for freshly initialised weights (tests)
     * @param role       the part's role in a model made of parts (its family's factory builds the block of that
     *                   role), null for a model of one file
     * @param notes      the descriptor's notes, for a family whose sizes they record where no tensor shape shows
     *                   them (e.g. DenseAV-small's hidden width); empty when there are none
     */
    public record Builtin(String family, Path parameters, String role, Map<String, String> notes)
            implements Source {
        /** @throws IllegalArgumentException without a family */
        public Builtin {
            if (family == null || family.isBlank()) {
                throw new IllegalArgumentException("a built-in model needs a family id");
            }
            notes = Map.copyOf(notes == null ? Map.of() : notes);
        }

        /** A part without notes. */
        public Builtin(String family, Path parameters, String role) {
            this(family, parameters, role, Map.of());
        }

        /** A model of one file (no role). */
        public Builtin(String family, Path parameters) {
            this(family, parameters, null);
        }
    }

    /** A TorchScript file (from {@code torch.jit.trace} or {@code torch.jit.script}, see tools/export). */
    public record TorchScript(Path file) implements Source {
        /** @throws IllegalArgumentException without a file */
        public TorchScript {
            if (file == null) {
                throw new IllegalArgumentException("a TorchScript model needs a file");
            }
        }
    }

    /**
     * How to run the model.
     *
     * @param device    the device to use, or null for the best available
     * @param threads   intra-op CPU threads of libtorch, 0 to keep the engine's setting; libtorch has one such
     *                  setting per process, so the last model loaded with a non-zero value sets it for all
     * @param batchSize largest number of items (along dimension 0) per forward call, 0 for all at once
     * @param budget    memory budget each batch is checked against
     */
    public record Options(Device device, int threads, int batchSize, MemoryBudget budget) {

        /** Best device, engine threads, one batch, no budget. */
        public static final Options DEFAULT = new Options(null, 0, 0, MemoryBudget.UNLIMITED);

        /** @throws IllegalArgumentException for negative counts or a null budget */
        public Options {
            if (threads < 0 || batchSize < 0) {
                throw new IllegalArgumentException("threads and batch size must be >= 0, not " + threads + ", "
                        + batchSize);
            }
            if (budget == null) {
                throw new IllegalArgumentException("a memory budget is required (MemoryBudget.UNLIMITED for none)");
            }
        }

        /** These options on another device. */
        public Options withDevice(Device d) {
            return new Options(d, threads, batchSize, budget);
        }

        /** These options with another batch size. */
        public Options withBatchSize(int size) {
            return new Options(device, threads, size, budget);
        }

        /** These options with another memory budget. */
        public Options withBudget(MemoryBudget b) {
            return new Options(device, threads, batchSize, b);
        }

        /** These options with another thread count. */
        public Options withThreads(int n) {
            return new Options(device, n, batchSize, budget);
        }
    }

    /** @throws IllegalArgumentException without id or source, or with a name used twice */
    public ModelSpec {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a model spec needs an id");
        }
        if (source == null) {
            throw new IllegalArgumentException(id + ": a model spec needs a source");
        }
        inputs = List.copyOf(inputs == null ? List.of() : inputs);
        outputs = List.copyOf(outputs == null ? List.of() : outputs);
        options = options == null ? Options.DEFAULT : options;
        var names = new HashSet<String>();
        for (TensorSpec t : inputs) {
            if (!names.add("in:" + t.name())) {
                throw new IllegalArgumentException(id + ": input '" + t.name() + "' is declared twice");
            }
        }
        for (TensorSpec t : outputs) {
            if (!names.add("out:" + t.name())) {
                throw new IllegalArgumentException(id + ": output '" + t.name() + "' is declared twice");
            }
        }
    }

    /** A TorchScript model with default options. */
    public static ModelSpec torchScript(String id, Path file, List<TensorSpec> inputs, List<TensorSpec> outputs) {
        return new ModelSpec(id, new TorchScript(file), inputs, outputs, Options.DEFAULT);
    }

    /** This spec with other options. */
    public ModelSpec withOptions(Options o) {
        return new ModelSpec(id, source, inputs, outputs, o);
    }

    /** The name of output {@code i}: the declared one, else {@code output<i>}. */
    public String outputName(int i) {
        return i < outputs.size() ? outputs.get(i).name() : "output" + i;
    }
}
