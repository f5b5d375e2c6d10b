package dev.facekit.cli;

import dev.facekit.crop.CropSummary;
import dev.facekit.crop.DatasetCropper;
import dev.facekit.detect.FaceDetectors;
import dev.facekit.embed.EmbeddedFace;
import dev.facekit.embed.EmbeddingModels;
import dev.facekit.embed.ModelInfo;
import dev.facekit.embed.PhotoEmbedder;
import dev.facekit.embed.PhotoEmbedders;
import dev.facekit.gallery.EnrolmentSummary;
import dev.facekit.gallery.Gallery;
import dev.facekit.gallery.GalleryEnroller;
import dev.facekit.gallery.GalleryFile;
import dev.facekit.gallery.PersonMatch;
import dev.facekit.image.ImageFiles;
import dev.facekit.search.Metric;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code facekit demo}: the whole story on a directory-per-person dataset, in a few minutes. Crop
 * the gallery photos of some people into the model's face chips, enrol the chips into a database,
 * then identify held-out photos of the same people and photos of strangers, and say how it went.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole pipeline on a dataset laid out as DATASET/<person>/<image>: crops the"
                    + " gallery photos of some people, enrols the crops into a face database, then"
                    + " identifies other photos of those people and of strangers.",
            "Prints one CSV row per probe (probe,truth,predicted,distance,verdict) and a summary"
                    + " on standard error. On LFW: facekit demo"
                    + " ../shared/datasets/lfw/images_deepfunneled"
        })
final class DemoCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    @Parameters(
            paramLabel = "DATASET",
            description = "A folder with one sub-folder of photos per person (LFW's layout).")
    Path dataset;

    @Option(
            names = "--model",
            paramLabel = "NAME|DIR",
            description =
                    "Embedding model: a built-in name or a trained model folder. Default:"
                            + " ${DEFAULT-VALUE}.")
    String modelSpec = "dlib-resnet";

    @Option(
            names = "--people",
            paramLabel = "N",
            description = "How many people to enrol. Default: ${DEFAULT-VALUE}.")
    int people = 40;

    @Option(
            names = "--gallery-images",
            paramLabel = "N",
            description = "Photos enrolled per person. Default: ${DEFAULT-VALUE}.")
    int galleryImages = 2;

    @Option(
            names = "--probes",
            paramLabel = "N",
            description =
                    "Held-out photos identified per person, at most. Default: ${DEFAULT-VALUE}.")
    int probesPerPerson = 2;

    @Option(
            names = "--strangers",
            paramLabel = "N",
            description =
                    "Photos of people not enrolled, to be rejected. Default: ${DEFAULT-VALUE}.")
    int strangers = 20;

    @Option(
            names = "--threshold",
            paramLabel = "T",
            description =
                    "Distance under which a probe is taken for its nearest person. Default: the"
                            + " model's calibrated pair-verification threshold; searching a gallery"
                            + " of many people wants a lower one to keep strangers out.")
    Double threshold;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "Where crops and the database go. Default: ${DEFAULT-VALUE}.")
    Path work = Path.of("facekit-demo");

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    /** One person's photos, split into those enrolled and those held out. */
    private record Person(String name, List<Path> gallery, List<Path> probes) {}

    /** A photo to identify and who is in it; {@code null} truth for a stranger. */
    private record Probe(Path photo, String truth) {}

    @Override
    public Integer call() throws IOException {
        List<Person> enrolled = new ArrayList<>();
        List<Probe> probes = new ArrayList<>();
        choose(enrolled, probes);
        Path photos = stageGalleryPhotos(enrolled);

        // One model for both steps: enrolment embeds ready chips, identification whole photos.
        try (PhotoEmbedder embedder =
                PhotoEmbedders.open(
                        EmbeddingModels.open(modelSpec), null, PhotoEmbedder.DEFAULT_BATCH_SIZE)) {
            Path crops = cropGallery(photos, embedder.model());
            Path database = enrolCrops(crops, embedder);
            identify(probes, database, embedder);
        }
        return 0;
    }

    /** Spreads the choice over the whole alphabet: every k-th person with enough photos. */
    private void choose(List<Person> enrolled, List<Probe> probes) throws IOException {
        if (!Files.isDirectory(dataset)) {
            throw new IllegalArgumentException(
                    "No dataset folder at "
                            + dataset
                            + "; give a folder with one sub-folder of photos per person, such as"
                            + " LFW's images_deepfunneled");
        }
        List<Path> folders;
        try (Stream<Path> s = Files.list(dataset)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        List<Person> candidates = new ArrayList<>();
        List<Path> loners = new ArrayList<>();
        for (Path folder : folders) {
            List<Path> images = imagesIn(folder);
            if (images.size() > galleryImages) {
                int probeEnd = Math.min(images.size(), galleryImages + probesPerPerson);
                candidates.add(
                        new Person(
                                folder.getFileName().toString(),
                                images.subList(0, galleryImages),
                                images.subList(galleryImages, probeEnd)));
            } else if (!images.isEmpty()) {
                loners.add(images.get(0));
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException(
                    "No person in "
                            + dataset
                            + " has more than "
                            + galleryImages
                            + " photos; the demo needs some to enrol and one to identify");
        }
        enrolled.addAll(spread(candidates, people));
        for (Person p : enrolled) {
            p.probes().forEach(photo -> probes.add(new Probe(photo, p.name())));
        }
        // Strangers: people with too few photos to enrol, else people left out of the gallery.
        List<Path> strangerPhotos = new ArrayList<>(loners);
        candidates.stream()
                .filter(c -> !enrolled.contains(c))
                .forEach(c -> strangerPhotos.add(c.gallery().get(0)));
        spread(strangerPhotos, strangers).forEach(photo -> probes.add(new Probe(photo, null)));
        LOG.info(
                "Chose {} people to enrol ({} photos each), {} of their photos and {} strangers"
                        + " to identify",
                enrolled.size(),
                galleryImages,
                probes.stream().filter(p -> p.truth() != null).count(),
                probes.stream().filter(p -> p.truth() == null).count());
    }

    private static List<Path> imagesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile)
                    .filter(ImageFiles::hasImageExtension)
                    .sorted()
                    .toList();
        }
    }

    private static <T> List<T> spread(List<T> all, int count) {
        if (count >= all.size()) {
            return all;
        }
        List<T> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chosen.add(all.get((int) ((long) i * all.size() / count)));
        }
        return chosen;
    }

    /** Links the gallery photos into WORK/photos/<person>/, the layout crop and enrol read. */
    private Path stageGalleryPhotos(List<Person> enrolled) throws IOException {
        Path photos = work.resolve("photos");
        for (Person person : enrolled) {
            Path folder = Files.createDirectories(photos.resolve(person.name()));
            for (Path photo : person.gallery()) {
                Path link = folder.resolve(photo.getFileName());
                if (!Files.exists(link)) {
                    try {
                        Files.createSymbolicLink(link, photo.toAbsolutePath());
                    } catch (UnsupportedOperationException | IOException e) {
                        Files.copy(photo, link);
                    }
                }
            }
        }
        return photos;
    }

    /** Step 1: detect and cut each gallery photo into exactly the chip the model takes. */
    private Path cropGallery(Path photos, ModelInfo info) throws IOException {
        Path crops = work.resolve("crops-" + info.framing());
        DatasetCropper cropper =
                new DatasetCropper(
                        () -> openDetector(PhotoEmbedders.defaultDetector(info)),
                        () -> PhotoEmbedders.cutterFor(info),
                        false,
                        Runtime.getRuntime().availableProcessors());
        CropSummary summary = cropper.crop(photos, crops);
        LOG.info(
                "Step 1, crop: {} photos, {} cropped to {}x{} '{}' chips, {} kept from an earlier"
                        + " run, {} skipped, in {}",
                summary.images(),
                summary.cropped(),
                info.inputSizePx(),
                info.inputSizePx(),
                info.framing(),
                summary.alreadyDone(),
                summary.skipped(),
                crops);
        return crops;
    }

    private static dev.facekit.detect.FaceDetector openDetector(String name) {
        try {
            return FaceDetectors.open(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Step 2: embed the chips and keep them, with their names, in an .npz database. */
    private Path enrolCrops(Path crops, PhotoEmbedder embedder) throws IOException {
        Path database = work.resolve("faces.npz");
        EnrolmentSummary summary =
                new GalleryEnroller(
                                embedder, ModelSpecs.recordable(modelSpec), Metric.EUCLIDEAN, true)
                        .enrol(crops, database);
        LOG.info(
                "Step 2, enrol: {} faces of {} people now in {} ({} added, {} already there)",
                summary.databaseFaces(),
                summary.databasePeople(),
                database,
                summary.added(),
                summary.alreadyEnrolled());
        return database;
    }

    /** Step 3: find each probe's main face, search the database, and judge the answer. */
    private void identify(List<Probe> probes, Path database, PhotoEmbedder photos)
            throws IOException {
        Gallery gallery = GalleryFile.read(database);
        double limit = threshold != null ? threshold : gallery.threshold();
        PrintWriter out = spec.commandLine().getOut();
        out.println("probe,truth,predicted,distance,verdict");
        int[] counts = new int[5];
        List<Optional<EmbeddedFace>> faces =
                photos.embedMain(probes.stream().map(Probe::photo).toList(), p -> {});
        for (int i = 0; i < probes.size(); i++) {
            Probe probe = probes.get(i);
            Optional<PersonMatch> best =
                    faces.get(i)
                            .map(
                                    f ->
                                            gallery.nearestPeople(gallery.model(), f.embedding(), 1)
                                                    .get(0));
            String predicted =
                    best.filter(m -> m.within(limit))
                            .map(PersonMatch::person)
                            .orElse("unknown_person");
            Verdict verdict = Verdict.of(probe.truth(), predicted, faces.get(i).isPresent());
            counts[verdict.ordinal()]++;
            out.println(
                    String.join(
                            ",",
                            Csv.field(probe.photo().toString()),
                            probe.truth() == null ? "stranger" : Csv.field(probe.truth()),
                            Csv.field(faces.get(i).isPresent() ? predicted : "no_persons_found"),
                            best.map(m -> String.format(Locale.ROOT, "%.4f", m.distance()))
                                    .orElse(""),
                            verdict.name().toLowerCase(Locale.ROOT)));
        }
        out.flush();
        summarise(counts, limit);
    }

    /** How one probe went. */
    enum Verdict {
        CORRECT,
        WRONG_PERSON,
        MISSED,
        STRANGER_REJECTED,
        STRANGER_ACCEPTED;

        static Verdict of(String truth, String predicted, boolean faceFound) {
            boolean unknown = !faceFound || predicted.equals("unknown_person");
            if (truth == null) {
                return unknown ? STRANGER_REJECTED : STRANGER_ACCEPTED;
            }
            if (unknown) {
                return MISSED;
            }
            return predicted.equals(truth) ? CORRECT : WRONG_PERSON;
        }
    }

    private static void summarise(int[] counts, double threshold) {
        int known =
                counts[Verdict.CORRECT.ordinal()]
                        + counts[Verdict.WRONG_PERSON.ordinal()]
                        + counts[Verdict.MISSED.ordinal()];
        int strangers =
                counts[Verdict.STRANGER_REJECTED.ordinal()]
                        + counts[Verdict.STRANGER_ACCEPTED.ordinal()];
        LOG.info(
                "Step 3, identify (threshold {}): enrolled people recognised {} of {} ({} wrong"
                        + " person, {} not recognised); strangers rejected {} of {}",
                String.format(Locale.ROOT, "%.3f", threshold),
                counts[Verdict.CORRECT.ordinal()],
                known,
                counts[Verdict.WRONG_PERSON.ordinal()],
                counts[Verdict.MISSED.ordinal()],
                counts[Verdict.STRANGER_REJECTED.ordinal()],
                strangers);
    }
}
