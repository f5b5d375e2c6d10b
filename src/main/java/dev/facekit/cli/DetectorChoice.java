package dev.facekit.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --detector} option of the commands that embed photos for a model, where the default
 * follows the model's framing rather than a fixed detector.
 */
final class DetectorChoice {

    @Option(
            names = "--detector",
            paramLabel = "NAME",
            description =
                    "Face detector: blazeface, blazeface-back, blazeface-single-pass or haar."
                            + " Default: what the model's framing needs (blazeface for aligned"
                            + " chips, haar for box crops).")
    String name;
}
