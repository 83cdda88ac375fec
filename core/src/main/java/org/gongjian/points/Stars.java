package org.gongjian.points;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.access.MemberScope;
import org.gongjian.access.MemberScopes;
import org.gongjian.access.NotFoundException;
import org.gongjian.ledger.Asset;

/**
 * Volunteer star ratings (星级志愿者): stars by cumulative approved service hours, i.e. the time
 * deposited to the member's time-bank account from ISSUANCE accounts (approved service) minus
 * reversals of it; coins received as gifts or payments do not count. Thresholds come from the
 * member's organization's {@link PointsSettings}.
 */
@Singleton
public class Stars {

    /** A member's stars with the hours behind them and the hours the next star needs. */
    @Serdeable
    public record Rating(
            long memberId, long serviceMinutes, int stars, List<Integer> thresholds, @Nullable Integer nextAt) {}

    private final TransactionOperations<Connection> transactions;
    private final PointsSettings settings;
    private final MemberScopes scopes;

    Stars(TransactionOperations<Connection> transactions, PointsSettings settings, MemberScopes scopes) {
        this.transactions = transactions;
        this.scopes = scopes;
        this.settings = settings;
    }

    public Rating of(Caller caller, long memberId) {
        boolean self = caller.memberId() != null && caller.memberId() == memberId;
        String path = scopes.of(memberId)
                .map(MemberScope::orgPath)
                .filter(p -> self || caller.mayRead(p))
                .orElseThrow(() -> new NotFoundException("Member", memberId));
        long minutes = transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT COALESCE(SUM(e.amount), 0) FROM ledger_account a"
                            + " JOIN ledger_entry e ON e.account_id = a.id WHERE a.owner_type = 'MEMBER'"
                            + " AND a.owner_id = ? AND a.asset_id = ? AND e.counterparty_type = 'ISSUANCE'")) {
                s.setLong(1, memberId);
                s.setLong(2, Asset.TIME_ID);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        List<Integer> thresholds = settings.at(path).starHours();
        int stars = 0;
        Integer next = null;
        for (int hours : thresholds) {
            if (minutes >= hours * 60L) {
                stars++;
            } else {
                next = hours;
                break;
            }
        }
        return new Rating(memberId, minutes, stars, thresholds, next);
    }
}
