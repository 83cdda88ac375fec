package org.gongjian.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.Grant;
import org.gongjian.access.NotFoundException;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditEntry;
import org.gongjian.audit.AuditFilter;
import org.gongjian.audit.AuditLog;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.events.DomainEvent;
import org.gongjian.events.DomainEvents;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.ledger.StatementLine;
import org.gongjian.members.MemberInput;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.UserAdmin;
import org.gongjian.testing.Api;
import org.gongjian.testing.LedgerReconciles;
import org.gongjian.testing.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Editing rules on the embedded MariaDB: an edit adds a version that supersedes the old one in one
 * audited transaction, the points the old version gave stay as they were, caps and the once-per-event
 * key hold across versions (also while events arrive during an edit), of two concurrent edits one
 * wins, bad input and foreign callers change nothing; the same over HTTP with stable codes.
 */
@MicronautTest(transactional = false)
class PointsRulesIT extends LedgerReconciles {

    @Inject
    PointKinds kinds;

    @Inject
    PointsRules rules;

    @Inject
    RulesEngine engine;

    @Inject
    DomainEvents events;

    @Inject
    Ledger ledger;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    AuditLog audit;

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    UserAdmin userAdmin;

    private String prefix;
    private Organization street;
    private Organization org;
    private Organization sibling;
    private Caller admin;
    private Caller otherAdmin;
    private Caller staff;
    private Caller siblingAdmin;
    private Asset kind;
    private long member;

    @BeforeEach
    void two_communities_of_a_street() {
        prefix = "r" + UUID.randomUUID().toString().substring(0, 8);
        street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, prefix + "街道");
        org = organizations.createChild(street, OrganizationKind.COMMUNITY, prefix + "规则社区");
        sibling = organizations.createChild(street, OrganizationKind.COMMUNITY, prefix + "隔壁社区");
        admin = new Caller(601, prefix + "-admin", null, List.of(new Grant(Role.ORG_ADMIN, org.id(), org.path())));
        otherAdmin =
                new Caller(602, prefix + "-admin2", null, List.of(new Grant(Role.ORG_ADMIN, org.id(), org.path())));
        staff = new Caller(603, prefix + "-staff", null, List.of(new Grant(Role.ORG_STAFF, org.id(), org.path())));
        siblingAdmin = new Caller(
                604, prefix + "-sibling", null, List.of(new Grant(Role.ORG_ADMIN, sibling.id(), sibling.path())));
        kind = kinds.create(admin, org.id(), "VOL", "志愿积分", 10, false, "NEVER", null, null);
        member = members.create(Caller.system(), MemberInput.named(org.id(), "刘规则"))
                .id();
    }

    private RuleInput input(String name, long points, Long capWeek, Long capMonth) {
        return input(kind.id(), name, points, null, capWeek, capMonth);
    }

    private RuleInput input(long assetId, String name, long points, Long minQuantity, Long capWeek, Long capMonth) {
        return new RuleInput(
                assetId,
                org.id(),
                name,
                DomainEvent.STUDY_ACTION,
                null,
                null,
                minQuantity,
                "FIXED",
                points,
                null,
                null,
                capWeek,
                capMonth,
                null,
                "STUDY",
                null,
                null);
    }

    private long balance() {
        return ledger.find(kind.id(), OwnerType.MEMBER, member)
                .map(Account::balance)
                .orElse(0L);
    }

    private List<StatementLine> statement() {
        return ledger.statement(
                ledger.find(kind.id(), OwnerType.MEMBER, member).orElseThrow().id(), null, 100);
    }

    private DomainEvent studied() throws InterruptedException {
        DomainEvent event = events.publish(DomainEvent.STUDY_ACTION, member, org.id(), 1, Map.of());
        Instant deadline = Instant.now().plusSeconds(20);
        while (events.handledAt(event.id()).isEmpty()) {
            assertThat(Instant.now()).as("event handled in time").isBefore(deadline);
            Thread.sleep(20);
        }
        return event;
    }

    private List<AuditEntry> audited(Caller who, String action) {
        return audit.latest(Caller.system(), new AuditFilter(action, who.username(), null, null), 20);
    }

    private PointsRule current(PointsRule any) {
        List<PointsRule> active = rules.versions(admin, any.id()).stream()
                .filter(r -> !r.archived())
                .toList();
        assertThat(active).as("exactly one version in force").hasSize(1);
        return active.getFirst();
    }

    @Test
    void an_edit_adds_a_version_that_supersedes_the_old_one_and_the_points_it_gave_stay() throws Exception {
        PointsRule v1 = rules.create(admin, input("学习打卡", 10, null, null));
        studied();
        assertThat(balance()).isEqualTo(10);

        PointsRule v2 = rules.edit(admin, v1.id(), input("学习打卡（加倍）", 20, null, null));

        assertThat(v2.id()).isNotEqualTo(v1.id());
        assertThat(v2.lineageId()).isEqualTo(v1.id()).isEqualTo(v1.lineageId());
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.supersedesId()).isEqualTo(v1.id());
        assertThat(v2.archived()).isFalse();
        assertThat(v2.points()).isEqualTo(20);
        PointsRule old = rules.find(v1.id()).orElseThrow();
        assertThat(old.archived()).isTrue();
        assertThat(old.supersededBy()).isEqualTo(v2.id());
        assertThat(old.points()).as("the old version is kept as it was").isEqualTo(10);
        assertThat(old.name()).isEqualTo("学习打卡");
        assertThat(rules.versions(staff, v2.id())).extracting(PointsRule::id).containsExactly(v1.id(), v2.id());
        assertThat(rules.list(staff, org.id()))
                .as("the list shows the rule once, at its latest version")
                .extracting(PointsRule::id)
                .contains(v2.id())
                .doesNotContain(v1.id());
        assertThat(audited(admin, PointsRules.CHANGED)).singleElement().satisfies(e -> {
            assertThat(e.targetId()).isEqualTo(v2.id());
            assertThat(e.organizationId()).isEqualTo(org.id());
            assertThat(e.detail()).contains("version 2", Long.toString(v1.id()), "学习打卡（加倍）");
        });

        studied();
        assertThat(balance()).isEqualTo(10 + 20);
        assertThat(statement())
                .as("what version 1 gave is not rewritten; both transfers name the lineage")
                .extracting(l -> l.transfer().memo(), l -> l.transfer().amount(), l -> l.transfer()
                        .sourceRef())
                .containsExactly(
                        tuple("学习打卡（加倍）", 20L, Long.toString(v1.id())), tuple("学习打卡", 10L, Long.toString(v1.id())));
    }

    @Test
    void weekly_and_monthly_caps_count_what_every_version_gave() throws Exception {
        PointsRule v1 = rules.create(admin, input("学习强国", 10, 100L, 30L));
        studied();
        studied();
        assertThat(balance()).isEqualTo(20);

        PointsRule v2 = rules.edit(admin, v1.id(), input("学习强国", 15, 100L, 30L));
        studied();
        assertThat(balance())
                .as("15 asked, 10 left of the monthly cap of 3 points")
                .isEqualTo(30);
        studied();
        assertThat(balance()).as("the monthly cap is reached under version 2").isEqualTo(30);

        rules.edit(admin, v2.id(), input("学习强国", 15, 35L, 100L));
        studied();
        assertThat(balance())
                .as("version 3: monthly cap 10 points, weekly cap 3.5 points counts versions 1 and 2")
                .isEqualTo(35);
    }

    @Test
    void an_event_delivered_again_after_an_edit_is_not_rewarded_twice() throws Exception {
        PointsRule v1 = rules.create(admin, input("签到", 10, null, null));
        DomainEvent event = studied();
        rules.edit(admin, v1.id(), input("签到", 30, null, null));

        engine.handle(event);

        assertThat(balance()).isEqualTo(10);
        assertThat(statement()).hasSize(1);
    }

    @Test
    void a_cap_holds_when_events_arrive_while_the_rule_is_edited() throws Exception {
        PointsRule v1 = rules.create(admin, input("每日学习", 10, 50L, null));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<DomainEvent>> published = new ArrayList<>();
        Future<PointsRule> edit = null;
        for (int i = 0; i < 12; i++) {
            published.add(pool.submit(() -> events.publish(DomainEvent.STUDY_ACTION, member, org.id(), 1, Map.of())));
            if (i == 3) {
                edit = pool.submit(() -> rules.edit(admin, v1.id(), input("每日学习", 7, 50L, null)));
            }
        }
        assertThat(edit.get().version()).isEqualTo(2);
        for (Future<DomainEvent> f : published) {
            DomainEvent event = f.get();
            Instant deadline = Instant.now().plusSeconds(20);
            while (events.handledAt(event.id()).isEmpty()) {
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(20);
            }
        }
        pool.shutdown();

        assertThat(balance())
                .as("12 events of 0.7 or 1 point, capped at 5 a week")
                .isEqualTo(50);
        assertThat(current(v1).version()).isEqualTo(2);
    }

    @Test
    void of_two_concurrent_edits_of_one_version_one_wins_and_the_other_changes_nothing() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                PointsRule v1 = rules.create(admin, input("并发" + round, 10, null, null));
                CountDownLatch start = new CountDownLatch(1);
                Callable<PointsRule> first = () -> {
                    start.await();
                    return rules.edit(admin, v1.id(), input("甲改", 20, null, null));
                };
                Callable<PointsRule> second = () -> {
                    start.await();
                    return rules.edit(otherAdmin, v1.id(), input("乙改", 30, null, null));
                };
                Future<PointsRule> a = two.submit(first);
                Future<PointsRule> b = two.submit(second);
                start.countDown();

                List<PointsRule> won = new ArrayList<>();
                List<Throwable> lost = new ArrayList<>();
                for (Future<PointsRule> f : List.of(a, b)) {
                    try {
                        won.add(f.get());
                    } catch (ExecutionException e) {
                        lost.add(e.getCause());
                    }
                }
                assertThat(won).hasSize(1);
                assertThat(lost)
                        .singleElement()
                        .isInstanceOf(RuleNotCurrentException.class)
                        .extracting("code")
                        .isEqualTo(PointsErrors.RULE_CHANGED_MEANWHILE);
                assertThat(rules.versions(admin, v1.id()))
                        .extracting(PointsRule::id)
                        .containsExactly(v1.id(), won.getFirst().id());
                assertThat(current(v1).name()).isEqualTo(won.getFirst().name());
            }
        } finally {
            two.shutdown();
        }
        assertThat(audited(admin, PointsRules.CHANGED).size()
                        + audited(otherAdmin, PointsRules.CHANGED).size())
                .as("one audit entry per winning edit")
                .isEqualTo(5);
    }

    @Test
    void a_stale_version_is_neither_edited_nor_stopped_and_a_stopped_rule_is_not_edited() {
        PointsRule v1 = rules.create(admin, input("过时", 10, null, null));
        PointsRule v2 = rules.edit(admin, v1.id(), input("过时", 20, null, null));

        assertThatThrownBy(() -> rules.edit(otherAdmin, v1.id(), input("过时", 99, null, null)))
                .isInstanceOf(RuleNotCurrentException.class)
                .extracting("code")
                .isEqualTo(PointsErrors.RULE_CHANGED_MEANWHILE);
        assertThatThrownBy(() -> rules.archive(otherAdmin, v1.id()))
                .isInstanceOf(RuleNotCurrentException.class)
                .extracting("code")
                .isEqualTo(PointsErrors.RULE_CHANGED_MEANWHILE);
        assertThat(current(v1).id()).as("the edit stays in force").isEqualTo(v2.id());

        rules.archive(admin, v2.id());
        assertThatThrownBy(() -> rules.edit(admin, v2.id(), input("过时", 30, null, null)))
                .isInstanceOf(RuleNotCurrentException.class)
                .extracting("code")
                .isEqualTo(PointsErrors.RULE_ARCHIVED);
        assertThat(rules.versions(admin, v1.id())).hasSize(2).allMatch(PointsRule::archived);
    }

    @Test
    void bad_input_is_refused_with_a_code_and_changes_nothing() {
        PointsRule v1 = rules.create(admin, input("原样", 10, null, null));
        Asset otherKind = kinds.create(admin, org.id(), "PARTY", "党员积分", 10, false, "NEVER", null, null);
        RuleInput moved = input(otherKind.id(), "原样", 10, null, null, null);
        RuleInput negativeMinimum = input(kind.id(), "原样", 10, 0L, null, null);

        assertThatThrownBy(() -> rules.edit(admin, v1.id(), input("原样", 0, null, null)))
                .extracting("code")
                .isEqualTo(PointsErrors.POINTS_INVALID);
        assertThatThrownBy(() -> rules.edit(admin, v1.id(), input("原样", 10, -1L, null)))
                .isInstanceOf(InvalidInputException.class)
                .extracting("code", "field")
                .containsExactly(PointsErrors.CAP_INVALID, "capWeek");
        assertThatThrownBy(() -> rules.edit(admin, v1.id(), input("原样", 10, null, 0L)))
                .extracting("code", "field")
                .containsExactly(PointsErrors.CAP_INVALID, "capMonth");
        assertThatThrownBy(() -> rules.edit(admin, v1.id(), negativeMinimum))
                .extracting("code", "field")
                .containsExactly(PointsErrors.CAP_INVALID, "minQuantity");
        assertThatThrownBy(() -> rules.edit(admin, v1.id(), input(" ", 10, null, null)))
                .extracting("code")
                .isEqualTo(PointsErrors.NAME_REQUIRED);
        assertThatThrownBy(() -> rules.edit(admin, v1.id(), moved))
                .extracting("code", "field")
                .containsExactly(PointsErrors.RULE_SCOPE_FIXED, "assetId");

        assertThat(rules.versions(admin, v1.id())).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(v1.id());
            assertThat(r.archived()).isFalse();
            assertThat(r.points()).isEqualTo(10);
        });
        assertThat(audited(admin, PointsRules.CHANGED)).isEmpty();
    }

    @Test
    void a_rule_outside_the_subtree_is_not_found_and_staff_may_not_edit() {
        PointsRule v1 = rules.create(admin, input("本社区", 10, null, null));

        assertThatThrownBy(() -> rules.edit(siblingAdmin, v1.id(), input("别人改", 50, null, null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> rules.edit(admin, 42L, input("不存在", 50, null, null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> rules.versions(siblingAdmin, v1.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> rules.edit(staff, v1.id(), input("员工改", 50, null, null)))
                .isInstanceOf(ForbiddenException.class);

        assertThat(rules.versions(admin, v1.id()))
                .singleElement()
                .extracting(PointsRule::name)
                .isEqualTo("本社区");
        assertThat(audited(staff, "ACCESS_DENIED")).as("the refusal is audited").hasSize(1);
    }

    @Test
    void the_api_edits_a_rule_with_stable_codes() {
        Api api = new Api(server, json);
        TestUsers users = new TestUsers(userAdmin, api);
        String adminToken = users.token(prefix + "-api-admin", Role.ORG_ADMIN, org, null);
        String staffToken = users.token(prefix + "-api-staff", Role.ORG_STAFF, org, null);
        String siblingToken = users.token(prefix + "-api-sibling", Role.ORG_ADMIN, sibling, null);
        PointsRule v1 = rules.create(admin, input("接口规则", 10, null, null));
        Map<String, Object> body = new HashMap<>();
        body.put("assetId", kind.id());
        body.put("organizationId", org.id());
        body.put("name", "接口规则 v2");
        body.put("eventType", DomainEvent.STUDY_ACTION);
        body.put("formula", "FIXED");
        body.put("points", 25);
        body.put("capWeek", 100);
        body.put("capMonth", 300);
        body.put("minQuantity", 2);

        HttpResponse<String> forbidden = api.put("/api/points/rules/" + v1.id(), staffToken, body);
        HttpResponse<String> foreign = api.put("/api/points/rules/" + v1.id(), siblingToken, body);
        Map<String, Object> zero = new HashMap<>(body);
        zero.put("points", 0);
        HttpResponse<String> invalid = api.put("/api/points/rules/" + v1.id(), adminToken, zero);
        HttpResponse<String> edited = api.put("/api/points/rules/" + v1.id(), adminToken, body);
        HttpResponse<String> stale = api.put("/api/points/rules/" + v1.id(), adminToken, body);

        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(api.code(foreign)).isEqualTo("NOT_FOUND");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(api.code(invalid)).isEqualTo(PointsErrors.POINTS_INVALID);
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        Map<String, Object> v2 = api.object(edited);
        assertThat(v2)
                .containsEntry("version", 2)
                .containsEntry("name", "接口规则 v2")
                .containsEntry("capWeek", 100)
                .containsEntry("capMonth", 300)
                .containsEntry("minQuantity", 2);
        assertThat(((Number) v2.get("lineageId")).longValue()).isEqualTo(v1.id());
        assertThat(((Number) v2.get("supersedesId")).longValue()).isEqualTo(v1.id());
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(api.code(stale)).isEqualTo(PointsErrors.RULE_CHANGED_MEANWHILE);

        HttpResponse<String> history = api.get("/api/points/rules/" + v1.id() + "/versions", staffToken);
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(api.list(history)).extracting(r -> r.get("version")).containsExactly(1, 2);
        assertThat(api.get("/api/points/rules/" + v1.id() + "/versions", siblingToken)
                        .statusCode())
                .isEqualTo(404);
    }
}
