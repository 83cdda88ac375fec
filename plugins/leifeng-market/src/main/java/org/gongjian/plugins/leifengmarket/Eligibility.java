package org.gongjian.plugins.leifengmarket;

import java.util.Locale;
import java.util.Optional;

/**
 * Who may redeem an item: everyone, registered volunteers, members with a tag, or residents of the
 * market's organization subtree. Checked in one place, {@link Redemptions#take}, for the counter and
 * for reservations alike.
 *
 * @param tag the tag the rule asks for ({@link Rule#TAG} only)
 */
record Eligibility(Rule rule, Optional<String> tag) {

    static final Eligibility EVERYONE = new Eligibility(Rule.EVERYONE, Optional.empty());

    enum Rule {
        EVERYONE,
        VOLUNTEERS,
        TAG,
        RESIDENTS
    }

    /**
     * The rule of a request: a rule's name (absent: everyone) and, for {@code TAG}, the tag (1 to 32
     * characters); a tag with another rule is refused rather than dropped.
     */
    static Eligibility of(Optional<String> rule, Optional<String> tag) {
        Rule parsed;
        try {
            parsed = rule.map(r -> Rule.valueOf(r.strip().toUpperCase(Locale.ROOT)))
                    .orElse(Rule.EVERYONE);
        } catch (IllegalArgumentException e) {
            throw MarketRefused.invalid("MARKET_ELIGIBILITY_INVALID", "eligibility", "error.eligibility");
        }
        Optional<String> text = tag.map(String::strip).filter(t -> !t.isEmpty());
        if (parsed != Rule.TAG) {
            if (text.isPresent()) {
                throw MarketRefused.invalid(
                        "MARKET_ELIGIBILITY_INVALID", "eligibilityTag", "error.eligibility-tag-only");
            }
            return new Eligibility(parsed, Optional.empty());
        }
        String checked = Text.name(text.orElse(""), "eligibilityTag", "MARKET_TAG_INVALID", "error.tag");
        if (checked.codePointCount(0, checked.length()) > 32) {
            throw MarketRefused.invalid("MARKET_TAG_INVALID", "eligibilityTag", "error.tag");
        }
        return new Eligibility(Rule.TAG, Optional.of(checked));
    }

    /** The rule in words, e.g. 注册志愿者, 带“低保户”标签的居民, 雷锋社区的居民. */
    String words(Locale locale, String organizationName) {
        return switch (rule) {
            case EVERYONE -> Messages.get(locale, "eligibility.everyone");
            case VOLUNTEERS -> Messages.get(locale, "eligibility.volunteers");
            case TAG -> Messages.get(locale, "eligibility.tag", tag.orElse(""));
            case RESIDENTS -> Messages.get(locale, "eligibility.residents", organizationName);
        };
    }
}
