package dev.facekit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs short Python scripts with NumPy, to check that files facekit writes are what NumPy reads and
 * the other way round. A test that uses it is skipped, with a message, when {@code python3} or
 * NumPy is absent.
 */
public final class PythonNumpy {

    private PythonNumpy() {}

    /** Skips the calling test unless {@code python3 -c "import numpy"} succeeds. */
    public static void assumePresent() {
        boolean present;
        try {
            present = run("import numpy").exitCode == 0;
        } catch (IOException e) {
            present = false;
        }
        assumeTrue(present, "Skipped: python3 with NumPy is not installed on this machine");
    }

    /**
     * Runs a script and returns its standard output.
     *
     * @param script Python source; {@code sys.argv[1:]} are the arguments
     * @throws IllegalStateException when the script fails, with its standard error
     */
    public static String output(String script, String... arguments) throws IOException {
        Result result = run(script, arguments);
        if (result.exitCode != 0) {
            throw new IllegalStateException("python3 failed:\n" + result.error);
        }
        return result.output;
    }

    private record Result(int exitCode, String output, String error) {}

    private static Result run(String script, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        Process process = builder.start();
        try {
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String error =
                    new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("python3 did not finish within 60 s");
            }
            return new Result(process.exitValue(), output, error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for python3", e);
        }
    }
}
