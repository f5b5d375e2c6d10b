package dev.facekit.detect.blazeface;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Rect;

/**
 * Overlapping square tiles that let a detector with a fixed input size find faces that are small
 * compared with the whole picture.
 *
 * <p>A single pass over the letterboxed picture finds faces down to {@code minFaceFraction} of its
 * longer side {@code L}. Each further level uses tiles of {@value #TILE_SHRINK} times the previous
 * side ({@code 0.6 L}, then {@code 0.36 L}), stepped by half a tile so that any face up to half a
 * tile lies wholly inside one of them. A level is used only while the smallest face it adds is at
 * least {@link #MIN_FACE_PX} pixels, and at most {@value #MAX_LEVELS} levels are used: so a 250 px
 * LFW photo gets no tiles at all, and a 1250 x 1000 group photo gets 6 + 20 with the front model.
 *
 * <p>Tiles are laid out symmetrically, so the tiles of a mirrored picture are the mirrored tiles.
 */
final class TileGrid {

    /** Faces smaller than this, in picture pixels, make poor chips; no tiles are spent on them. */
    static final int MIN_FACE_PX = 40;

    /** Each tile level's side relative to the previous one's. */
    static final double TILE_SHRINK = 0.6;

    /** At most this many tile levels: the second already costs about 20 network runs. */
    static final int MAX_LEVELS = 2;

    private TileGrid() {}

    /**
     * The tiles for a {@code width x height} picture, coarsest level first.
     *
     * @param minFaceFraction the smallest face the model finds, relative to its input's side
     */
    static List<Rect> tiles(int width, int height, double minFaceFraction) {
        List<Rect> tiles = new ArrayList<>();
        double side = Math.max(width, height);
        for (int level = 1; level <= MAX_LEVELS; level++) {
            side *= TILE_SHRINK;
            if (side * minFaceFraction < MIN_FACE_PX) {
                break;
            }
            int tile = (int) Math.round(side);
            for (int y : positions(height, tile)) {
                for (int x : positions(width, tile)) {
                    tiles.add(new Rect(x, y, Math.min(tile, width), Math.min(tile, height)));
                }
            }
        }
        return tiles;
    }

    /** Tile starts along one axis, half a tile apart at most, mirror-symmetric. */
    private static int[] positions(int length, int tile) {
        if (length <= tile) {
            return new int[] {0};
        }
        int count = (int) Math.ceil((length - tile) / (tile / 2.0)) + 1;
        int[] starts = new int[count];
        for (int i = 0; i < (count + 1) / 2; i++) {
            starts[i] = (int) Math.round(i * (length - tile) / (double) (count - 1));
            starts[count - 1 - i] = length - tile - starts[i];
        }
        return starts;
    }
}
