package org.gongjian.members;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A member with their household, and the active members of a household, for features whose rules
 * depend on family ties (the time bank: gifts between direct relatives, a child's age, spending
 * by age). No caller check: for services that have checked the caller already. Each method is one
 * query and runs in the caller's transaction when there is one (the time bank reads the storage
 * cap inside the ledger's posting transaction), else in a read-only one of its own.
 */
@Singleton
public class Relatives {

    /** A member as family rules see them. */
    public record Person(
            long id,
            long organizationId,
            String orgPath,
            String name,
            @Nullable LocalDate birthDate,
            @Nullable Long householdId,
            @Nullable HouseholdRelation relation,
            boolean active) {}

    private static final String COLUMNS =
            "id, organization_id, org_path, name, birth_date, household_id, household_relation, status";

    private final TransactionOperations<Connection> transactions;

    Relatives(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** The member, active or not; empty if there is no such member. */
    public Optional<Person> person(long memberId) {
        List<Person> found = query("SELECT " + COLUMNS + " FROM member WHERE id = ?", memberId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** The active members of a household that have a relation to its head, by name. */
    public List<Person> household(long householdId) {
        return query(
                "SELECT " + COLUMNS + " FROM member WHERE household_id = ? AND status = '" + MemberStatus.ACTIVE.name()
                        + "' AND household_relation IS NOT NULL ORDER BY name, id",
                householdId);
    }

    private List<Person> query(String sql, long id) {
        return transactions.executeRead(status -> {
            List<Person> people = new ArrayList<>();
            try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        people.add(read(rs));
                    }
                }
            }
            return people;
        });
    }

    private static Person read(ResultSet rs) throws SQLException {
        String relation = rs.getString(7);
        return new Person(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, LocalDate.class),
                rs.getObject(6, Long.class),
                relation == null ? null : HouseholdRelation.valueOf(relation),
                MemberStatus.ACTIVE.name().equals(rs.getString(8)));
    }
}
