package io.avlens.cli.command;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The one JSON style of the command line: pretty, no HTML escaping; commands write non-finite numbers as null or strings. */
final class Json {

    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private Json() {
    }
}
