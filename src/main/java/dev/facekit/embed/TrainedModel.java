package dev.facekit.embed;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.facekit.train.ChipPreprocessing;
import dev.facekit.train.EmbeddingNetwork;
import dev.facekit.train.EmbeddingTrainer;
import dev.facekit.train.ModelDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/**
 * A model made by {@code facekit train}, loaded from its folder ({@value
 * ModelDescription#FILE_NAME} plus weights) as a {@link FaceEmbedder}.
 *
 * <p>Chips are prepared exactly as in training: when the model was trained on whole frames with a
 * fixed crop (framing {@code fixed-crop ...}), {@link #embed} takes whole frames and cuts the same
 * box; for framing {@code box} it takes detector crops and only resizes them.
 */
public final class TrainedModel implements FaceEmbedder {

    private final ModelDescription description;
    private final ModelInfo info;
    private final ChipPreprocessing preprocessing;
    private final NDManager manager;
    private final Block block;

    private TrainedModel(
            ModelDescription description,
            ChipPreprocessing preprocessing,
            NDManager manager,
            Block block) {
        this.description = description;
        this.preprocessing = preprocessing;
        this.manager = manager;
        this.block = block;
        this.info =
                new ModelInfo(
                        description.name(),
                        description.weightsSha256(),
                        description.inputSizePx(),
                        description.embeddingSize(),
                        description.framing(),
                        description.thresholdL2());
    }

    /**
     * Loads a model folder.
     *
     * @throws IllegalArgumentException when the folder is missing, is not a facekit model, was made
     *     by another network version, or its weights are missing or damaged; the message says which
     */
    public static TrainedModel load(Path folder) throws IOException {
        ModelDescription description = describe(folder);
        Path weights = folder.resolve(description.weightsFile());
        if (!Files.isRegularFile(weights)) {
            throw new IllegalArgumentException(
                    folder
                            + " lacks its weights file "
                            + description.weightsFile()
                            + "; copy the whole model folder, or train the model again");
        }
        if (!EmbeddingTrainer.sha256(weights).equals(description.weightsSha256())) {
            throw new IllegalArgumentException(
                    weights
                            + " does not match the fingerprint in "
                            + ModelDescription.FILE_NAME
                            + ": the weights are damaged or were replaced; copy the model folder"
                            + " again");
        }

        Engine engine = OfflineEngine.pytorch();
        Device device = engine.defaultDevice();
        NDManager manager = engine.newBaseManager(device);
        try {
            Block block =
                    EmbeddingNetwork.build(
                            description.architectureVersion(), description.embeddingSize());
            EmbeddingTrainer.readWeights(block, manager, weights);
            ChipPreprocessing preprocessing =
                    new ChipPreprocessing(
                            description.inputSizePx(),
                            description.preprocessing().crop(),
                            description.framing());
            return new TrainedModel(description, preprocessing, manager, block);
        } catch (RuntimeException | IOException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Reads and checks a model folder's description without loading the weights.
     *
     * @throws IllegalArgumentException as {@link #load} does
     */
    public static ModelDescription describe(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(
                    "no model folder at "
                            + folder
                            + "; train one with 'facekit train DATA --out "
                            + folder
                            + "'");
        }
        Path json = folder.resolve(ModelDescription.FILE_NAME);
        if (!Files.isRegularFile(json)) {
            throw new IllegalArgumentException(
                    folder
                            + " is not a facekit model folder: it has no "
                            + ModelDescription.FILE_NAME
                            + " (a model folder is what 'facekit train --out' writes)");
        }
        ModelDescription d = ModelDescription.read(json);
        if (!ModelDescription.FORMAT.equals(d.format())) {
            throw new IllegalArgumentException(
                    json
                            + " is not a facekit embedding model (format '"
                            + d.format()
                            + "', expected '"
                            + ModelDescription.FORMAT
                            + "')");
        }
        if (d.formatVersion() != ModelDescription.FORMAT_VERSION) {
            throw new IllegalArgumentException(
                    json
                            + " has format version "
                            + d.formatVersion()
                            + "; this facekit reads version "
                            + ModelDescription.FORMAT_VERSION
                            + ". Use a matching facekit version");
        }
        if (!EmbeddingNetwork.ARCHITECTURE.equals(d.architecture())
                || !EmbeddingNetwork.supports(d.architectureVersion())) {
            throw new IllegalArgumentException(
                    json
                            + " was made for network "
                            + d.architecture()
                            + " v"
                            + d.architectureVersion()
                            + "; this facekit builds "
                            + EmbeddingNetwork.ARCHITECTURE
                            + " v"
                            + EmbeddingNetwork.POOLED_VERSION
                            + " and v"
                            + EmbeddingNetwork.VERSION
                            + ", so the weights cannot be loaded. Train"
                            + " the model again with this version");
        }
        if (d.weightsFile() == null || d.weightsSha256() == null || d.preprocessing() == null) {
            throw new IllegalArgumentException(
                    json
                            + " is incomplete (no weights file, fingerprint or preprocessing); the"
                            + " model folder is corrupt");
        }
        return d;
    }

    /** The full description from {@value ModelDescription#FILE_NAME}. */
    public ModelDescription description() {
        return description;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public float[][] embed(List<Mat> chips) {
        List<byte[]> pixels = new ArrayList<>(chips.size());
        for (Mat chip : chips) {
            pixels.add(preprocessing.chipPixels(chip));
        }
        return embedPixels(pixels);
    }

    /**
     * Embeds chips already prepared by {@link ChipPreprocessing#chipPixels} for this model's input
     * size.
     */
    public float[][] embedPixels(List<byte[]> pixels) {
        return EmbeddingNetwork.embed(block, manager, pixels, description.inputSizePx());
    }

    @Override
    public void close() {
        manager.close();
    }
}
