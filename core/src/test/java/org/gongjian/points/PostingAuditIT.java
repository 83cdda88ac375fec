package org.gongjian.points;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.LedgerAccess;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.Posting;
import org.gongjian.ledger.PostingResult;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.Organizations;
import org.gongjian.testing.AuditHeadLock;
import org.gongjian.testing.LedgerReconciles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A manual ledger posting and a points adjustment commit together with their audit row: while
 * another connection holds the audit chain's head, the posting is not visible; when it lets go,
 * the posting and exactly one audit row are there (as the time bank's deposits, see TimeBankIT).
 */
@MicronautTest(transactional = false)
class PostingAuditIT extends LedgerReconciles {

    @Inject
    LedgerAccess ledgerAccess;

    @Inject
    Adjustments adjustments;

    @Inject
    PointKinds kinds;

    @Inject
    Ledger ledger;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    DataSource dataSource;

    private Organization org;
    private Caller staff;
    private Asset kind;
    private long member;

    @BeforeEach
    void a_community_with_a_point_kind_and_a_member() {
        PointsCommunity c = PointsCommunity.create(organizations, kinds, members, 601);
        org = c.org();
        staff = c.staff();
        kind = c.kind();
        member = c.member();
    }

    private long balance() {
        return ledger.find(kind.id(), OwnerType.MEMBER, member)
                .map(Account::balance)
                .orElse(0L);
    }

    @Test
    void a_manual_ledger_transfer_is_not_visible_before_its_audit_row_is_written() throws Exception {
        Account issuance = ledger.open(kind.id(), OwnerType.ISSUANCE, org.id(), org.path());
        Account account = ledger.open(kind.id(), OwnerType.MEMBER, member, "");
        Account redemption = ledger.open(kind.id(), OwnerType.REDEMPTION, org.id(), org.path());
        ledger.post(new Posting(
                0, key(), org.id(), null, List.of(TransferSpec.of(issuance.id(), account.id(), 100, "SEED", "TEST"))));
        String key = key();

        PostingResult result = whileTheAuditHeadIsHeld(
                () -> ledgerAccess.post(
                        staff,
                        key,
                        org.id(),
                        List.of(TransferSpec.of(account.id(), redemption.id(), 30, "REDEMPTION", "MARKET"))),
                () -> balance() == 100);

        assertThat(result.ok()).isTrue();
        assertThat(balance()).isEqualTo(70);
        assertThat(auditRows("LEDGER_POSTED", result.requestId())).isOne();
    }

    @Test
    void an_adjustment_is_not_visible_before_its_audit_row_is_written() throws Exception {
        String key = key();

        Adjustment adjusted = whileTheAuditHeadIsHeld(
                () -> adjustments.adjust(
                        staff, key, new Adjustments.Request(member, kind.id(), null, 20, null, null, "扫雪")),
                () -> balance() == 0);

        assertThat(adjusted.status()).isEqualTo("POSTED");
        assertThat(balance()).isEqualTo(20);
        assertThat(auditRows(Adjustments.POSTED, member)).isOne();
    }

    private <T> T whileTheAuditHeadIsHeld(Callable<T> work, Callable<Boolean> unchanged) throws Exception {
        return AuditHeadLock.whileHeld(raw(), work, unchanged);
    }

    private long auditRows(String action, long targetId) throws SQLException {
        return AuditHeadLock.count(
                raw(), "SELECT COUNT(*) FROM audit_log WHERE action = ? AND target_id = ?", action, targetId);
    }

    private DataSource raw() {
        return DelegatingDataSource.unwrapDataSource(dataSource);
    }

    private static String key() {
        return "pa-" + UUID.randomUUID();
    }
}
