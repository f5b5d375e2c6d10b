package dev.facekit.embed;

import ai.djl.engine.Engine;
import dev.facekit.CacheDirectory;

/**
 * The one way facekit starts DJL's PyTorch engine: offline, without usage tracking, and with
 * libtorch unpacked into the facekit cache rather than wherever DJL would guess.
 *
 * <p>DJL reads these settings when it first starts, so every entry point that touches DJL calls
 * {@link #pytorch()} before anything else of DJL's.
 */
public final class OfflineEngine {

    private OfflineEngine() {}

    /** Configures DJL for offline use (once) and returns the PyTorch engine. */
    public static synchronized Engine pytorch() {
        // Without these DJL's tracking call tries to reach a cloud metadata address at start.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            System.setProperty("DJL_CACHE_DIR", CacheDirectory.resolve("djl").toString());
        }
        return Engine.getEngine("PyTorch");
    }
}
