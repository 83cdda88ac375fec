package org.gongjian.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {

    @Test
    void ids_fit_in_javascript_safe_integers_until_mid_2094() {
        Clock late = Clock.fixed(Instant.parse("2094-06-30T23:59:59Z"), ZoneOffset.UTC);
        IdGenerator ids = new IdGenerator(31, late);
        long id = ids.next();
        assertThat(id).isPositive().isLessThanOrEqualTo(IdGenerator.MAX_ID);
        assertThat(IdGenerator.timeOf(id)).isEqualTo(Instant.parse("2094-06-30T23:59:59Z"));
    }

    @Test
    void ids_increase_and_stay_unique_beyond_one_milliseconds_sequence() {
        Clock frozen = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);
        IdGenerator ids = new IdGenerator(3, frozen);
        long previous = 0;
        for (int i = 0; i < 1_000; i++) {
            long id = ids.next();
            assertThat(id).isGreaterThan(previous);
            assertThat(id & IdGenerator.MAX_NODE).isEqualTo(3);
            previous = id;
        }
        // 1,000 ids in one frozen millisecond borrow 7 more milliseconds, no more
        assertThat(IdGenerator.timeOf(previous)).isEqualTo(Instant.parse("2026-11-22T08:00:00.007Z"));
    }

    @Test
    void concurrent_callers_never_share_an_id() {
        IdGenerator ids = new IdGenerator(-1, Clock.systemUTC());
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 200_000).parallel().forEach(i -> assertThat(seen.add(ids.next()))
                .isTrue());
        assertThat(seen).hasSize(200_000);
    }

    @Test
    void ids_sort_by_time_across_nodes() {
        IdGenerator early = new IdGenerator(31, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        IdGenerator later = new IdGenerator(0, Clock.fixed(Instant.parse("2026-01-01T00:00:00.001Z"), ZoneOffset.UTC));
        assertThat(later.next()).isGreaterThan(early.next());
    }

    @Test
    void a_node_id_outside_five_bits_is_refused() {
        assertThatThrownBy(() -> new IdGenerator(32, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 31");
    }
}
