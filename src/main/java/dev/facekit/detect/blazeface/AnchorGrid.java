package dev.facekit.detect.blazeface;

/**
 * The anchor centres of BlazeFace's two output layers, in coordinates normalised to the input
 * square ([0, 1] on both axes, origin top-left).
 *
 * <p>MediaPipe describes the layout with its SSD anchor options (four layers of strides 8, 16, 16
 * and 16 for the 128 px model, fixed anchor size, aspect ratio 1); layers of equal stride share one
 * grid, so the result is simply a 16 x 16 grid with 2 anchors per cell followed by an 8 x 8 grid
 * with 6 anchors per cell. Within a grid, cells run row by row, and the anchors of a cell are
 * consecutive. Every anchor has width and height 1, so only the centres matter for decoding.
 */
final class AnchorGrid {

    /** Cells per side of each grid, finest first. */
    static final int[] GRID_SIDES = {16, 8};

    /** Anchors per cell for each grid. */
    static final int[] ANCHORS_PER_CELL = {2, 6};

    /** 16 * 16 * 2 + 8 * 8 * 6. */
    static final int COUNT = 896;

    private AnchorGrid() {}

    /** Returns {@code [COUNT][2]} anchor centres, {x, y}, in output order. */
    static float[][] centres() {
        float[][] centres = new float[COUNT][];
        int next = 0;
        for (int layer = 0; layer < GRID_SIDES.length; layer++) {
            int side = GRID_SIDES[layer];
            for (int row = 0; row < side; row++) {
                for (int column = 0; column < side; column++) {
                    float x = (column + 0.5f) / side;
                    float y = (row + 0.5f) / side;
                    for (int k = 0; k < ANCHORS_PER_CELL[layer]; k++) {
                        centres[next++] = new float[] {x, y};
                    }
                }
            }
        }
        assert next == COUNT;
        return centres;
    }
}
