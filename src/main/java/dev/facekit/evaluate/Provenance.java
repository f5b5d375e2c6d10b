package dev.facekit.evaluate;

import dev.facekit.embed.ModelInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What produced a report: the model, the data (files with their SHA-256), the settings and the
 * time, so that two reports can be compared knowingly and any report can be produced again.
 *
 * @param createdAt when the evaluation finished, ISO-8601 UTC
 * @param facekitVersion the facekit build that ran it
 * @param model the model's name, fingerprint, input size, framing and calibrated threshold
 * @param data the files and folders evaluated on, and checksums of the files
 * @param settings every setting that can change the numbers
 */
public record Provenance(
        String createdAt,
        String facekitVersion,
        ModelInfo model,
        Map<String, String> data,
        Map<String, Object> settings) {

    public Provenance {
        // Copied in order, so the report lists them as they were put.
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** A provenance stamped with the current time and this build's version. */
    public static Provenance now(
            ModelInfo model, Map<String, String> data, Map<String, Object> settings) {
        String version = Provenance.class.getPackage().getImplementationVersion();
        return new Provenance(
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                version == null ? "development build" : version,
                model,
                data,
                settings);
    }

    /**
     * A fingerprint of a set of files that does not read them all: the SHA-256 of one line per
     * file, {@code relative/path<TAB>size}, in the order given.
     */
    public static String listingSha256(Path root, List<Path> files) throws IOException {
        MessageDigest digest = sha256Digest();
        for (Path file : files) {
            String line = root.relativize(file) + "\t" + Files.size(file) + "\n";
            digest.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of a file's bytes, as lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-256", e);
        }
    }
}
