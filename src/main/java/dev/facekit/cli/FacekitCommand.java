package dev.facekit.cli;

import java.io.PrintWriter;
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
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            DetectCommand.class,
            CropCommand.class,
            TrainCommand.class,
            EmbedCommand.class,
            EnrollCommand.class,
            IdentifyCommand.class,
            VerifyCommand.class,
            DbCommand.class,
            EvaluateCommand.class,
            PairsCommand.class
        })
public final class FacekitCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Runs the tool and exits with its status. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the tool on the process's standard streams and returns its exit status. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the tool with its results and messages sent to the given writers, for tests. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new FacekitCommand());
        commandLine.setExecutionExceptionHandler(new UserErrorHandler());
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
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
