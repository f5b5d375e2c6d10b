package dev.facekit.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.facekit.detect.Landmarks.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlignmentTemplateTest {

    @Test
    void findsEachTemplateByNameWithTheDefaultFirst() {
        assertEquals(List.of("dlib150", "arcface112", "facekit128"), AlignmentTemplate.names());
        assertSame(AlignmentTemplate.ARCFACE_112, AlignmentTemplate.named("arcface112"));
        assertEquals(FaceAligner.DEFAULT_TEMPLATE, FaceAligner.templateNames().get(0));
    }

    @Test
    void namesTheKnownTemplatesWhenAskedForAnUnknownOne() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> AlignmentTemplate.named("x"));
        assertTrue(e.getMessage().contains("dlib150, arcface112, facekit128"), e.getMessage());
    }

    @Test
    void facekit128IsTheDlibFramingScaledAboutTheChipEdge() {
        Point nose = AlignmentTemplate.FACEKIT_128.points().get(2);

        assertEquals(128, AlignmentTemplate.FACEKIT_128.sizePx());
        assertEquals((74.0 + 0.5) * 128 / 150 - 0.5, nose.x(), 1e-12);
        assertEquals((76.6 + 0.5) * 128 / 150 - 0.5, nose.y(), 1e-12);
    }
}
