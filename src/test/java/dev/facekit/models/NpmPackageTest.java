package dev.facekit.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpmPackageTest {

    @TempDir Path cache;

    private String previousCache;

    @BeforeEach
    void useTemporaryCache() {
        previousCache = System.getProperty("facekit.cache");
        System.setProperty("facekit.cache", cache.toString());
    }

    @AfterEach
    void restoreCache() {
        if (previousCache == null) {
            System.clearProperty("facekit.cache");
        } else {
            System.setProperty("facekit.cache", previousCache);
        }
    }

    @Test
    void namesTheRegistryTarballOfAScopedPackage() {
        NpmPackage faceApi = new NpmPackage("@vladmandic/face-api", "1.7.15", "sha512-x");

        assertEquals(
                "https://registry.npmjs.org/@vladmandic/face-api/-/face-api-1.7.15.tgz",
                faceApi.tarballUri().toString());
        assertTrue(faceApi.tarballPath().startsWith(cache));
    }

    @Test
    void refusesATarballWhoseHashDiffersAndMovesItAside() throws IOException {
        NpmPackage pinned = new NpmPackage("example", "1.0.0", "sha512-AAAA");
        Files.createDirectories(pinned.tarballPath().getParent());
        Files.writeString(pinned.tarballPath(), "not the real tarball");

        IOException e = assertThrows(IOException.class, () -> pinned.file("index.js"));

        assertTrue(e.getMessage().contains("integrity"), e.getMessage());
        assertTrue(Files.notExists(pinned.tarballPath()));
    }

    @Test
    void saysHowToPlaceThePackageByHandWhenTheRegistryIsUnreachable() {
        System.setProperty("facekit.npm.registry", "http://127.0.0.1:9");
        try {
            NpmPackage pinned = new NpmPackage("example", "1.0.0", "sha512-AAAA");

            IOException e = assertThrows(IOException.class, () -> pinned.file("index.js"));

            assertTrue(e.getMessage().contains("npm pack example@1.0.0"), e.getMessage());
        } finally {
            System.clearProperty("facekit.npm.registry");
        }
    }
}
