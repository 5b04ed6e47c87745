package io.avlens.cli.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.JsonObject;

import io.avlens.cli.command.CliCommand;
import io.avlens.cli.command.CommandContext;
import io.avlens.cli.command.CommandSpec;
import io.avlens.cli.command.CommandSpec.OptionSpec;
import io.avlens.cli.command.ParsedArguments;
import io.avlens.core.about.ComponentVersion;
import io.avlens.core.about.VersionReport;

/** {@code avlens version}: the versions of AV Lens and everything it runs on. */
@Component(service = CliCommand.class)
public class VersionCommand implements CliCommand {

    private static final CommandSpec SPEC = new CommandSpec("version",
            "print the versions of AV Lens, Java, Eclipse and the libraries in use",
            """
            Prints one JSON object: each key (avlens, java, eclipse, osgi, and djl, pytorch, ffmpeg once those
            libraries are installed) maps to the version string. With --details, "details" adds the name and
            facts (vendor, build, location) of each component.
            """,
            List.of(OptionSpec.flag("details", "also print each component's name and details")), List.of());

    private VersionReport report;

    /** For DS. */
    public VersionCommand() {
    }

    /** With a given report (tests). */
    public VersionCommand(VersionReport report) {
        this.report = report;
    }

    @Reference
    void setReport(VersionReport versionReport) {
        this.report = versionReport;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public int run(ParsedArguments arguments, CommandContext context) {
        JsonObject json = new JsonObject();
        JsonObject details = new JsonObject();
        for (ComponentVersion v : report.versions()) {
            json.addProperty(v.key(), v.version());
            JsonObject d = new JsonObject();
            d.addProperty("name", v.name());
            d.addProperty("detail", v.detail());
            details.add(v.key(), d);
        }
        if (arguments.flag("details")) {
            json.add("details", details);
        }
        context.printJson(json);
        return 0;
    }
}
