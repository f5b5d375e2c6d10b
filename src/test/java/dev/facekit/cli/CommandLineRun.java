package dev.facekit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the {@code facekit} tool inside the test JVM, with what it printed.
 *
 * @param status the exit status
 * @param out standard output: the result
 * @param err standard error: usage and error messages (log lines go to the real stderr)
 */
record CommandLineRun(int status, String out, String err) {

    static CommandLineRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status =
                FacekitCommand.execute(
                        new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandLineRun(status, out.toString(), err.toString());
    }
}
