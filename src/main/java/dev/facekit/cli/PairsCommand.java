package dev.facekit.cli;

import dev.facekit.evaluate.PairFile;
import dev.facekit.evaluate.PairGenerator;
import dev.facekit.evaluate.PersonFolders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code facekit pairs}: LFW-format evaluation pairs for any folder of person folders. */
@Command(
        name = "pairs",
        mixinStandardHelpOptions = true,
        description = {
            "Writes LFW-format pairs (same-person and different-person, in folds whose people do"
                    + " not overlap) for DATA/<person>/<image>, to be scored with facekit evaluate"
                    + " --pairs.",
            "Image i of a person is the i-th image of their folder in natural file-name order"
                    + " (LFW's name_0001.jpg numbering on LFW itself). Keep the people apart from"
                    + " the ones a model was trained on, with --people."
        })
final class PairsCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(PairsCommand.class);

    @Parameters(index = "0", paramLabel = "DATA", description = "Folder of person folders.")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Pair file.")
    Path out;

    @Option(
            names = "--people",
            paramLabel = "FILE",
            description =
                    "Draw only from these people: the first word of each line (LFW's people files"
                            + " work as they are). Default: every person folder.")
    Path people;

    @Option(
            names = "--folds",
            paramLabel = "N",
            description = "Folds; 1 writes a single set. Default: ${DEFAULT-VALUE}.")
    int folds = PairGenerator.DEFAULT_FOLDS;

    @Option(
            names = "--per-fold",
            paramLabel = "N",
            description =
                    "Same-person pairs per fold, and as many different-person ones. Default:"
                            + " ${DEFAULT-VALUE}.")
    int perFold = PairGenerator.DEFAULT_PAIRS_PER_FOLD;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Random seed; the same seed gives the same pairs. Default: 1.")
    long seed = 1;

    @Override
    public Integer call() throws IOException {
        PersonFolders folders = new PersonFolders(data);
        PairGenerator generator =
                new PairGenerator(folders).optFolds(folds).optPairsPerFold(perFold).optSeed(seed);
        if (people != null) {
            generator.optPeople(folders.readPeople(people));
        }
        PairFile pairs = generator.generate(out);
        PairFile.write(out, pairs.folds(), pairs.pairsPerClass(), pairs.pairs());
        log.info(
                "wrote {} pairs ({} fold(s) x {} same + {} different) to {}",
                pairs.pairs().size(),
                folds,
                perFold,
                perFold,
                out);
        return 0;
    }
}
