package io.avlens.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Component;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandException;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.ArgumentSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.core.io.IoErrors;
import io.avlens.core.tensor.FloatTensor;
import io.avlens.core.tensor.Npy;
import io.avlens.core.tensor.NpyArray;
import io.avlens.core.tensor.NpyFormatException;
import io.avlens.core.tensor.TensorStats;

/** {@code avlens inspect FILE.npy}: dtype, shape and statistics of a NumPy array (an artifact, a tensor from Python). */
@Component(service = CliCommand.class)
public class InspectCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("inspect",
            "describe a NumPy .npy tensor: dtype, shape and value statistics",
            """
            Reads FILE (NumPy .npy, format 1.0 to 3.0; bool, int8 to int64, uint8, uint16, float32, float64; either
            byte order; C or Fortran order) and prints {"path", "dtype", "shape", "elements", "nonFinite", "min",
            "max", "mean", "std"} (null when no value is finite) and, with --head N, the first N values in C
            order (non-finite ones as the strings "NaN", "Infinity", "-Infinity"). Statistics are over the
            finite values. A file that is not such an array is reported with what is wrong (exit 2).
            """,
            List.of(OptionSpec.optional("head", "N", "also print the first N values (C order)")),
            List.of(new ArgumentSpec("FILE", true, "the .npy file")));

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) throws CommandException {
        Path file = context.resolve(arguments.positional(0));
        int head = arguments.intValue("head", 0, 0, 1_000_000);
        if (Files.isDirectory(file)) {
            throw new CommandException(file + ": is a folder, not a .npy file");
        }
        NpyArray array;
        try {
            array = Npy.read(file);
        } catch (NpyFormatException e) {
            throw new CommandException(e.getMessage());
        } catch (IOException e) {
            throw new CommandException(file + ": cannot be read: " + IoErrors.describe(e));
        }
        FloatTensor tensor = array.toFloatTensor();
        TensorStats stats = tensor.stats();
        JsonObject json = new JsonObject();
        json.addProperty("path", file.toString());
        json.addProperty("dtype", array.dtype().numpyName());
        JsonArray shape = new JsonArray();
        for (int d : array.shape()) {
            shape.add(d);
        }
        json.add("shape", shape);
        json.addProperty("elements", array.size());
        json.addProperty("nonFinite", stats.nonFinite());
        addNumber(json, "min", stats.min());
        addNumber(json, "max", stats.max());
        addNumber(json, "mean", stats.mean());
        addNumber(json, "std", stats.std());
        if (head > 0) {
            JsonArray values = new JsonArray();
            for (int i = 0; i < Math.min(head, array.size()); i++) {
                double v = array.getDouble(i);
                values.add(Double.isFinite(v) ? new JsonPrimitive(v) : new JsonPrimitive(String.valueOf(v)));
            }
            json.add("head", values);
        }
        context.printJson(json);
        return 0;
    }

    /** Strict JSON has no NaN: a statistic of no finite values is written as null. */
    private static void addNumber(JsonObject json, String key, double value) {
        json.add(key, Double.isFinite(value) ? new JsonPrimitive(value) : JsonNull.INSTANCE);
    }
}
