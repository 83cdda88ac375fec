package org.gongjian.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.gongjian.access.Caller;
import org.gongjian.access.Grant;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditEntry;
import org.gongjian.audit.AuditFilter;
import org.gongjian.audit.AuditLog;
import org.gongjian.events.DomainEvents;
import org.gongjian.events.EventTypeCatalog;
import org.gongjian.events.EventTypeChoice;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.Posting;
import org.gongjian.ledger.Reconciliation;
import org.gongjian.ledger.ReconciliationResult;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.members.MemberInput;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.plugin.api.Endpoint;
import org.gongjian.plugin.api.EndpointRequest;
import org.gongjian.plugin.api.EndpointResponse;
import org.gongjian.plugins.UnitStore.Outcome;
import org.gongjian.plugins.fixtures.units.MarketEndpoint;
import org.gongjian.plugins.fixtures.units.MarketListener;
import org.gongjian.plugins.fixtures.units.MarketPlugin;
import org.gongjian.plugins.fixtures.units.MarketRedeemed;
import org.gongjian.points.PointKinds;
import org.gongjian.points.PointsRules;
import org.gongjian.points.RuleInput;
import org.gongjian.sdk.HostCaller;
import org.gongjian.testing.AuditHeadLock;
import org.gongjian.testing.LedgerReconciles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Units of work of a real plugin jar (the market of {@code fixtures.units}) loaded through the real
 * plugin host, on the embedded MariaDB: a redemption posts, writes the plugin's row, an audit row
 * and an event together or not at all; the ledger's named results reach the plugin; a lost plugin
 * commit is undone by the recovery job; the plugin's event reaches a points rule and the plugin's
 * listener; the ledger reconciles with plugin accounts.
 */
@MicronautTest(transactional = false)
class PluginUnitsIT extends LedgerReconciles {

    static final String PLUGIN = "market";

    @Inject
    PluginHost host;

    @Inject
    PluginUnits units;

    @Inject
    UnitRecovery recovery;

    @Inject
    Organizations organizations;

    @Inject
    PointKinds kinds;

    @Inject
    PointsRules rules;

    @Inject
    Members members;

    @Inject
    Ledger ledger;

    @Inject
    DomainEvents events;

    @Inject
    AuditLog audit;

    @Inject
    Reconciliation reconciliation;

    @Inject
    EventTypeCatalog catalog;

    @Inject
    JsonMapper json;

    @Inject
    DataSource injected;

    @TempDir
    Path dir;

    private DataSource raw;
    private Organization org;
    private Asset kind;
    private long member;
    private long otherMember;
    private HostCaller volunteer;
    private HostCaller staff;
    private Caller admin;

    @BeforeEach
    void a_community_with_a_member_holding_100_points_and_the_market() {
        raw = DelegatingDataSource.unwrapDataSource(injected);
        String prefix = "u" + UUID.randomUUID().toString().substring(0, 8);
        org = organizations.createRoot(OrganizationKind.COMMUNITY, prefix + "超市社区");
        admin = new Caller(701, prefix + "-admin", null, List.of(new Grant(Role.ORG_ADMIN, org.id(), org.path())));
        kind = kinds.create(admin, org.id(), "VOL", "志愿积分", 10, false, "NEVER", null, null);
        member = members.create(Caller.system(), MemberInput.named(org.id(), "兑换甲"))
                .id();
        otherMember = members.create(Caller.system(), MemberInput.named(org.id(), "兑换乙"))
                .id();
        award(member, 1000);
        award(otherMember, 1000);
        volunteer = HostCaller.signedIn(
                new Caller(702, prefix + "-vol", member, List.of(new Grant(Role.VOLUNTEER, org.id(), org.path()))),
                List.of(),
                Locale.SIMPLIFIED_CHINESE);
        staff = HostCaller.signedIn(
                new Caller(703, prefix + "-staff", null, List.of(new Grant(Role.ORG_STAFF, org.id(), org.path()))),
                List.of(),
                Locale.SIMPLIFIED_CHINESE);
        host.load(PluginJar.of(PLUGIN, "1.0.0", MarketPlugin.class)
                .extension(MarketEndpoint.class)
                .extension(MarketRedeemed.class)
                .extension(MarketListener.class)
                .migration(
                        "V1__market.sql",
                        "CREATE TABLE market_redemption (id BIGINT NOT NULL PRIMARY KEY, member_id BIGINT NOT NULL,"
                                + " amount BIGINT NOT NULL);"
                                + " CREATE TABLE market_seen (event_id BIGINT NOT NULL PRIMARY KEY,"
                                + " quantity BIGINT NOT NULL);")
                .writeTo(dir.resolve("market.jar")));
        assertThat(host.find(PLUGIN)).get().extracting(PluginInfo::state).isEqualTo("STARTED");
    }

    @AfterEach
    void unload_the_market() {
        units.hook(unitId -> {});
        host.unload(PLUGIN);
    }

    @Test
    void a_redemption_commits_the_transfer_the_plugins_row_the_audit_row_and_the_event_together() throws Exception {
        Map<String, Object> result = call(volunteer, redeem(member, 300, "order-1"));

        assertThat(result).containsEntry("outcome", "OK").containsEntry("replayed", false);
        assertThat(balance(member)).isEqualTo(700);
        assertThat(call(volunteer, Map.of("op", "balance", "org", "" + org.id(), "asset", "VOL")))
                .containsEntry("amount", 300);
        assertThat(redemptions(member)).isEqualTo(1);
        List<AuditEntry> rows = pluginAuditRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().actorName()).isEqualTo(volunteer.username());
        assertThat(rows.getFirst().organizationId()).isEqualTo(org.id());
        assertThat(rows.getFirst().detail()).startsWith("兑换物品：30 积分\n").contains("amount=300");
        long unit = lastUnit();
        assertThat(recovery.outcome(unit)).contains(Outcome.CONFIRMED);
        long event = eventOf(member);
        awaitHandled(event);
        assertThat(seen(event)).as("the plugin's listener got its event").isEqualTo(1);
    }

    @Test
    void a_unit_whose_work_throws_after_the_transfer_changes_nothing() throws Exception {
        long units = count("SELECT COUNT(*) FROM plugin_unit WHERE plugin_id = ?", PLUGIN);
        Map<String, Object> query = new HashMap<>(redeem(member, 300, "order-fail"));
        query.put("fail", "true");

        EndpointResponse response = respond(volunteer, query);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).contains("the market's own work failed");
        assertThat(balance(member)).isEqualTo(1000);
        assertThat(redemptions(member)).isZero();
        assertThat(pluginAuditRows()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM domain_event WHERE member_id = ?", member))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM plugin_unit WHERE plugin_id = ?", PLUGIN))
                .isEqualTo(units);
        assertThat(call(volunteer, redeem(member, 300, "order-fail")))
                .as("the key stayed unused")
                .containsEntry("outcome", "OK")
                .containsEntry("replayed", false);
    }

    @Test
    void an_insufficient_balance_is_answered_by_name_and_changes_nothing() throws Exception {
        assertThat(call(volunteer, redeem(member, 1001, "too-much")))
                .containsEntry("outcome", "INSUFFICIENT_BALANCE")
                .containsEntry("code", "INSUFFICIENT_BALANCE")
                .containsEntry("transferId", null);

        assertThat(balance(member)).isEqualTo(1000);
        assertThat(redemptions(member)).isZero();
        assertThat(pluginAuditRows()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM domain_event WHERE member_id = ?", member))
                .isZero();
    }

    @Test
    void the_same_key_twice_posts_once_and_answers_the_first_result() throws Exception {
        Map<String, Object> first = call(volunteer, redeem(member, 200, "same"));
        Map<String, Object> second = call(volunteer, redeem(member, 200, "same"));

        assertThat(second).containsEntry("outcome", "OK").containsEntry("replayed", true);
        assertThat(second.get("transferId")).isEqualTo(first.get("transferId"));
        assertThat(balance(member)).isEqualTo(800);
        assertThat(redemptions(member)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM ledger_request WHERE idempotency_key = ?", "plugin:market:same"))
                .isEqualTo(1);
    }

    @Test
    void the_same_key_with_other_content_is_a_duplicate_with_different_content() throws Exception {
        call(volunteer, redeem(member, 200, "other-content"));

        assertThat(call(volunteer, redeem(member, 250, "other-content")))
                .containsEntry("outcome", "DUPLICATE_WITH_DIFFERENT_CONTENT");
        assertThat(balance(member)).isEqualTo(800);
    }

    @Test
    void a_refund_reverses_the_redemption_once_and_only_the_plugins_own_transfers() throws Exception {
        Object transfer = call(volunteer, redeem(member, 300, "to-refund")).get("transferId");

        Map<String, Object> refund = call(staff, Map.of("op", "refund", "key", "refund-1", "transfer", "" + transfer));

        assertThat(refund).containsEntry("outcome", "OK");
        assertThat(balance(member)).isEqualTo(1000);
        long reversal = ((Number) refund.get("transferId")).longValue();
        assertThat(ledger.transfer(reversal).orElseThrow().reversesId()).isEqualTo(((Number) transfer).longValue());
        assertThat(call(staff, Map.of("op", "refund", "key", "refund-2", "transfer", "" + transfer)))
                .containsEntry("outcome", "ALREADY_REVERSED");
        long award = ledger.statement(memberAccount(member).id(), null, 100)
                .getLast()
                .transfer()
                .id();
        assertThat(call(staff, Map.of("op", "refund", "key", "refund-3", "transfer", "" + award)))
                .as("a transfer the plugin did not post")
                .containsEntry("outcome", "REVERSAL_MISMATCH");
        assertThat(balance(member)).isEqualTo(1000);
    }

    @Test
    void a_volunteer_cannot_spend_another_members_points_but_staff_of_the_organization_can() throws Exception {
        assertThat(call(volunteer, redeem(otherMember, 100, "not-mine"))).containsEntry("outcome", "NOT_ALLOWED");
        assertThat(balance(otherMember)).isEqualTo(1000);

        assertThat(call(staff, redeem(otherMember, 100, "by-staff"))).containsEntry("outcome", "OK");
        assertThat(balance(otherMember)).isEqualTo(900);
        assertThat(call(volunteer, Map.of("op", "balances", "member", "" + otherMember)))
                .as("a volunteer reads only the own balances")
                .containsEntry("kinds", 0);
        assertThat(call(volunteer, Map.of("op", "balances", "member", "" + member)))
                .containsEntry("kinds", 1);
    }

    @Test
    void a_plugin_publishes_only_about_members_and_organizations_its_actor_may_record_for() throws Exception {
        Organization sibling = organizations.createRoot(OrganizationKind.COMMUNITY, "别处" + UUID.randomUUID());

        assertThat(respond(volunteer, Map.of("op", "publish", "member", otherMember, "org", org.id()))
                        .json())
                .contains("may not record events for member " + otherMember);
        assertThat(respond(volunteer, Map.of("op", "publish", "member", member, "org", sibling.id()))
                        .json())
                .contains("may not record events for organization " + sibling.id());
        assertThat(count("SELECT COUNT(*) FROM domain_event WHERE member_id IN (?, ?)", member, otherMember))
                .isZero();

        assertThat(call(volunteer, Map.of("op", "publish", "member", member, "org", org.id())))
                .containsKey("id");
        assertThat(call(staff, Map.of("op", "publish", "member", otherMember, "org", org.id())))
                .containsKey("id");
    }

    @Test
    void an_audit_action_too_long_for_the_column_is_refused_and_nothing_is_written() throws Exception {
        String action = "A".repeat(48 - "PLUGIN_MARKET_".length() + 1);
        long rows = count("SELECT COUNT(*) FROM audit_log");

        EndpointResponse response = respond(staff, Map.of("op", "audit", "action", action));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).contains("at most 34 characters for this plugin");
        assertThat(count("SELECT COUNT(*) FROM audit_log")).isEqualTo(rows);
        call(staff, Map.of("op", "audit", "action", action.substring(1)));
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = ?", "PLUGIN_MARKET_" + action.substring(1)))
                .isEqualTo(1);
    }

    @Test
    void a_plugin_pays_out_only_what_its_account_holds() throws Exception {
        call(volunteer, redeem(member, 300, "fill"));

        assertThat(call(staff, payout(otherMember, 301, "payout-1"))).containsEntry("outcome", "INSUFFICIENT_BALANCE");
        assertThat(call(volunteer, payout(member, 100, "payout-2")))
                .as("a volunteer does not pay himself out of the plugin's account")
                .containsEntry("outcome", "NOT_ALLOWED");
        assertThat(call(staff, payout(otherMember, 300, "payout-3"))).containsEntry("outcome", "OK");
        assertThat(balance(otherMember)).isEqualTo(1300);
    }

    @Test
    void a_deadlock_reruns_the_whole_unit_up_to_three_times() throws Exception {
        Map<String, Object> once = new HashMap<>(redeem(member, 100, "flaky-1"));
        once.put("op", "flaky");
        once.put("deadlocks", 2);

        assertThat(call(volunteer, once)).containsEntry("attempts", 3).containsEntry("replayed", false);
        assertThat(balance(member)).as("posted once").isEqualTo(900);

        Map<String, Object> always = new HashMap<>(redeem(member, 100, "flaky-2"));
        always.put("op", "flaky");
        always.put("deadlocks", 3);
        assertThat(call(volunteer, always)).containsEntry("attempts", 3).containsEntry("failed", true);
        assertThat(balance(member)).as("nothing of the failed unit").isEqualTo(900);
    }

    @Test
    void a_caller_or_transaction_the_host_did_not_hand_out_is_refused() throws Exception {
        EndpointResponse forged = respond(volunteer, Map.of("op", "forged", "member", "" + member));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json()).contains("Not a caller handed out by the host");

        EndpointResponse leaked = respond(volunteer, Map.of("op", "leak"));
        assertThat(leaked.status()).isEqualTo(400);
        assertThat(leaked.json()).contains("The unit of work has ended");

        EndpointResponse undeclared =
                respond(volunteer, Map.of("op", "undeclared", "member", "" + member, "org", "" + org.id()));
        assertThat(undeclared.status()).isEqualTo(400);
        assertThat(undeclared.json()).contains("MARKET_OTHER is not declared");
        assertThat(count("SELECT COUNT(*) FROM domain_event WHERE member_id = ?", member))
                .isZero();
    }

    @Test
    void a_lost_plugin_commit_is_undone_by_the_recovery_job() throws Exception {
        units.hook(unitId -> {
            throw new SQLException("simulated: the plugin's database went away before its commit");
        });
        EndpointResponse response = respond(volunteer, redeem(member, 400, "lost"));
        units.hook(unitId -> {});
        assertThat(response.status()).isEqualTo(400);
        long unit = lastUnit();
        assertThat(recovery.outcome(unit)).as("unsettled").isEmpty();
        assertThat(balance(member)).as("the host's part committed").isEqualTo(600);
        assertThat(redemptions(member)).as("the plugin's part was lost").isZero();
        long event = eventOf(member);
        // A sweep hands over every unhandled event of the database (other tests' too): this one it must leave.
        events.sweepAfter(Duration.ZERO);
        assertThat(events.handledAt(event)).as("a held event is not swept").isEmpty();

        assertThat(recovery.recover(Duration.ZERO)).isGreaterThanOrEqualTo(1);

        assertThat(recovery.outcome(unit)).contains(Outcome.UNDONE);
        assertThat(balance(member)).as("the transfer was reversed").isEqualTo(1000);
        assertThat(call(volunteer, Map.of("op", "balance", "org", "" + org.id(), "asset", "VOL")))
                .containsEntry("amount", 0);
        assertThat(count("SELECT COUNT(*) FROM domain_event WHERE id = ? AND cancelled_at IS NOT NULL", event))
                .isEqualTo(1);
        events.sweepAfter(Duration.ZERO);
        assertThat(events.handledAt(event))
                .as("the cancelled event was never delivered")
                .isEmpty();
        assertThat(seen(event)).isZero();
        assertThat(audit.latest(Caller.system(), new AuditFilter("PLUGIN_UNIT_UNDONE", null, null, null), 50))
                .anyMatch(e -> e.targetId() == unit);
        assertThat(recovery.recover(Duration.ZERO)).as("settled once").isZero();
        ReconciliationResult reconciled = reconciliation.run("test");
        assertThat(reconciled.problems()).isEmpty();
    }

    @Test
    void a_retry_of_a_lost_unit_waits_for_the_recovery_then_posts_exactly_once() throws Exception {
        units.hook(unitId -> {
            throw new SQLException("simulated: the server stopped between the host's commit and the plugin's");
        });
        assertThat(respond(volunteer, redeem(member, 400, "crash-window")).status())
                .isEqualTo(400);
        units.hook(unitId -> {});
        long lost = lastUnit();
        assertThat(balance(member)).as("the host's part committed").isEqualTo(600);

        // The client resends before the recovery job ran: the ledger must not answer the lost try's
        // transfer as if the redemption had happened (the plugin has no row of it).
        long started = System.nanoTime();
        Map<String, Object> early = call(volunteer, redeem(member, 400, "crash-window"));
        assertThat(early).containsEntry("outcome", "RETRY_LATER").containsEntry("transferId", null);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("it waited a moment for the unit to settle")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(balance(member)).as("nothing posted by the early retry").isEqualTo(600);
        assertThat(redemptions(member)).isZero();

        assertThat(recovery.recover(Duration.ZERO)).isGreaterThanOrEqualTo(1);
        assertThat(recovery.outcome(lost)).contains(Outcome.UNDONE);
        assertThat(balance(member)).isEqualTo(1000);

        // After the undo the retry is the request's real posting, once.
        Map<String, Object> retried = call(volunteer, redeem(member, 400, "crash-window"));
        assertThat(retried).containsEntry("outcome", "OK").containsEntry("replayed", false);
        assertThat(balance(member)).isEqualTo(600);
        assertThat(redemptions(member)).isEqualTo(1);
        Map<String, Object> again = call(volunteer, redeem(member, 400, "crash-window"));
        assertThat(again)
                .as("a further retry replays the real posting")
                .containsEntry("outcome", "OK")
                .containsEntry("replayed", true)
                .containsEntry("transferId", retried.get("transferId"));
        assertThat(balance(member)).isEqualTo(600);
        assertThat(redemptions(member)).isEqualTo(1);
        assertThat(recovery.recover(Duration.ZERO))
                .as("the retry's unit settled itself")
                .isZero();
        assertThat(reconciliation.run("test").problems()).isEmpty();
    }

    @Test
    void a_unit_whose_plugin_commit_happened_is_confirmed_by_the_recovery_job() throws Exception {
        units.hook(unitId -> {
            throw new RuntimeException("simulated: the server stopped after the plugin's commit");
        });
        // The hook throws before the plugin's commit; what reaches the database is decided by the marker:
        // write it ourselves, as a plugin commit that happened would have.
        EndpointResponse response = respond(volunteer, redeem(member, 100, "confirmed-late"));
        units.hook(unitId -> {});
        assertThat(response.status()).isEqualTo(400);
        long unit = lastUnit();
        execute("INSERT INTO gjp_market.gongjian_unit (id) VALUES (" + unit + ")");

        assertThat(recovery.recover(Duration.ZERO)).isGreaterThanOrEqualTo(1);

        assertThat(recovery.outcome(unit)).contains(Outcome.RECOVERED);
        assertThat(balance(member)).isEqualTo(900);
        long event = eventOf(member);
        awaitHandled(event);
        assertThat(seen(event)).isEqualTo(1);
    }

    @Test
    void a_plugins_event_reaches_a_points_rule_and_is_offered_in_the_rules_editor() throws Exception {
        assertThat(catalog.offered(org.id(), Locale.SIMPLIFIED_CHINESE))
                .contains(new EventTypeChoice("MARKET_REDEEMED", "在超市兑换物品", PLUGIN))
                .contains(new EventTypeChoice("HOURS_APPROVED", null, null));
        assertThat(catalog.offered(org.id(), Locale.ENGLISH))
                .contains(new EventTypeChoice("MARKET_REDEEMED", "Goods redeemed at the market", PLUGIN));
        rules.create(
                admin,
                new RuleInput(
                        kind.id(),
                        org.id(),
                        "兑换奖励",
                        MarketRedeemed.TYPE,
                        "category",
                        "OIL",
                        null,
                        "FIXED",
                        50,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "MARKET",
                        null,
                        null));

        call(volunteer, redeem(member, 300, "rewarded"));

        awaitHandled(eventOf(member));
        assertThat(balance(member)).as("1000 - 300 redeemed + 50 by the rule").isEqualTo(750);
    }

    @Test
    void the_ledger_reconciles_with_plugin_accounts_after_transfers_and_reversals() throws Exception {
        Object transfer = call(volunteer, redeem(member, 300, "rec-1")).get("transferId");
        call(staff, redeem(otherMember, 200, "rec-2"));
        call(staff, Map.of("op", "refund", "key", "rec-3", "transfer", "" + transfer));
        call(staff, payout(member, 100, "rec-4"));

        ReconciliationResult result = reconciliation.run("test");

        assertThat(result.problems()).isEmpty();
        assertThat(result.ok()).isTrue();
        assertThat(count(
                        "SELECT COUNT(*) FROM ledger_account WHERE owner_type = 'PLUGIN' AND org_path = ?", org.path()))
                .isEqualTo(1);
        assertThat(call(volunteer, Map.of("op", "balance", "org", "" + org.id(), "asset", "VOL")))
                .containsEntry("amount", 100);
    }

    private Map<String, Object> redeem(long who, long amount, String key) {
        return move("redeem", who, amount, key);
    }

    private Map<String, Object> payout(long who, long amount, String key) {
        return move("payout", who, amount, key);
    }

    private Map<String, Object> move(String op, long who, long amount, String key) {
        return Map.of("op", op, "member", who, "org", org.id(), "asset", "VOL", "amount", amount, "key", key);
    }

    private Map<String, Object> call(HostCaller caller, Map<String, Object> query) throws IOException {
        EndpointResponse response = respond(caller, query);
        assertThat(response.status()).as(response.json()).isEqualTo(200);
        return json.readValue(response.json(), Argument.mapOf(String.class, Object.class));
    }

    private EndpointResponse respond(HostCaller caller, Map<String, Object> query) {
        Map<String, List<String>> parameters = new HashMap<>();
        query.forEach((k, v) -> parameters.put(k, List.of(String.valueOf(v))));
        Endpoint endpoint = host.extensions(Endpoint.class, PLUGIN).getFirst();
        return endpoint.handle(new EndpointRequest(caller, Map.of(), parameters, Optional.empty(), ""));
    }

    private void award(long who, long amount) {
        Account issuance = ledger.open(kind.id(), OwnerType.ISSUANCE, org.id(), org.path());
        Account account = ledger.open(kind.id(), OwnerType.MEMBER, who, "");
        ledger.post(new Posting(
                0,
                "test-award-" + UUID.randomUUID(),
                org.id(),
                null,
                List.of(TransferSpec.of(issuance.id(), account.id(), amount, "TEST_AWARD", "TEST"))));
    }

    private Account memberAccount(long who) {
        return ledger.find(kind.id(), OwnerType.MEMBER, who).orElseThrow();
    }

    private long balance(long who) {
        return memberAccount(who).balance();
    }

    private long redemptions(long who) throws SQLException {
        return count("SELECT COUNT(*) FROM gjp_market.market_redemption WHERE member_id = ?", who);
    }

    private long seen(long event) throws SQLException {
        return count("SELECT COUNT(*) FROM gjp_market.market_seen WHERE event_id = ?", event);
    }

    private List<AuditEntry> pluginAuditRows() {
        return audit
                .latest(Caller.system(), new AuditFilter("PLUGIN_MARKET_GOODS_REDEEMED", null, null, null), 500)
                .stream()
                .filter(e -> org.id() == e.organizationId())
                .toList();
    }

    private long lastUnit() throws SQLException {
        return count("SELECT MAX(id) FROM plugin_unit WHERE plugin_id = ?", PLUGIN);
    }

    private long eventOf(long who) throws SQLException {
        assertThat(count("SELECT COUNT(*) FROM domain_event WHERE member_id = ?", who))
                .isEqualTo(1);
        return count("SELECT id FROM domain_event WHERE member_id = ?", who);
    }

    private void awaitHandled(long event) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (events.handledAt(event).isEmpty()) {
            assertThat(Instant.now()).as("event handled in time").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private long count(String sql, Object... args) throws SQLException {
        return AuditHeadLock.count(raw, sql, args);
    }

    private void execute(String sql) throws SQLException {
        try (var c = raw.getConnection();
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
