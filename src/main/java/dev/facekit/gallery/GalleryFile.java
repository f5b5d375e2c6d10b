package dev.facekit.gallery;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.facekit.embed.ModelInfo;
import dev.facekit.search.Metric;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link Gallery} in an {@code .npz} file that NumPy opens with {@code numpy.load(path,
 * allow_pickle=False)}:
 *
 * <ul>
 *   <li>{@code embeddings}: float32, faces x 128, L2-normalised rows;
 *   <li>{@code labels}: int32, one per face, an index into {@code label_strings};
 *   <li>{@code label_strings}: unicode, the person names ({@code label_strings[labels]} names every
 *       face);
 *   <li>{@code sources}: unicode, where each face came from;
 *   <li>{@code source_sha256}: ASCII bytes ({@code |S64}), the SHA-256 of each source image's bytes
 *       in hex;
 *   <li>{@code metadata}: a 0-d unicode array holding JSON ({@code
 *       json.loads(str(d["metadata"]))}): the format and its version, the model (name, fingerprint,
 *       input size, framing, calibrated threshold), where it was opened from, the metric and the
 *       threshold in the metric's units.
 * </ul>
 *
 * <p>Nothing is lost on a crash: a new version is written to a temporary file in the same folder,
 * forced to disk, and renamed over the old one in one atomic step. Changes go through {@link
 * #update}, which holds an exclusive lock on a sidecar file ({@code faces.npz.lock}) while it reads
 * the current file, applies the change and writes the result, so two processes enrolling at once
 * both keep their rows. Reading needs no lock: the file is always a complete version.
 */
public final class GalleryFile {

    private static final Logger LOG = LoggerFactory.getLogger(GalleryFile.class);

    /** The {@code format} value in the metadata of every facekit database. */
    static final String FORMAT = "facekit-gallery";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /**
     * File locks are held per process, so threads of one process also queue on this lock; without
     * it a second thread's {@code FileChannel.lock} would fail instead of wait.
     */
    private static final Map<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();

    private GalleryFile() {}

    /** A change made to a gallery while its file is locked. */
    @FunctionalInterface
    public interface Change<R> {
        /** Changes the gallery and returns what the caller wants to know about the change. */
        R apply(Gallery gallery) throws IOException;
    }

    /**
     * Reads a database.
     *
     * @throws UnreadableGalleryException when the file is missing, truncated, damaged or not a
     *     facekit database, with a message that says so
     */
    public static Gallery read(Path file) throws IOException {
        Map<String, NpyArray> arrays;
        try {
            arrays = NpzArchive.read(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableGalleryException(
                    file,
                    "no face database here; create one with `facekit enroll MODEL GALLERY --db "
                            + file
                            + "`",
                    e);
        } catch (NpyFormatException e) {
            throw new UnreadableGalleryException(
                    file,
                    "not a readable face database: "
                            + e.getMessage()
                            + ". Restore it from a backup or enrol again into a new file",
                    e);
        }
        return fromArrays(file, arrays);
    }

    /**
     * Applies a change to an existing database and saves the result, if the change modified it,
     * holding the database's lock throughout.
     */
    public static <R> R update(Path file, Change<R> change) throws IOException {
        return update(file, null, change);
    }

    /**
     * Applies a change to a database, creating it first when the file does not exist, and saves the
     * result if anything changed, holding the database's lock throughout.
     *
     * @param create makes the empty gallery for a new file; {@code null} means the file must exist
     */
    public static <R> R update(Path file, Supplier<Gallery> create, Change<R> change)
            throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        ReentrantLock processLock =
                PROCESS_LOCKS.computeIfAbsent(absolute, path -> new ReentrantLock());
        processLock.lock();
        try (FileChannel lockFile = openLockFile(absolute);
                FileLock lock = lockFile.lock()) {
            deleteAbandonedTemporaryFiles(absolute);
            Gallery gallery = create != null && !Files.exists(absolute) ? create.get() : read(file);
            long before = create != null && !Files.exists(absolute) ? -1 : gallery.modifications();
            R result = change.apply(gallery);
            if (gallery.modifications() != before) {
                write(gallery, absolute);
            }
            return result;
        } finally {
            processLock.unlock();
        }
    }

    private static FileChannel openLockFile(Path file) throws IOException {
        Path folder = file.getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        // The lock file stays behind on purpose: deleting it would let a waiting process lock a
        // file that a newcomer no longer sees.
        return FileChannel.open(
                file.resolveSibling(file.getFileName() + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
    }

    /**
     * Writes a database atomically: the old file stays intact until the new one is complete on
     * disk. Callers that may race with other writers use {@link #update} instead.
     */
    public static void write(Gallery gallery, Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, temporaryPrefix(absolute), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                NpzArchive.write(toArrays(gallery), out);
                out.flush();
                channel.force(true);
            }
            moveIntoPlace(temporary, absolute);
            forceFolder(folder);
        } finally {
            Files.deleteIfExists(temporary);
        }
        LOG.debug(
                "Wrote {} faces of {} people to {}", gallery.size(), gallery.people().size(), file);
    }

    private static String temporaryPrefix(Path file) {
        return "." + file.getFileName() + ".";
    }

    private static void moveIntoPlace(Path temporary, Path file) throws IOException {
        try {
            Files.move(
                    temporary,
                    file,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException(
                    file.getParent() + ": this file system cannot replace a file atomically", e);
        }
    }

    /** Makes the rename itself durable; some platforms cannot open a folder, which is harmless. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("Could not sync folder {}: {}", folder, e.getMessage());
        }
    }

    /** Temporary files of a writer that crashed; only a lock holder writes them, so safe now. */
    private static void deleteAbandonedTemporaryFiles(Path file) throws IOException {
        String prefix = temporaryPrefix(file);
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(file.getParent())) {
            for (Path path : siblings) {
                String name = path.getFileName().toString();
                if (!name.startsWith(prefix) || !name.endsWith(".tmp")) {
                    continue;
                }
                LOG.warn("Deleting {}, left behind by an interrupted write", path);
                Files.deleteIfExists(path);
            }
        }
    }

    private static Map<String, NpyArray> toArrays(Gallery gallery) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put(
                "embeddings",
                new NpyArray.Float32(
                        new int[] {gallery.size(), gallery.dimension()}, gallery.embeddingRows()));
        arrays.put("labels", new NpyArray.Int32(new int[] {gallery.size()}, gallery.labelRows()));
        arrays.put("label_strings", NpyArray.Text.vector(gallery.names().toArray(String[]::new)));
        arrays.put("sources", NpyArray.Text.vector(gallery.sources().toArray(String[]::new)));
        // Hex digests as bytes: a quarter of the size of unicode, which matters at a million rows.
        arrays.put(
                "source_sha256",
                NpyArray.Ascii.vector(gallery.sourceHashes().toArray(String[]::new)));
        arrays.put("metadata", NpyArray.Text.scalar(GSON.toJson(metadata(gallery))));
        return arrays;
    }

    private static JsonObject metadata(Gallery gallery) {
        ModelInfo model = gallery.model();
        JsonObject modelJson = new JsonObject();
        modelJson.addProperty("name", model.name());
        modelJson.addProperty("fingerprint", model.fingerprint());
        modelJson.addProperty("inputSizePx", model.inputSizePx());
        modelJson.addProperty("embeddingSize", model.embeddingSize());
        modelJson.addProperty("framing", model.framing());
        modelJson.addProperty("thresholdL2", model.thresholdL2());

        JsonObject json = new JsonObject();
        json.addProperty("format", FORMAT);
        json.addProperty("formatVersion", Gallery.FORMAT_VERSION);
        json.add("model", modelJson);
        json.addProperty("modelSpec", gallery.modelSpec());
        json.addProperty("metric", gallery.metric().id());
        json.addProperty("threshold", gallery.threshold());
        json.addProperty("updated", Instant.now().toString());
        return json;
    }

    private static Gallery fromArrays(Path file, Map<String, NpyArray> arrays)
            throws UnreadableGalleryException {
        for (String name :
                List.of(
                        "embeddings",
                        "labels",
                        "label_strings",
                        "sources",
                        "source_sha256",
                        "metadata")) {
            if (!arrays.containsKey(name)) {
                throw new UnreadableGalleryException(
                        file,
                        "not a facekit face database: it has no '"
                                + name
                                + "' array (it has "
                                + arrays.keySet()
                                + ")");
            }
        }
        try {
            Gallery gallery = emptyGallery(file, metadataOf(arrays.get("metadata")));
            NpyArray.Float32 embeddings = as(NpyArray.Float32.class, arrays, "embeddings");
            if (embeddings.shape().length != 2 || embeddings.shape()[1] != gallery.dimension()) {
                throw new IllegalArgumentException(
                        "'embeddings' has shape "
                                + embeddings.shapeText()
                                + " but the model makes "
                                + gallery.dimension()
                                + " values per face");
            }
            gallery.restore(
                    embeddings.values(),
                    as(NpyArray.Int32.class, arrays, "labels").values(),
                    strings(arrays, "label_strings"),
                    strings(arrays, "sources"),
                    strings(arrays, "source_sha256"));
            return gallery;
        } catch (RuntimeException e) {
            // Missing or mistyped metadata fields surface as assorted runtime exceptions.
            throw new UnreadableGalleryException(
                    file, "not a consistent facekit face database: " + e.getMessage(), e);
        }
    }

    private static JsonObject metadataOf(NpyArray array) {
        if (!(array instanceof NpyArray.Text text) || text.size() != 1) {
            throw new IllegalArgumentException("'metadata' is not a single string");
        }
        return GSON.fromJson(text.values()[0], JsonObject.class);
    }

    private static Gallery emptyGallery(Path file, JsonObject json)
            throws UnreadableGalleryException {
        if (json == null
                || !json.has("format")
                || !FORMAT.equals(json.get("format").getAsString())) {
            throw new IllegalArgumentException("its metadata does not say format " + FORMAT);
        }
        int version = required(json, "formatVersion").getAsInt();
        if (version > Gallery.FORMAT_VERSION) {
            throw new UnreadableGalleryException(
                    file,
                    "written by a newer facekit (database format "
                            + version
                            + ", this one reads up to "
                            + Gallery.FORMAT_VERSION
                            + "); upgrade facekit");
        }
        JsonObject model = required(json, "model").getAsJsonObject();
        ModelInfo info =
                new ModelInfo(
                        required(model, "name").getAsString(),
                        required(model, "fingerprint").getAsString(),
                        required(model, "inputSizePx").getAsInt(),
                        required(model, "embeddingSize").getAsInt(),
                        required(model, "framing").getAsString(),
                        required(model, "thresholdL2").getAsDouble());
        return new Gallery(
                info,
                required(json, "modelSpec").getAsString(),
                Metric.parse(required(json, "metric").getAsString()),
                required(json, "threshold").getAsDouble());
    }

    private static JsonElement required(JsonObject json, String name) {
        JsonElement value = json.get(name);
        if (value == null || value.isJsonNull()) {
            throw new IllegalArgumentException("its metadata lacks '" + name + "'");
        }
        return value;
    }

    /** A string array, unicode or bytes, as NumPy users may write either. */
    private static String[] strings(Map<String, NpyArray> arrays, String name) {
        if (arrays.get(name) instanceof NpyArray.Ascii) {
            return as(NpyArray.Ascii.class, arrays, name).values();
        }
        return as(NpyArray.Text.class, arrays, name).values();
    }

    private static <T extends NpyArray> T as(
            Class<T> type, Map<String, NpyArray> arrays, String name) {
        NpyArray array = arrays.get(name);
        if (!type.isInstance(array)) {
            throw new IllegalArgumentException(
                    "'" + name + "' holds the wrong type of values for a facekit database");
        }
        if (!name.equals("embeddings") && array.shape().length != 1) {
            throw new IllegalArgumentException(
                    "'" + name + "' has shape " + array.shapeText() + ", not one dimension");
        }
        return type.cast(array);
    }
}
