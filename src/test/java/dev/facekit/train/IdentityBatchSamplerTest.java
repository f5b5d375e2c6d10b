package dev.facekit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityBatchSamplerTest {

    /** People 0-5 have 5, 4, 3, 2, 6, 4 images; people 6 and 7 have one image each. */
    private static final int[] LABELS = {
        0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 6, 7
    };

    @Test
    void batchesHoldPPeopleOfKImagesEach() {
        IdentityBatchSampler sampler = new IdentityBatchSampler(LABELS, 3, 2, 0, 1);

        // 24 images of eligible people, 6 per batch.
        assertEquals(4, sampler.batchesPerEpoch());
        for (int[] batch : sampler.epoch(1)) {
            Map<Integer, Integer> perPerson = countPerPerson(batch);
            assertEquals(3, perPerson.size());
            perPerson.values().forEach(count -> assertEquals(2, count));
            assertFalse(perPerson.containsKey(6) || perPerson.containsKey(7));
        }
    }

    @Test
    void singleImagePeopleJoinOnlyAsExtraNegatives() {
        IdentityBatchSampler sampler = new IdentityBatchSampler(LABELS, 2, 3, 1, 1);

        for (int[] batch : sampler.epoch(2)) {
            Map<Integer, Integer> perPerson = countPerPerson(batch);
            long singles = perPerson.keySet().stream().filter(p -> p >= 6).count();
            assertEquals(1, singles);
            assertEquals(3, perPerson.size());
        }
    }

    @Test
    void anEpochDependsOnlyOnSeedAndEpochNumber() {
        List<int[]> a = new IdentityBatchSampler(LABELS, 3, 2, 0, 7).epoch(5);
        List<int[]> b = new IdentityBatchSampler(LABELS, 3, 2, 0, 7).epoch(5);
        List<int[]> other = new IdentityBatchSampler(LABELS, 3, 2, 0, 7).epoch(6);

        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
        boolean differs = false;
        for (int i = 0; i < a.size(); i++) {
            differs |= !java.util.Arrays.equals(a.get(i), other.get(i));
        }
        assertTrue(differs);
    }

    @Test
    void needsTwoPeopleWithTwoImages() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new IdentityBatchSampler(new int[] {0, 0, 1, 2}, 2, 2, 0, 1));
    }

    private static Map<Integer, Integer> countPerPerson(int[] batch) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int index : batch) {
            counts.merge(LABELS[index], 1, Integer::sum);
        }
        return counts;
    }
}
