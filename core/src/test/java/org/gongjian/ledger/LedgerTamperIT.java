package org.gongjian.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.gongjian.ids.IdGenerator;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.testing.LedgerReconciles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation finds what was changed behind the ledger's back: each test tampers with rows in
 * SQL, expects the named problem, puts the rows back and expects a clean run again.
 */
@MicronautTest(transactional = false)
class LedgerTamperIT extends LedgerReconciles {

    @Inject
    Ledger ledger;

    @Inject
    Reconciliation reconciliation;

    @Inject
    Organizations organizations;

    @Inject
    IdGenerator ids;

    @Inject
    TransactionOperations<Connection> transactions;

    private Account issuance;
    private Account member;
    private Transfer first;
    private Transfer second;
    private Organization org;

    @BeforeEach
    void postings() {
        org = organizations.createRoot(OrganizationKind.COMMUNITY, "篡改社区" + ids.next());
        issuance = ledger.open(Asset.TIME_ID, OwnerType.ISSUANCE, org.id(), org.path());
        member = ledger.open(Asset.TIME_ID, OwnerType.MEMBER, ids.next(), "");
        first = award(60);
        second = award(30);
        assertThat(reconciliation.run("test").ok()).isTrue();
    }

    private Transfer award(long amount) {
        return ledger.post(new Posting(
                        1,
                        "tamper-" + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE),
                        org.id(),
                        1L,
                        List.of(TransferSpec.of(issuance.id(), member.id(), amount, "MANUAL_AWARD", "OTHER"))))
                .transfers()
                .getFirst();
    }

    private void sql(String statement, Object... args) {
        transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(statement)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    private List<String> problems() {
        ReconciliationResult result = reconciliation.run("test");
        assertThat(result.ok()).isEqualTo(result.problems().isEmpty());
        return result.problems();
    }

    @Test
    void a_changed_transfer_amount_is_found() {
        sql("UPDATE ledger_transfer SET amount = 6000 WHERE id = ?", first.id());
        assertThat(problems())
                .anyMatch(p -> p.startsWith("TRANSFER_CHANGED transfer=" + first.id()))
                .anyMatch(p -> p.startsWith("ENTRY_DOES_NOT_MATCH_TRANSFER"));

        sql("UPDATE ledger_transfer SET amount = 60 WHERE id = ?", first.id());
        assertThat(problems()).isEmpty();
    }

    @Test
    void a_changed_memo_is_found() {
        sql("UPDATE ledger_transfer SET memo = '改过' WHERE id = ?", second.id());
        assertThat(problems()).containsExactly("TRANSFER_CHANGED transfer=" + second.id());

        sql("UPDATE ledger_transfer SET memo = NULL WHERE id = ?", second.id());
        assertThat(problems()).isEmpty();
    }

    @Test
    void entries_and_balances_rewritten_consistently_still_break_the_chain() {
        sql("UPDATE ledger_entry SET amount = 600, balance = 600 WHERE account_id = ? AND seq = 1", member.id());
        sql("UPDATE ledger_entry SET balance = 630 WHERE account_id = ? AND seq = 2", member.id());
        sql("UPDATE ledger_account SET balance = 630, credits = 630 WHERE id = ?", member.id());
        sql("UPDATE ledger_account SET balance = -630, debits = 630 WHERE id = ?", issuance.id());
        sql("UPDATE ledger_entry SET amount = -600, balance = -600 WHERE account_id = ? AND seq = 1", issuance.id());
        sql("UPDATE ledger_entry SET balance = -630 WHERE account_id = ? AND seq = 2", issuance.id());
        assertThat(problems())
                .anyMatch(p -> p.startsWith("ENTRY_CHAIN_BROKEN account=" + member.id()))
                .anyMatch(p -> p.startsWith("ENTRY_DOES_NOT_MATCH_TRANSFER"));

        sql("UPDATE ledger_entry SET amount = 60, balance = 60 WHERE account_id = ? AND seq = 1", member.id());
        sql("UPDATE ledger_entry SET balance = 90 WHERE account_id = ? AND seq = 2", member.id());
        sql("UPDATE ledger_account SET balance = 90, credits = 90 WHERE id = ?", member.id());
        sql("UPDATE ledger_account SET balance = -90, debits = 90 WHERE id = ?", issuance.id());
        sql("UPDATE ledger_entry SET amount = -60, balance = -60 WHERE account_id = ? AND seq = 1", issuance.id());
        sql("UPDATE ledger_entry SET balance = -90 WHERE account_id = ? AND seq = 2", issuance.id());
        assertThat(problems()).isEmpty();
    }

    @Test
    void a_changed_monthly_earning_is_found() {
        sql("UPDATE ledger_earning SET amount = amount + 500 WHERE account_id = ?", member.id());
        assertThat(problems()).singleElement().asString().startsWith("EARNINGS_DO_NOT_MATCH_ENTRIES");

        sql("UPDATE ledger_earning SET amount = amount - 500 WHERE account_id = ?", member.id());
        assertThat(problems()).isEmpty();
    }

    @Test
    void a_balance_changed_on_the_account_alone_is_found() {
        sql("UPDATE ledger_account SET balance = balance + 1 WHERE id = ?", member.id());
        assertThat(problems())
                .contains("ACCOUNT_BALANCE_WRONG account=" + member.id() + " stored=91 entries=90")
                .anyMatch(p -> p.startsWith("ASSET_BALANCES_DO_NOT_SUM_TO_ZERO asset=" + Asset.TIME_ID));

        sql("UPDATE ledger_account SET balance = balance - 1 WHERE id = ?", member.id());
        assertThat(problems()).isEmpty();
    }

    @Test
    void a_removed_transfer_is_found_even_when_the_account_rows_are_rolled_back() {
        byte[][] saved = transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT hash FROM ledger_entry WHERE transfer_id = ? ORDER BY amount")) {
                s.setLong(1, second.id());
                try (var rs = s.executeQuery()) {
                    rs.next();
                    byte[] debit = rs.getBytes(1);
                    rs.next();
                    return new byte[][] {debit, rs.getBytes(1)};
                }
            }
        });
        transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("CREATE TABLE tamper_copy AS SELECT * FROM ledger_transfer WHERE id = ?")) {
                s.setLong(1, second.id());
                s.executeUpdate();
            }
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement(
                            "CREATE TABLE tamper_entries AS SELECT * FROM ledger_entry WHERE transfer_id = ?")) {
                s.setLong(1, second.id());
                s.executeUpdate();
            }
            return null;
        });
        byte[] memberHeadBefore = entryHash(member.id(), 1);
        byte[] issuanceHeadBefore = entryHash(issuance.id(), 1);
        sql("DELETE FROM ledger_entry WHERE transfer_id = ?", second.id());
        sql("DELETE FROM ledger_transfer WHERE id = ?", second.id());
        sql(
                "UPDATE ledger_account SET balance = 60, credits = 60, entries = 1, head_hash = ? WHERE id = ?",
                memberHeadBefore,
                member.id());
        sql(
                "UPDATE ledger_account SET balance = -60, debits = 60, entries = 1, head_hash = ? WHERE id = ?",
                issuanceHeadBefore,
                issuance.id());
        assertThat(problems()).anyMatch(p -> p.startsWith("REQUEST_TRANSFERS_MISSING request=" + second.requestId()));

        sql("INSERT INTO ledger_transfer SELECT * FROM tamper_copy");
        sql("INSERT INTO ledger_entry SELECT * FROM tamper_entries");
        sql(
                "UPDATE ledger_account SET balance = 90, credits = 90, entries = 2, head_hash = ? WHERE id = ?",
                saved[1],
                member.id());
        sql(
                "UPDATE ledger_account SET balance = -90, debits = 90, entries = 2, head_hash = ? WHERE id = ?",
                saved[0],
                issuance.id());
        sql("DROP TABLE tamper_copy");
        sql("DROP TABLE tamper_entries");
        assertThat(problems()).isEmpty();
    }

    @Test
    void a_removed_middle_entry_is_a_gap() {
        transactions.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("CREATE TABLE tamper_entry AS SELECT * FROM ledger_entry WHERE account_id = ?"
                            + " AND seq = 1")) {
                s.setLong(1, member.id());
                s.executeUpdate();
            }
            return null;
        });
        sql("DELETE FROM ledger_entry WHERE account_id = ? AND seq = 1", member.id());
        assertThat(problems())
                .anyMatch(p -> p.startsWith("ENTRY_SEQUENCE_GAP account=" + member.id() + " entry=2"))
                .anyMatch(p -> p.startsWith("TRANSFERS_WITHOUT_TWO_ENTRIES"));

        sql("INSERT INTO ledger_entry SELECT * FROM tamper_entry");
        sql("DROP TABLE tamper_entry");
        assertThat(problems()).isEmpty();
    }

    private byte[] entryHash(long accountId, long seq) {
        return transactions.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT hash FROM ledger_entry WHERE account_id = ? AND seq = ?")) {
                s.setLong(1, accountId);
                s.setLong(2, seq);
                try (var rs = s.executeQuery()) {
                    rs.next();
                    return rs.getBytes(1);
                }
            }
        });
    }
}
