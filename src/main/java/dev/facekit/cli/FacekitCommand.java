package dev.facekit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code facekit} command-line tool: a thin shell over the library. Results go to standard
 * output (CSV or JSON) so they pipe cleanly; progress, warnings and errors go to standard error.
 */
@Command(
        name = "facekit",
        mixinStandardHelpOptions = true,
        versionProvider = FacekitCommand.Version.class,
        description = "Face detection, cropping, embedding, search and evaluation.",
        subcommands = {CommandLine.HelpCommand.class, TrainCommand.class, EmbedCommand.class})
public final class FacekitCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Runs the tool and exits with its status. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the tool and returns its exit status, for tests. */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new FacekitCommand());
        commandLine.setExecutionExceptionHandler(new UserErrorHandler());
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** Reports the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FacekitCommand.class.getPackage().getImplementationVersion();
            return new String[] {"facekit " + (version == null ? "(development build)" : version)};
        }
    }
}
