package org.gongjian.ui.dashboard;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Optional;
import org.gongjian.access.Caller;

/**
 * A number on the dashboard, contributed by the feature it counts: a bean (usually a small
 * package-private {@code @Singleton} in the feature's ui package) that the dashboard collects and
 * shows in {@link #order()}. The figure counts only what the caller may see.
 */
public interface DashboardCard {

    /** Position among the cards, lower first; the core cards use steps of 10. */
    int order();

    /** Names the card's number in the page: its element id is {@code metric-<id>}. */
    String id();

    /** The message key of the caption. */
    String labelKey();

    /** The number for {@code caller}; empty hides the card from this caller. */
    Optional<Figure> figure(Caller caller);

    /** A number, and optionally a line under it: a message key with its arguments. */
    record Figure(long value, @Nullable String noteKey, List<Object> noteArguments) {

        public Figure {
            noteArguments = List.copyOf(noteArguments);
        }

        public static Figure of(long value) {
            return new Figure(value, null, List.of());
        }

        public static Figure of(long value, String noteKey, Object... noteArguments) {
            return new Figure(value, noteKey, List.of(noteArguments));
        }
    }
}
