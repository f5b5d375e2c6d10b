package dev.facekit.cli;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.facekit.gallery.Gallery;
import dev.facekit.gallery.GalleryFile;
import dev.facekit.gallery.GalleryStats;
import dev.facekit.gallery.PersonCount;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code facekit db}: look after a face database: list, statistics, remove, rename. */
@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = "Lists, summarises and edits a face database (.npz).",
        subcommands = {
            DbCommand.List.class,
            DbCommand.Stats.class,
            DbCommand.Remove.class,
            DbCommand.Rename.class
        })
final class DbCommand implements Runnable {

    @Option(
            names = "--db",
            required = true,
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "The face database, e.g. faces.npz.")
    Path database;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    private static JsonObject json(String... keysAndValues) {
        JsonObject json = new JsonObject();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            json.addProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return json;
    }

    private static void print(PrintWriter out, JsonObject json) {
        out.println(
                new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json));
        out.flush();
    }

    /** {@code facekit db list}: one CSV row per person. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Prints person,faces for everyone enrolled, as CSV, sorted by name.")
    static final class List implements Callable<Integer> {
        @ParentCommand DbCommand db;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Gallery gallery = GalleryFile.read(db.database);
            PrintWriter out = spec.commandLine().getOut();
            out.println("person,faces");
            for (PersonCount person : gallery.people()) {
                out.println(Csv.field(person.person()) + "," + person.faces());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code facekit db stats}: counts, model and settings as JSON. */
    @Command(
            name = "stats",
            mixinStandardHelpOptions = true,
            description = "Prints counts, the model and the matching settings as JSON.")
    static final class Stats implements Callable<Integer> {
        @ParentCommand DbCommand db;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            GalleryStats stats = GalleryFile.read(db.database).stats();
            JsonObject json =
                    new GsonBuilder()
                            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
                            .create()
                            .toJsonTree(stats)
                            .getAsJsonObject();
            json.addProperty("file", db.database.toString());
            json.addProperty("file_bytes", Files.size(db.database));
            print(spec.commandLine().getOut(), json);
            return 0;
        }
    }

    /** {@code facekit db remove PERSON}. */
    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Removes a person and all their faces; prints what was removed as JSON.")
    static final class Remove implements Callable<Integer> {
        private static final Logger LOG = LoggerFactory.getLogger(Remove.class);

        @ParentCommand DbCommand db;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "PERSON", description = "The name, as `facekit db list` shows it.")
        String person;

        @Override
        public Integer call() throws IOException {
            int removed = GalleryFile.update(db.database, gallery -> gallery.removePerson(person));
            LOG.info("Removed {} faces of {} from {}", removed, person, db.database);
            JsonObject json = json("removed", person);
            json.addProperty("faces", removed);
            print(spec.commandLine().getOut(), json);
            return 0;
        }
    }

    /** {@code facekit db rename OLD NEW}. */
    @Command(
            name = "rename",
            mixinStandardHelpOptions = true,
            description = {
                "Renames a person; prints what changed as JSON.",
                "When NEW is already enrolled, OLD's faces join NEW's."
            })
    static final class Rename implements Callable<Integer> {
        private static final Logger LOG = LoggerFactory.getLogger(Rename.class);

        @ParentCommand DbCommand db;
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "OLD", description = "The current name.")
        String oldName;

        @Parameters(index = "1", paramLabel = "NEW", description = "The new name.")
        String newName;

        @Override
        public Integer call() throws IOException {
            int moved =
                    GalleryFile.update(
                            db.database, gallery -> gallery.renamePerson(oldName, newName));
            LOG.info("Renamed {} to {} ({} faces) in {}", oldName, newName, moved, db.database);
            JsonObject json = json("renamed", oldName, "to", newName);
            json.addProperty("faces", moved);
            print(spec.commandLine().getOut(), json);
            return 0;
        }
    }
}
