package dev.facekit;

import java.nio.file.Path;

/**
 * The per-user folder where facekit keeps what it unpacks or downloads once: OpenCV's native
 * library, DJL's libtorch and downloaded model weights.
 *
 * <p>Resolved from the system property {@code facekit.cache}, then the environment variable {@code
 * FACEKIT_CACHE}, then {@code $XDG_CACHE_HOME/facekit}, then {@code ~/.cache/facekit}.
 */
public final class CacheDirectory {

    private CacheDirectory() {}

    /** Returns the cache root; it is not created here. */
    public static Path root() {
        String property = System.getProperty("facekit.cache");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("FACEKIT_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "facekit");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "facekit");
    }

    /** Returns a named folder below the cache root. */
    public static Path resolve(String name) {
        return root().resolve(name);
    }
}
