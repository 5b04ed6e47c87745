package io.avlens.models.training;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonParseException;
import io.avlens.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a training run computes besides its plan: the family, the data folder and the value of every family option
 * (defaults included), except the options the family names as plan lengths ({@link FamilyTrainer#planOptions()}),
 * which, like the steps, may grow when a run resumes.
 * <p>
 * A run records it as {@value #FILE} in its output folder when it starts there without a checkpoint
 * ({@link #record}, once its data has loaded), and {@link #guard} refuses to resume a checkpoint for a request with
 * another recipe: a checkpoint's weights and optimizer
 * moments only continue the run they came from, and a run resumed with, say, another loss weight would end as
 * neither recipe while its descriptor named the new one. A checkpoint without {@value #FILE} (a run started before
 * AV Lens recorded it) is resumed unchecked, as before.
 *
 * @param family  the trainer's family id
 * @param data    the data folder, absolute
 * @param options every option's value by name, in the family's order
 */
public record TrainRecipe(String family, Path data, Map<String, Double> options) {

    /** The recipe's file name in an output folder. */
    public static final String FILE = "recipe.json";

    public TrainRecipe {
        data = data.toAbsolutePath().normalize();
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The recipe {@code request} asks {@code trainer} for. */
    public static TrainRecipe of(FamilyTrainer trainer, TrainRequest request) {
        Map<String, Double> values = new LinkedHashMap<>();
        List<String> plan = trainer.planOptions().stream().map(TrainOption::name).toList();
        for (TrainOption o : trainer.recipeOptions()) {
            if (!plan.contains(o.name())) {
                double v = o.kind() == TrainOption.Kind.DECIMAL ? request.value(o) : request.whole(o);
                values.put(o.name(), v == 0 ? 0.0 : v); // -0 is 0
            }
        }
        return new TrainRecipe(trainer.family(), request.data(), values);
    }

    /**
     * Checks that a run resuming the checkpoint in {@code request.out()} asks for the recipe it was started with;
     * writes nothing. Call before loading data, so a refusal costs nothing, and {@link #record} the recipe it returns
     * once the data has loaded.
     *
     * @return the request's recipe
     * @throws IOException naming the output folder and every difference, as options the user types, when a
     *                     checkpoint's recorded recipe differs; or naming the recipe file when it cannot be read
     */
    public static TrainRecipe guard(FamilyTrainer trainer, TrainRequest request) throws IOException {
        List<Difference> differences = differences(trainer, request);
        if (!differences.isEmpty()) {
            boolean unrecorded = differences.stream().anyMatch(d -> d.recorded().startsWith("(not recorded"));
            throw new IOException(request.out() + ": its checkpoint belongs to a run started with "
                    + describe(differences, true, true) + "; this run asks for " + describe(differences, false, true)
                    + ". Resume with the options it was started with, or train into another output folder"
                    + (unrecorded ? " (or delete " + request.out().resolve(FILE) + " to resume unchecked)" : "")
                    + ".");
        }
        return of(trainer, request);
    }

    /**
     * Whether {@code out} holds a checkpoint but no recorded recipe (a run started before AV Lens recorded one):
     * resuming it is not checked, which the command line and the wizard say.
     */
    public static boolean unchecked(Path out) {
        return Files.isRegularFile(out.resolve(Checkpoint.FILE)) && !Files.isRegularFile(out.resolve(FILE));
    }

    /**
     * Writes this recipe as {@code out}'s {@value #FILE} (atomically) when no run has a checkpoint there yet; leaves
     * a resumed run's recorded recipe (or its lack of one) as it is.
     */
    public void record(Path out) throws IOException {
        if (Files.isRegularFile(out.resolve(Checkpoint.FILE))) {
            return;
        }
        Files.createDirectories(out);
        byte[] bytes = json().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(out.resolve(FILE), o -> o.write(bytes));
    }

    /**
     * How {@code request} differs from the recipe recorded beside the checkpoint in its output folder: empty when
     * they agree, or when there is no checkpoint or no recorded recipe.
     *
     * @throws IOException naming the file when the recorded recipe cannot be read
     */
    public static List<Difference> differences(FamilyTrainer trainer, TrainRequest request) throws IOException {
        Path out = request.out();
        Path file = out.resolve(FILE);
        if (!Files.isRegularFile(out.resolve(Checkpoint.FILE)) || !Files.isRegularFile(file)) {
            return List.of();
        }
        TrainRecipe wanted = of(trainer, request);
        TrainRecipe recorded = read(file);
        if (!recorded.family().equals(wanted.family())) {
            return List.of(new Difference("family", "Family", recorded.family(), wanted.family(), true));
        }
        List<Difference> differences = new ArrayList<>();
        if (!sameFolder(recorded.data(), wanted.data())) {
            differences.add(new Difference("data", "Data folder", recorded.data().toString(),
                    wanted.data().toString(), true));
        }
        for (TrainOption o : trainer.recipeOptions()) {
            Double w = wanted.options().get(o.name());
            if (w == null) {
                continue; // a plan length
            }
            Double r = recorded.options().get(o.name());
            boolean offered = trainer.options().contains(o);
            if (r == null) {
                differences.add(new Difference(o.name(), o.label(), "(not recorded in " + file + ")", o.format(w),
                        offered));
            } else if (r.doubleValue() != w.doubleValue()) {
                differences.add(new Difference(o.name(), o.label(), o.format(r), o.format(w), offered));
            }
        }
        return differences;
    }

    /**
     * One setting in which a request differs from a recorded recipe.
     *
     * @param name     as typed on the command line, without {@code --}: {@code data}, {@code batch}
     * @param label    as a form shows it: {@code Data folder}, {@code Batch size}
     * @param recorded the recorded value, as the user types it
     * @param wanted   the request's value, as the user types it
     * @param offered  whether the command line takes it ({@code --name}); a tool-only option is named by its label
     */
    public record Difference(String name, String label, String recorded, String wanted, boolean offered) {
    }

    /**
     * The recorded ({@code recorded}) or requested values of {@code differences}, as command-line options
     * ({@code --batch 2 --lr 0.1}) or form fields ({@code Batch size 2, Learning rate 0.1}).
     */
    public static String describe(List<Difference> differences, boolean recorded, boolean commandLine) {
        List<String> parts = new ArrayList<>();
        for (Difference d : differences) {
            String value = recorded ? d.recorded() : d.wanted();
            parts.add(commandLine && d.offered() ? "--" + d.name() + " " + value : d.label() + " " + value);
        }
        return String.join(commandLine ? " " : ", ", parts);
    }

    /** {@code file}'s recipe. */
    public static TrainRecipe read(Path file) throws IOException {
        try {
            JsonObject json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                    .getAsJsonObject();
            Map<String, Double> options = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : json.getAsJsonObject("options").entrySet()) {
                options.put(e.getKey(), e.getValue().getAsDouble());
            }
            return new TrainRecipe(json.get("family").getAsString(), Path.of(json.get("data").getAsString()),
                    options);
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException
                | ClassCastException | NumberFormatException | java.nio.file.InvalidPathException
                | java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + ": not a training recipe (" + e.getMessage() + "); delete it to resume "
                    + "unchecked, or train into another output folder", e);
        }
    }

    /** The recipe as {@value #FILE} holds it. */
    public String json() {
        JsonObject json = new JsonObject();
        json.addProperty("family", family);
        json.addProperty("data", data.toString());
        JsonObject values = new JsonObject();
        options.forEach(values::addProperty);
        json.add("options", values);
        return new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n";
    }

    private static boolean sameFolder(Path a, Path b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
