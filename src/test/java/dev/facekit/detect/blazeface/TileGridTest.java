package dev.facekit.detect.blazeface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.Rect;

class TileGridTest {

    @Test
    void spendsNoTilesOnAnLfwPhoto() {
        assertEquals(
                List.of(), TileGrid.tiles(250, 250, BlazeFaceModel.FRONT_128.minFaceFraction()));
    }

    @Test
    void coversAGroupPhotoWithTwoLevelsOfHalfOverlappingTiles() {
        List<Rect> tiles = TileGrid.tiles(1250, 1000, 0.13);

        assertEquals(6 + 20, tiles.size());
        assertEquals(new Rect(0, 0, 750, 750), tiles.get(0));
        assertEquals(new Rect(500, 250, 750, 750), tiles.get(5));
        assertEquals(new Rect(0, 0, 450, 450), tiles.get(6));
        assertEquals(new Rect(800, 550, 450, 450), tiles.get(25));
        for (Rect tile : tiles) {
            assertTrue(tile.x >= 0 && tile.y >= 0 && tile.x + tile.width <= 1250, tile.toString());
            assertTrue(tile.y + tile.height <= 1000, tile.toString());
        }
    }

    @Test
    void laysTilesOutMirrorSymmetrically() {
        List<Rect> tiles = TileGrid.tiles(1250, 1000, 0.13);

        for (Rect tile : tiles) {
            int mirroredX = 1250 - tile.x - tile.width;
            assertTrue(
                    tiles.stream().anyMatch(t -> t.x == mirroredX && t.y == tile.y),
                    tile.toString());
        }
    }
}
