package dev.facekit.bench;

import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.HaarCascadeDetector;
import dev.facekit.detect.MainFace;
import dev.facekit.image.ImageDecoder;
import dev.facekit.image.Picture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.opencv.core.Core;

/**
 * Compares the bundled frontal-face Haar cascades on LFW: the share of images where the main face
 * found covers the centre of the 250x250 frame (where LFW puts the named person), and the
 * milliseconds per image, one thread.
 *
 * <p>Run: {@code mvn -q package -DskipTests && java -cp
 * "target/classes:target/test-classes:target/lib/*" dev.facekit.bench.HaarCascadeBenchmark
 * ../shared/datasets/lfw 2000} (the last argument: how many images, drawn with a fixed seed; 0 for
 * all 13,233).
 */
public final class HaarCascadeBenchmark {

    private HaarCascadeBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path lfw = Path.of(args.length > 0 ? args[0] : "../shared/datasets/lfw");
        int sample = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        List<String> cascades =
                args.length > 2
                        ? List.of(args[2].split(","))
                        : HaarCascadeDetector.BUNDLED_CASCADES;
        List<Path> images = sample(lfw.resolve("images_deepfunneled"), sample);
        ImageDecoder decoder = new ImageDecoder();
        Core.setNumThreads(1);

        System.out.println("cascade,images,central_face_rate,no_face,off_centre,ms_per_image");
        for (String name : cascades) {
            try (HaarCascadeDetector detector = HaarCascadeDetector.bundled(name)) {
                int central = 0;
                int none = 0;
                long nanos = 0;
                for (Path image : images) {
                    Picture picture = decoder.read(image);
                    long start = System.nanoTime();
                    List<DetectedFace> faces = detector.detect(picture.bgr());
                    nanos += System.nanoTime() - start;
                    Optional<DetectedFace> main =
                            MainFace.of(faces, picture.width(), picture.height());
                    if (main.isEmpty()) {
                        none++;
                    } else if (main.get()
                            .box()
                            .contains(picture.width() / 2.0, picture.height() / 2.0)) {
                        central++;
                    }
                    picture.release();
                }
                System.out.printf(
                        Locale.ROOT,
                        "%s,%d,%.4f,%d,%d,%.2f%n",
                        name,
                        images.size(),
                        central / (double) images.size(),
                        none,
                        images.size() - central - none,
                        nanos / 1e6 / images.size());
            }
        }
    }

    static List<Path> sample(Path root, int count) throws Exception {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".jpg")).sorted().forEach(all::add);
        }
        if (count <= 0 || count >= all.size()) {
            return all;
        }
        Collections.shuffle(all, new Random(42));
        return all.subList(0, count);
    }
}
