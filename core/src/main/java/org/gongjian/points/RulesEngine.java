package org.gongjian.points;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gongjian.access.MemberScope;
import org.gongjian.access.MemberScopes;
import org.gongjian.events.DomainEvent;
import org.gongjian.events.DomainEventHandler;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Channel;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.Posting;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.organizations.Organizations;
import org.gongjian.time.ApplicationTime;

/**
 * Turns domain events into points: every active rule that matches the event and the member's
 * organization posts an award (from the rule organization's ISSUANCE account) or a deduction (back
 * to it), clamped to the rule's caps for the member's current day, week, month and year. Each rule
 * and event posts at most once (ledger key {@code rule:<lineage>:<event>}, client 0, where the
 * lineage is the id of the rule's first version, also the transfer's source_ref); the caps are
 * computed with both accounts locked, so concurrent events of one member never exceed them. A
 * deduction of a kind without negative balances takes at most what the member has.
 */
@Singleton
final class RulesEngine implements DomainEventHandler {

    static final String AWARD = "RULE_AWARD";
    static final String DEDUCTION = "RULE_DEDUCTION";

    private final PointsRules rules;
    private final Ledger ledger;
    private final Clock clock;
    private final MemberScopes scopes;
    private final Organizations organizations;

    RulesEngine(PointsRules rules, Ledger ledger, Clock clock, MemberScopes scopes, Organizations organizations) {
        this.rules = rules;
        this.ledger = ledger;
        this.scopes = scopes;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Override
    public void handle(DomainEvent event) {
        if (event.memberId() == null) {
            return;
        }
        Optional<String> memberPath = memberPath(event.memberId());
        if (memberPath.isEmpty()) {
            return;
        }
        LocalDate day = LocalDate.ofInstant(event.occurredAt(), ApplicationTime.ZONE);
        for (PointsRule rule : rules.matching(event.type(), memberPath.get())) {
            if (applies(rule, event, day) && rule.amountFor(event.quantity()) != 0) {
                post(rule, event, day);
            }
        }
    }

    static boolean applies(PointsRule rule, DomainEvent event, LocalDate day) {
        if (rule.validFrom() != null && day.isBefore(rule.validFrom())) {
            return false;
        }
        if (rule.validTo() != null && day.isAfter(rule.validTo())) {
            return false;
        }
        if (rule.minQuantity() != null && event.quantity() < rule.minQuantity()) {
            return false;
        }
        return rule.conditionKey() == null
                || rule.conditionValue().equals(event.attributes().get(rule.conditionKey()));
    }

    /**
     * Posts what the rule gives for the event. The key and the caps belong to the rule's lineage, not
     * to the matched version: an edit in between neither rewards the event twice nor resets the caps.
     * Under the account locks the version in force is read again and locked, so the posting
     * follows the version that an edit committed first, and an edit waits for a posting under way.
     * Kind and organization are the same in every version, so the locked accounts stay right.
     */
    private void post(PointsRule matched, DomainEvent event, LocalDate day) {
        String key = "rule:" + matched.lineageId() + ":" + event.id();
        if (ledger.decided(0, key)) {
            return;
        }
        String rulePath = rulePath(matched.organizationId());
        Account issuance = ledger.open(matched.assetId(), OwnerType.ISSUANCE, matched.organizationId(), rulePath);
        Account member = ledger.open(matched.assetId(), OwnerType.MEMBER, event.memberId(), "");
        boolean negativeAllowed = ledger.asset(matched.assetId()).orElseThrow().negativeAllowed();
        ledger.inTransaction(status -> {
            Map<Long, Account> locked = ledger.lock(List.of(issuance.id(), member.id()));
            if (ledger.decided(0, key)) {
                return null;
            }
            Optional<PointsRule> current = PointsRules.current(status.getConnection(), matched.lineageId());
            if (current.isEmpty() || !applies(current.get(), event, day)) {
                return null;
            }
            PointsRule rule = current.get();
            long amount = rule.amountFor(event.quantity());
            if (amount == 0) {
                return null;
            }
            long allowed = Math.min(Math.absExact(amount), room(status.getConnection(), rule, member.id(), amount > 0));
            if (amount < 0 && !negativeAllowed) {
                allowed = Math.min(allowed, Math.max(0, locked.get(member.id()).balance()));
            }
            if (allowed <= 0) {
                return null;
            }
            TransferSpec spec = new TransferSpec(
                    amount > 0 ? issuance.id() : member.id(),
                    amount > 0 ? member.id() : issuance.id(),
                    allowed,
                    amount > 0 ? AWARD : DEDUCTION,
                    rule.category(),
                    rule.name(),
                    "RULE",
                    Long.toString(rule.lineageId()),
                    null);
            ledger.post(new Posting(0, key, rule.organizationId(), null, List.of(spec), Channel.RULE));
            return null;
        });
    }

    /**
     * How much the rule may still give (or take) the member this day, week, month and year: its caps
     * less what every version of its lineage posted (source_ref is the lineage id).
     */
    private long room(Connection c, PointsRule rule, long memberAccount, boolean award) throws java.sql.SQLException {
        LocalDate today = LocalDate.now(clock.withZone(ApplicationTime.ZONE));
        long room = Long.MAX_VALUE;
        Long[] caps = {rule.capDay(), rule.capWeek(), rule.capMonth(), rule.capYear()};
        LocalDate[] starts = {
            today,
            today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
            today.withDayOfMonth(1),
            today.withDayOfYear(1)
        };
        for (int i = 0; i < caps.length; i++) {
            if (caps[i] == null) {
                continue;
            }
            try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(amount), 0) FROM ledger_transfer"
                    + " WHERE " + (award ? "credit_account_id" : "debit_account_id") + " = ? AND posted_at >= ?"
                    + " AND source_type = 'RULE' AND source_ref = ?")) {
                s.setLong(1, memberAccount);
                s.setTimestamp(
                        2,
                        Timestamp.from(
                                starts[i].atStartOfDay(ApplicationTime.ZONE).toInstant()));
                s.setString(3, Long.toString(rule.lineageId()));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    room = Math.min(room, caps[i] - rs.getLong(1));
                }
            }
        }
        return room;
    }

    private Optional<String> memberPath(long memberId) {
        return scopes.of(memberId).filter(MemberScope::active).map(MemberScope::orgPath);
    }

    private String rulePath(long organizationId) {
        return organizations.find(organizationId).orElseThrow().path();
    }
}
