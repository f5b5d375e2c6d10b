package dev.facekit.models;

import dev.facekit.CacheDirectory;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pinned version of a package on the npm registry, used as a source of model files.
 *
 * <p>The package tarball is downloaded once over HTTPS, checked against the {@code sha512}
 * integrity string that the registry publishes for that version, and kept in the facekit cache
 * ({@code <cache>/npm/<name>-<version>.tgz}); files are unpacked from it beside it on first use.
 * After that nothing touches the network. Where the download is impossible, the error says where to
 * put a tarball fetched by hand ({@code npm pack NAME@VERSION}).
 *
 * <p>The registry address can be changed with the system property {@code facekit.npm.registry} or
 * the environment variable {@code FACEKIT_NPM_REGISTRY}, for a local mirror.
 */
public final class NpmPackage {

    private static final Logger LOG = LoggerFactory.getLogger(NpmPackage.class);
    private static final String DEFAULT_REGISTRY = "https://registry.npmjs.org";

    private final String name;
    private final String version;
    private final String integrity;

    /**
     * @param name the package name, with its scope if any ({@code @vladmandic/face-api})
     * @param version the exact version
     * @param integrity the registry's {@code dist.integrity} for that version, {@code sha512-...}
     */
    public NpmPackage(String name, String version, String integrity) {
        if (!integrity.startsWith("sha512-")) {
            throw new IllegalArgumentException("Only sha512 integrity strings are accepted");
        }
        this.name = name;
        this.version = version;
        this.integrity = integrity;
    }

    /** {@code name@version}, as npm writes it. */
    public String coordinates() {
        return name + "@" + version;
    }

    /** Where the registry serves the tarball. */
    public URI tarballUri() {
        String base = name.substring(name.lastIndexOf('/') + 1);
        return URI.create(registry() + "/" + name + "/-/" + base + "-" + version + ".tgz");
    }

    /** Where the verified tarball is kept in the cache. */
    public Path tarballPath() {
        return folder().resolveSibling(folder().getFileName() + ".tgz");
    }

    /**
     * Returns a file of the package, downloading and unpacking it first if needed.
     *
     * @param pathInPackage the file's path inside the package, e.g. {@code model/x.bin}
     * @throws IOException if the package cannot be had (the message says how to place it by hand),
     *     fails its integrity check, or lacks the file
     */
    public synchronized Path file(String pathInPackage) throws IOException {
        Path target = folder().resolve(pathInPackage).normalize();
        if (!target.startsWith(folder())) {
            throw new IllegalArgumentException("Path leaves the package: " + pathInPackage);
        }
        if (Files.isRegularFile(target)) {
            return target;
        }
        Path tarball = tarballPath();
        if (!Files.isRegularFile(tarball)) {
            download(tarball);
        }
        verify(tarball);
        unpack(tarball, pathInPackage, target);
        return target;
    }

    private Path folder() {
        String safe = name.replace('@', ' ').trim().replace('/', '+');
        return CacheDirectory.resolve("npm").resolve(safe + "-" + version);
    }

    private static String registry() {
        String property = System.getProperty("facekit.npm.registry");
        if (property == null || property.isBlank()) {
            property = System.getenv("FACEKIT_NPM_REGISTRY");
        }
        String registry = property == null || property.isBlank() ? DEFAULT_REGISTRY : property;
        return registry.endsWith("/") ? registry.substring(0, registry.length() - 1) : registry;
    }

    private void download(Path tarball) throws IOException {
        Files.createDirectories(tarball.getParent());
        Path partial = Files.createTempFile(tarball.getParent(), "download", ".partial");
        URI uri = tarballUri();
        LOG.info("Downloading {} from {} (once; kept in {})", coordinates(), uri, tarball);
        try {
            HttpClient client =
                    HttpClient.newBuilder()
                            .connectTimeout(Duration.ofSeconds(20))
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .build();
            HttpRequest request =
                    HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build();
            HttpResponse<Path> response =
                    client.send(request, HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                throw new IOException("the registry answered HTTP " + response.statusCode());
            }
            Files.move(partial, tarball, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException(
                    "Cannot download "
                            + coordinates()
                            + " from "
                            + uri
                            + " ("
                            + e.getMessage()
                            + "). Without network, fetch it elsewhere with `npm pack "
                            + coordinates()
                            + "` and copy the .tgz to "
                            + tarball,
                    e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private void verify(Path tarball) throws IOException {
        String actual = "sha512-" + Base64.getEncoder().encodeToString(sha512(tarball));
        if (!actual.equals(integrity)) {
            Path rejected = tarball.resolveSibling(tarball.getFileName() + ".rejected");
            Files.move(tarball, rejected, StandardCopyOption.REPLACE_EXISTING);
            throw new IOException(
                    "The tarball of "
                            + coordinates()
                            + " does not match its pinned sha512 integrity (moved aside to "
                            + rejected
                            + "); run again to download it afresh");
        }
    }

    private static byte[] sha512(Path file) throws IOException {
        try (InputStream in =
                new DigestInputStream(
                        Files.newInputStream(file), MessageDigest.getInstance("SHA-512"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return ((DigestInputStream) in).getMessageDigest().digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM lacks SHA-512", e);
        }
    }

    /** npm tarballs hold every file under a top folder, {@code package/} by convention. */
    private void unpack(Path tarball, String pathInPackage, Path target) throws IOException {
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(
                        new GzipCompressorInputStream(
                                new BufferedInputStream(Files.newInputStream(tarball))))) {
            for (TarArchiveEntry entry = tar.getNextEntry();
                    entry != null;
                    entry = tar.getNextEntry()) {
                String entryName = entry.getName();
                int slash = entryName.indexOf('/');
                if (entry.isFile() && entryName.substring(slash + 1).equals(pathInPackage)) {
                    Files.createDirectories(target.getParent());
                    Path partial = Files.createTempFile(target.getParent(), "unpack", ".partial");
                    try {
                        Files.copy(tar, partial, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                    } finally {
                        Files.deleteIfExists(partial);
                    }
                    return;
                }
            }
        }
        throw new IOException(coordinates() + " has no file " + pathInPackage);
    }
}
