package dev.facekit.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Prints a failed command's message as one line on standard error instead of a stack trace. {@link
 * IllegalArgumentException}, {@link IllegalStateException} and {@link java.io.IOException} carry
 * messages written for users; anything else is a bug and keeps its stack trace.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

    /** Exit status for a request that cannot be carried out as given. */
    static final int USER_ERROR = 2;

    @Override
    public int handleExecutionException(
            Exception e, CommandLine commandLine, ParseResult parseResult) throws Exception {
        if (e instanceof IllegalArgumentException
                || e instanceof IllegalStateException
                || e instanceof java.io.IOException
                || e instanceof java.io.UncheckedIOException) {
            commandLine.getErr().println("facekit: " + e.getMessage());
            return USER_ERROR;
        }
        throw e;
    }
}
