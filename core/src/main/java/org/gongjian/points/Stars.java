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

    Stars(TransactionOperations<Connection> transactions, PointsSettings settings) {
        this.transactions = transactions;
        this.settings = settings;
    }

    public Rating of(Caller caller, long memberId) {
        String[] pathAndMinutes = transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT m.org_path, COALESCE((SELECT SUM(e.amount) FROM ledger_account a"
                            + " JOIN ledger_entry e ON e.account_id = a.id WHERE a.owner_type = 'MEMBER'"
                            + " AND a.owner_id = m.id AND a.asset_id = ? AND e.counterparty_type = 'ISSUANCE'), 0)"
                            + " FROM member m WHERE m.id = ?")) {
                s.setLong(1, Asset.TIME_ID);
                s.setLong(2, memberId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? new String[] {rs.getString(1), Long.toString(rs.getLong(2))} : null;
                }
            }
        });
        boolean self = caller.memberId() != null && caller.memberId() == memberId;
        if (pathAndMinutes == null || (!self && !caller.mayRead(pathAndMinutes[0]))) {
            throw new NotFoundException("Member", memberId);
        }
        long minutes = Long.parseLong(pathAndMinutes[1]);
        List<Integer> thresholds = settings.at(pathAndMinutes[0]).starHours();
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
