package org.gongjian.timebank;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.Grant;
import org.gongjian.access.Role;
import org.gongjian.ids.IdGenerator;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.members.HouseholdPlacement;
import org.gongjian.members.Households;
import org.gongjian.members.MemberInput;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.time.ApplicationTime;

/** Members, households, callers and ledger reads for the time-bank tests, against the real services. */
@Singleton
final class TimeBankWorld {

    private final Members members;
    private final Households households;
    private final Ledger ledger;
    private final IdGenerator ids;
    private final DataSource dataSource;
    private final Clock clock;

    TimeBankWorld(
            Members members,
            Households households,
            Ledger ledger,
            IdGenerator ids,
            DataSource dataSource,
            Clock clock) {
        this.members = members;
        this.households = households;
        this.ledger = ledger;
        this.ids = ids;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Today where the communities are, by the application's clock. */
    LocalDate today() {
        return LocalDate.now(clock.withZone(ApplicationTime.ZONE));
    }

    /** A member of {@code org} who turns {@code years} today (born that many years ago today). */
    long aged(Organization org, String name, int years) {
        return member(org, name, today().minusYears(years));
    }

    long member(Organization org, String name, LocalDate birth) {
        return members.create(
                        Caller.system(),
                        MemberInput.builder()
                                .organizationId(org.id())
                                .name(name)
                                .birthDate(birth)
                                .build())
                .id();
    }

    /** Records that the member moved out (status MOVED_OUT). */
    void moveOut(long memberId) {
        var view = members.get(Caller.system(), memberId);
        members.update(
                Caller.system(),
                memberId,
                MemberInput.builder()
                        .name(view.name())
                        .birthDate(view.birthDate())
                        .status("MOVED_OUT")
                        .version(view.version())
                        .build());
    }

    /** A household in {@code org} with the members (id, relation to the head) given in pairs. */
    long household(Organization org, Object... idsAndRelations) {
        long household = households.create(Caller.system(), org.id(), null).id();
        List<HouseholdPlacement> placements = new ArrayList<>();
        for (int i = 0; i < idsAndRelations.length; i += 2) {
            placements.add(new HouseholdPlacement((Long) idsAndRelations[i], (String) idsAndRelations[i + 1]));
        }
        households.setMembers(Caller.system(), household, placements);
        return household;
    }

    Caller staff(Role role, Organization org) {
        return new Caller(ids.next(), role.name().toLowerCase() + "-" + org.id(), null, List.of(grant(role, org)));
    }

    /** A volunteer signed in as the member. */
    Caller self(long memberId) {
        return new Caller(ids.next(), "member-" + memberId, memberId, List.of());
    }

    private static Grant grant(Role role, Organization org) {
        return new Grant(role, org.id(), org.path());
    }

    static String key() {
        return "tb-" + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE);
    }

    long balance(long memberId) {
        return ledger.find(Asset.TIME_ID, OwnerType.MEMBER, memberId)
                .map(a -> a.balance())
                .orElse(0L);
    }

    long balance(OwnerType type, Organization org) {
        return ledger.find(Asset.TIME_ID, type, org.id()).map(a -> a.balance()).orElse(0L);
    }

    long count(String sql, Object... args) throws SQLException {
        try (Connection c = raw().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Row counts and checksums of every table a time-bank operation touches, the audit log's
     * entries of changes included (a refusal or an id outside the caller's scope is audited by
     * design, see DeniedCallsIT): equal before and after means nothing changed.
     */
    Map<String, String> fingerprint() throws SQLException {
        Map<String, String> result = new java.util.TreeMap<>();
        try (Connection c = raw().getConnection()) {
            for (String table : List.of(
                    "ledger_account", "ledger_request", "ledger_transfer", "ledger_entry", "time_bank_policy")) {
                try (PreparedStatement s = c.prepareStatement("CHECKSUM TABLE " + table);
                        ResultSet rs = s.executeQuery()) {
                    rs.next();
                    result.put(table, rs.getString(2));
                }
            }
        }
        result.put(
                "audit_log",
                Long.toString(
                        count("SELECT COUNT(*) FROM audit_log WHERE action NOT IN ('ACCESS_DENIED', 'OUT_OF_SCOPE')")));
        return result;
    }

    void assertUnchanged(Map<String, String> before) throws SQLException {
        assertThat(fingerprint()).isEqualTo(before);
    }

    /** A connection of its own, outside the application's transactions (the caller closes it). */
    Connection connection() throws SQLException {
        return raw().getConnection();
    }

    DataSource raw() {
        return DelegatingDataSource.unwrapDataSource(dataSource);
    }
}
