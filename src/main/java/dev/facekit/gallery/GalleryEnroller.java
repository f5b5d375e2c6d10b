package dev.facekit.gallery;

import dev.facekit.embed.EmbeddedFace;
import dev.facekit.embed.ModelInfo;
import dev.facekit.embed.PhotoEmbedder;
import dev.facekit.image.ImageFiles;
import dev.facekit.progress.ProgressBar;
import dev.facekit.search.Metric;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrols a directory-per-person gallery ({@code GALLERY/<person>/<image>}, subfolders of a person
 * included) into a face database: one face per image, the main one (largest, nearest the centre),
 * named after its person folder.
 *
 * <p>Images are recognised by the SHA-256 of their bytes, so enrolling the same tree again, or a
 * tree with a few new people, embeds only images the database does not hold yet. New faces are
 * saved every {@value #SAVE_EVERY} images, so an interrupted run keeps what it did and a second run
 * carries on. Each save goes through {@link GalleryFile#update}, so other processes may enrol into
 * the same file meanwhile.
 */
public final class GalleryEnroller {

    private static final Logger LOG = LoggerFactory.getLogger(GalleryEnroller.class);

    /** Images embedded between saves: a few seconds of work lost at most on an interruption. */
    static final int SAVE_EVERY = 512;

    /**
     * A save rewrites the whole file (17 s for a million faces, measured), so a large database
     * saves every twentieth of its size instead: still about a percent of the embedding time.
     */
    static final int SAVE_EVERY_SHARE_OF_DATABASE = 20;

    private final PhotoEmbedder embedder;
    private final String modelSpec;
    private final Metric metric;
    private final boolean chips;

    /**
     * @param embedder detects, cuts and embeds faces; its model must be the database's
     * @param modelSpec how the model was named (a built-in name or a folder), recorded in the
     *     database so that searches can open it again
     * @param metric the distance a new database matches with; an existing one keeps its own
     * @param chips whether the images are face chips already (as {@code facekit crop} writes them),
     *     embedded whole without detection
     */
    public GalleryEnroller(PhotoEmbedder embedder, String modelSpec, Metric metric, boolean chips) {
        this.embedder = embedder;
        this.modelSpec = modelSpec;
        this.metric = metric;
        this.chips = chips;
    }

    /** One image of the gallery tree. */
    private record Photo(String person, Path path, String source, String sha256) {}

    /**
     * Enrols every image of the gallery folder that the database does not hold yet, creating the
     * database when the file does not exist.
     *
     * @throws IllegalArgumentException when the folder holds no person folder with images, or the
     *     database belongs to another model
     */
    public EnrolmentSummary enrol(Path galleryFolder, Path database) throws IOException {
        long start = System.nanoTime();
        ModelInfo model = embedder.model();
        List<Photo> photos = photos(galleryFolder);
        Set<String> known = new HashSet<>();
        int saveEvery = SAVE_EVERY;
        if (Files.exists(database)) {
            Gallery existing = GalleryFile.read(database);
            saveEvery = Math.max(SAVE_EVERY, existing.size() / SAVE_EVERY_SHARE_OF_DATABASE);
            existing.requireModel(model);
            for (Photo photo : photos) {
                if (existing.containsSource(photo.sha256())) {
                    known.add(photo.sha256());
                }
            }
        }
        List<Photo> fresh = new ArrayList<>();
        for (Photo photo : photos) {
            if (known.add(photo.sha256())) {
                fresh.add(photo);
            }
        }
        int alreadyEnrolled = photos.size() - fresh.size();
        LOG.info(
                "{}: {} images, {} already enrolled, {} to embed with {}",
                galleryFolder,
                photos.size(),
                alreadyEnrolled,
                fresh.size(),
                model.name());

        int added = 0;
        try (ProgressBar progress = new ProgressBar("Enrolling", fresh.size(), "images")) {
            for (int from = 0; from < fresh.size(); from += saveEvery) {
                List<Photo> chunk = fresh.subList(from, Math.min(fresh.size(), from + saveEvery));
                List<GalleryEntry> entries = embed(chunk, progress);
                added +=
                        GalleryFile.update(
                                        database,
                                        () -> Gallery.forModel(model, modelSpec, metric),
                                        gallery -> {
                                            gallery.setModelSpec(modelSpec);
                                            return gallery.add(model, entries);
                                        })
                                .added();
            }
        }
        if (fresh.isEmpty() && !Files.exists(database)) {
            GalleryFile.update(database, () -> Gallery.forModel(model, modelSpec, metric), g -> 0);
        }

        Gallery result = GalleryFile.read(database);
        return new EnrolmentSummary(
                database,
                (int) photos.stream().map(Photo::person).distinct().count(),
                photos.size(),
                alreadyEnrolled,
                added,
                fresh.size() - added,
                result.size(),
                result.people().size(),
                (System.nanoTime() - start) / 1e9);
    }

    private List<GalleryEntry> embed(List<Photo> chunk, ProgressBar progress) {
        List<Path> paths = chunk.stream().map(Photo::path).toList();
        List<float[]> embeddings = new ArrayList<>(chunk.size());
        if (chips) {
            for (float[] embedding : embedder.embedChipFiles(paths, path -> progress.step())) {
                embeddings.add(embedding);
            }
        } else {
            for (Optional<EmbeddedFace> face : embedder.embedMain(paths, path -> progress.step())) {
                embeddings.add(face.map(EmbeddedFace::embedding).orElse(null));
            }
        }
        List<GalleryEntry> entries = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            if (embeddings.get(i) != null) {
                Photo photo = chunk.get(i);
                entries.add(
                        new GalleryEntry(
                                photo.person(), photo.source(), photo.sha256(), embeddings.get(i)));
            }
        }
        return entries;
    }

    private static List<Photo> photos(Path galleryFolder) throws IOException {
        if (!Files.isDirectory(galleryFolder)) {
            throw new IllegalArgumentException(
                    galleryFolder
                            + " is not a folder; give a folder with one subfolder per person");
        }
        List<Photo> photos = new ArrayList<>();
        try (Stream<Path> files = Files.walk(galleryFolder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = galleryFolder.relativize(file);
                if (!ImageFiles.hasImageExtension(file)
                        || file.getFileName().toString().startsWith(".")) {
                    continue;
                }
                if (relative.getNameCount() < 2) {
                    LOG.warn("{}: not inside a person folder, so nobody to name; skipped", file);
                    continue;
                }
                photos.add(
                        new Photo(
                                relative.getName(0).toString(),
                                file,
                                relative.toString().replace('\\', '/'),
                                sha256(file)));
            }
        }
        if (photos.isEmpty()) {
            throw new IllegalArgumentException(
                    galleryFolder
                            + " holds no images in person folders; expected"
                            + " GALLERY/<person>/<image>");
        }
        return photos;
    }

    /** The SHA-256 of a file's bytes, lower-case hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
