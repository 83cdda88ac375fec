package org.gongjian.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.gongjian.events.DomainEvent;
import org.gongjian.membercodes.MemberCodeTexts;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.points.PointKinds;
import org.gongjian.points.PointsRules;
import org.gongjian.points.RuleInput;
import org.gongjian.security.Accounts;
import org.gongjian.security.UserAdmin;
import org.gongjian.testing.Api;
import org.junit.jupiter.api.Test;

/**
 * Every scoped endpoint × every role × the caller's own organization, a sibling, the parent and a
 * guessed id, named in the path or in the body. Objects outside the caller's subtree answer 404
 * exactly like missing ones (an organization named in the body of a new member or household: 400
 * ORGANIZATION_UNKNOWN, again exactly like a missing one); visible objects whose change the role
 * does not allow answer 403; anonymous callers get 401. Generated from the OpenAPI document the
 * server serves: every documented operation has a row here or a reason in {@link
 * #NOT_IN_THE_MATRIX} (a new endpoint without either fails), and every operation but the {@link
 * #PUBLIC} ones answers 401 to an anonymous caller.
 */
@MicronautTest(transactional = false)
class AuthorizationMatrixIT {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    Accounts accounts;

    @Inject
    UserAdmin users;

    @Inject
    PointKinds kinds;

    @Inject
    PointsRules rules;

    @Inject
    org.gongjian.personaldata.SecretKeys secretKeys;

    @Inject
    org.gongjian.membercodes.MemberCodes memberCodes;

    @Inject
    org.gongjian.plugins.PluginHost plugins;

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path pluginDir;

    @Inject
    org.gongjian.plugins.PluginEnablement enablement;

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path pluginJars;

    /** A plugin with an endpoint naming an organization: its operation is in the document, with rows below. */
    static final String PLUGIN = "matrix-endpoints";

    /** The same plugin under another id, turned off at the street: its endpoint answers 404 to everyone there. */
    static final String PLUGIN_OFF = "matrix-endpoints-off";

    private final AtomicInteger names = new AtomicInteger();

    @org.junit.jupiter.api.BeforeEach
    void load_the_plugins_with_endpoints() {
        for (String id : List.of(PLUGIN, PLUGIN_OFF)) {
            if (plugins.find(id).isEmpty()) {
                plugins.load(org.gongjian.plugins.EndpointPluginJar.writeSummaryOnly(id, pluginJars));
            }
        }
    }

    enum Target {
        OWN,
        SIBLING,
        PARENT,
        GUESSED
    }

    /**
     * What each role gets for one endpoint on the caller's own organization; outside the caller's
     * scope it answers {@code outside} (404, or 400 ORGANIZATION_UNKNOWN where a missing organization
     * named in the body answers that), anonymous callers 401. A {@link Supplier} body is asked anew
     * for each request (a new name each time where names are unique).
     */
    record Endpoint(String label, String method, String path, Object body, Map<String, Integer> onOwn, int outside) {

        Endpoint(String label, String method, String path, Object body, Map<String, Integer> onOwn) {
            this(label, method, path, body, onOwn, 404);
        }
    }

    @Test
    void every_endpoint_answers_each_role_as_its_scope_allows() {
        Api api = new Api(server, json);
        // plugins: services — a started plugin that declares settings, for the plugin-settings rows
        plugins.load(org.gongjian.plugins.SvcPluginJars.settings("matrix-settings", pluginDir));
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "矩阵街道党工委");
        Organization own = organizations.createChild(street, OrganizationKind.COMMUNITY, "矩阵和平社区");
        Organization sibling = organizations.createChild(street, OrganizationKind.COMMUNITY, "矩阵和谐社区");
        Map<Target, Long> orgIds = Map.of(
                Target.OWN,
                own.id(),
                Target.SIBLING,
                sibling.id(),
                Target.PARENT,
                street.id(),
                Target.GUESSED,
                sibling.id() + 1);
        enablement.set(Caller.system(), street.id(), PLUGIN_OFF, false);
        Map<Target, Long> memberIds = Map.of(
                Target.OWN, members.add(own.id(), "和平居民").id(),
                Target.SIBLING, members.add(sibling.id(), "和谐居民").id(),
                Target.PARENT, members.add(street.id(), "街道居民").id(),
                Target.GUESSED, 912_345_678_901_234_567L);

        long kind = kinds.create(Caller.system(), street.id(), "MATRIX", "矩阵积分", 10, false, "NEVER", null, null)
                .id();
        Map<Target, Long> ruleIds = Map.of(
                Target.OWN, rule(kind, own.id()),
                Target.SIBLING, rule(kind, sibling.id()),
                Target.PARENT, rule(kind, street.id()),
                Target.GUESSED, 912_345_678_901_234_569L);

        Map<Target, Long> userIds = Map.of(
                Target.OWN, userWithVolunteerRole("matrix-user-own", own.id()),
                Target.SIBLING, userWithVolunteerRole("matrix-user-sibling", sibling.id()),
                Target.PARENT, userWithVolunteerRole("matrix-user-parent", street.id()),
                Target.GUESSED, 912_345_678_901_234_568L);

        Map<String, String> tokens = new LinkedHashMap<>();
        accounts.createUser("matrix-platform", "matrix-password-1", false, Set.of(Role.PLATFORM_ADMIN));
        tokens.put("PLATFORM_ADMIN", api.token("matrix-platform", "matrix-password-1"));
        for (Role role : List.of(Role.ORG_ADMIN, Role.ORG_STAFF, Role.VOLUNTEER)) {
            String username = "matrix-" + role.name().toLowerCase().replace('_', '-');
            long userId = accounts.createUser(username, "matrix-password-1", false, Set.of())
                    .id();
            users.grant(Caller.system(), userId, role, own.id());
            tokens.put(role.name(), api.token(username, "matrix-password-1"));
        }
        tokens.put("ANONYMOUS", null);

        List<String> mismatches = new ArrayList<>();
        OpenApiOperations documented = OpenApiOperations.parse(
                api.get("/api/openapi.yml", tokens.get("PLATFORM_ADMIN")).body());
        Set<String> covered = new java.util.TreeSet<>();
        Map<Target, Map<String, Object>> pointAccounts = new java.util.EnumMap<>(Target.class);
        for (Target target : List.of(Target.OWN, Target.SIBLING, Target.PARENT)) {
            pointAccounts.put(target, issuanceToPool(api, tokens.get("PLATFORM_ADMIN"), orgIds.get(target), kind));
        }
        // A guessed organization is refused before its accounts are looked at: any valid accounts do.
        pointAccounts.put(Target.GUESSED, pointAccounts.get(Target.OWN));
        Map<Target, Long> householdIds = new java.util.EnumMap<>(Target.class);
        for (Target target : List.of(Target.OWN, Target.SIBLING, Target.PARENT)) {
            householdIds.put(target, household(api, tokens.get("PLATFORM_ADMIN"), orgIds.get(target)));
        }
        householdIds.put(Target.GUESSED, 912_345_678_901_234_570L);
        Map<Target, Long> decidedAdjustmentIds = new java.util.EnumMap<>(Target.class);
        for (Target target : List.of(Target.OWN, Target.SIBLING, Target.PARENT)) {
            decidedAdjustmentIds.put(
                    target, withdrawnAdjustment(api, tokens.get("PLATFORM_ADMIN"), memberIds.get(target), kind));
        }
        decidedAdjustmentIds.put(Target.GUESSED, 912_345_678_901_234_571L);
        for (Target target : Target.values()) {
            long org = orgIds.get(target);
            long member = memberIds.get(target);
            long user = userIds.get(target);
            long rule = ruleIds.get(target);
            long household = householdIds.get(target);
            long decided = decidedAdjustmentIds.get(target);
            // Payments and gifts go to any member of the platform: the target's member pays.
            long payee = memberIds.get(target == Target.PARENT ? Target.OWN : Target.PARENT);
            List<Endpoint> endpoints = List.of(
                    new Endpoint(
                            "read organization",
                            "GET",
                            "/api/orgs/" + org,
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "plugin endpoint naming an organization",
                            "GET",
                            "/api/plugins/" + PLUGIN + "/x/orgs/" + org + "/summary",
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "plugin endpoint where the plugin is off",
                            "GET",
                            "/api/plugins/" + PLUGIN_OFF + "/x/orgs/" + org + "/summary",
                            null,
                            Map.of("PLATFORM_ADMIN", 404, "ORG_ADMIN", 404, "ORG_STAFF", 404, "VOLUNTEER", 404)),
                    new Endpoint(
                            "plugins at an organization",
                            "GET",
                            "/api/orgs/" + org + "/plugins",
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "one plugin at an organization",
                            "GET",
                            "/api/orgs/" + org + "/plugins/" + PLUGIN,
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "turn a plugin on for an organization",
                            "PUT",
                            "/api/orgs/" + org + "/plugins/" + PLUGIN,
                            Map.of("enabled", true),
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "drop an organization's setting of a plugin",
                            "DELETE",
                            "/api/orgs/" + org + "/plugins/" + PLUGIN,
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "list children",
                            "GET",
                            "/api/orgs/" + org + "/children",
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "rename organization",
                            "PUT",
                            "/api/orgs/" + org,
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "read member",
                            "GET",
                            "/api/members/" + member,
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "update member with an old version",
                            "PUT",
                            "/api/members/" + member,
                            Map.of("name", "改名", "version", 999),
                            Map.of("PLATFORM_ADMIN", 409, "ORG_ADMIN", 409, "ORG_STAFF", 409, "VOLUNTEER", 404)),
                    new Endpoint(
                            "unmask member",
                            "POST",
                            "/api/members/" + member + "/unmask",
                            Map.of(),
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "member history",
                            "GET",
                            "/api/members/" + member + "/history",
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "member's code",
                            "GET",
                            "/api/members/" + member + "/member-code",
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "re-issue a member's code",
                            "POST",
                            "/api/members/" + member + "/member-code/reissue",
                            Map.of(),
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "resolve a member's code",
                            "POST",
                            "/api/member-codes/resolve",
                            (Supplier<Object>)
                                    () -> Map.of("code", MemberCodeTexts.current(memberCodes, secretKeys, member)),
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "list users of organization",
                            "GET",
                            "/api/users?org=" + org,
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 404, "VOLUNTEER", 404)),
                    new Endpoint(
                            "read user",
                            "GET",
                            "/api/users/" + user,
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 404, "VOLUNTEER", 404)),
                    new Endpoint(
                            "grant role on organization",
                            "POST",
                            "/api/users/" + (target == Target.GUESSED ? userIds.get(Target.OWN) : user) + "/roles",
                            Map.of("role", "VOLUNTEER", "organizationId", org),
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "disable user",
                            "POST",
                            "/api/users/" + user + "/disable",
                            Map.of(),
                            Map.of("PLATFORM_ADMIN", 204, "ORG_ADMIN", 204, "ORG_STAFF", 404, "VOLUNTEER", 404)),
                    new Endpoint(
                            "enable user",
                            "POST",
                            "/api/users/" + user + "/enable",
                            Map.of(),
                            Map.of("PLATFORM_ADMIN", 204, "ORG_ADMIN", 204, "ORG_STAFF", 404, "VOLUNTEER", 404)),
                    new Endpoint(
                            "member's ledger accounts",
                            "GET",
                            "/api/members/" + member + "/accounts",
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "member's statement",
                            "GET",
                            "/api/members/" + member + "/statement",
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "member's stars",
                            "GET",
                            "/api/members/" + member + "/stars",
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "organization's ledger accounts",
                            "GET",
                            "/api/orgs/" + org + "/accounts",
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "member's time bank",
                            "GET",
                            "/api/timebank/members/" + member,
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "member's time-bank statement",
                            "GET",
                            "/api/timebank/members/" + member + "/statement",
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "whom a member may gift minutes to",
                            "GET",
                            "/api/timebank/members/" + member + "/gift-recipients",
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "time-bank flows of organization",
                            "GET",
                            "/api/timebank/flows?org=" + org,
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "time-bank policy of organization",
                            "GET",
                            "/api/timebank/policies/" + org,
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "set time-bank policy",
                            "PUT",
                            "/api/timebank/policies/" + org,
                            Map.of(
                                    "spendingMinAge",
                                    60,
                                    "storageCapMinutes",
                                    90_000,
                                    "giftsAllowed",
                                    true,
                                    "donationsAllowed",
                                    true),
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "point kinds of organization",
                            "GET",
                            "/api/orgs/" + org + "/point-kinds",
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "points rules of organization",
                            "GET",
                            "/api/points/rules?org=" + org,
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "versions of a points rule",
                            "GET",
                            "/api/points/rules/" + rule + "/versions",
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "edit a points rule with a blank name",
                            "PUT",
                            "/api/points/rules/" + rule,
                            ruleBody(kind, org, ""),
                            Map.of("PLATFORM_ADMIN", 400, "ORG_ADMIN", 400, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "points settings of organization",
                            "GET",
                            "/api/orgs/" + org + "/points-settings",
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "set points settings",
                            "PUT",
                            "/api/orgs/" + org + "/points-settings",
                            Map.of("approvalThreshold", 500, "starHours", List.of(100, 300, 600, 1000, 1500)),
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "drop points settings",
                            "DELETE",
                            "/api/orgs/" + org + "/points-settings",
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    // plugins: services
                    new Endpoint(
                            "plugin settings of organization",
                            "GET",
                            "/api/plugin-settings/matrix-settings/" + org,
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "set plugin settings",
                            "PUT",
                            "/api/plugin-settings/matrix-settings/" + org,
                            Map.of("values", Map.of("pickupDays", 4)),
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "drop time-bank policy",
                            "DELETE",
                            "/api/timebank/policies/" + org,
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "archive a points rule (again: it stays archived)",
                            "POST",
                            "/api/points/rules/" + rule + "/archive",
                            Map.of(),
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    // The posting endpoints name the organization and member in the body. "Allowed" is
                    // the exact answer of a valid request: 201 when it posts; 422 when the ledger refuses
                    // it after the caller passed every scope and role check (an empty pool), which proves
                    // the refusal is the domain's, not the access control's. Each request carries its own
                    // Idempotency-Key (see KEYED), so no answer is a replay of another role's request.
                    new Endpoint(
                            "ledger transfer from the organization's issuance to its pool",
                            "POST",
                            "/api/ledger/transfers",
                            Map.of("organizationId", org, "transfers", List.of(pointAccounts.get(target))),
                            Map.of("PLATFORM_ADMIN", 201, "ORG_ADMIN", 201, "ORG_STAFF", 201, "VOLUNTEER", 404)),
                    new Endpoint(
                            "points adjustment for a member, recorded by the organization",
                            "POST",
                            "/api/points/adjustments",
                            Map.of(
                                    "memberId",
                                    member,
                                    "assetId",
                                    kind,
                                    "organizationId",
                                    org,
                                    "amount",
                                    10,
                                    "memo",
                                    "矩阵调整"),
                            Map.of("PLATFORM_ADMIN", 201, "ORG_ADMIN", 201, "ORG_STAFF", 201, "VOLUNTEER", 404)),
                    new Endpoint(
                            "time-bank deposit for a member, recorded by the organization",
                            "POST",
                            "/api/timebank/deposits",
                            Map.of(
                                    "memberId",
                                    member,
                                    "organizationId",
                                    org,
                                    "minutes",
                                    60,
                                    "reason",
                                    "矩阵陪护",
                                    "evidence",
                                    "矩阵签到表"),
                            Map.of("PLATFORM_ADMIN", 201, "ORG_ADMIN", 201, "ORG_STAFF", 201, "VOLUNTEER", 404)),
                    new Endpoint(
                            "time-bank grant from the organization's empty pool to a member",
                            "POST",
                            "/api/timebank/pool-grants",
                            Map.of("organizationId", org, "memberId", member, "minutes", 30, "reason", "矩阵救助"),
                            Map.of("PLATFORM_ADMIN", 422, "ORG_ADMIN", 422, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    // Creations in the organization named in the body: "allowed" is 201 Created.
                    new Endpoint(
                            "create a branch below the organization",
                            "POST",
                            "/api/orgs",
                            (Supplier<Object>) () ->
                                    Map.of("parentId", org, "kind", "BRANCH", "name", "矩阵支部" + names.incrementAndGet()),
                            Map.of("PLATFORM_ADMIN", 201, "ORG_ADMIN", 201, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "create a user with a role on the organization",
                            "POST",
                            "/api/users",
                            (Supplier<Object>) () -> Map.of(
                                    "username",
                                    "matrix-new-" + names.incrementAndGet(),
                                    "role",
                                    "VOLUNTEER",
                                    "organizationId",
                                    org),
                            Map.of("PLATFORM_ADMIN", 201, "ORG_ADMIN", 201, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "define a point kind for the organization",
                            "POST",
                            "/api/points/kinds",
                            (Supplier<Object>) () -> Map.of(
                                    "organizationId",
                                    org,
                                    "code",
                                    "MATRIX" + names.incrementAndGet(),
                                    "name",
                                    "矩阵新积分",
                                    "expiryPolicy",
                                    "NEVER"),
                            Map.of("PLATFORM_ADMIN", 201, "ORG_ADMIN", 201, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "define a points rule for the organization",
                            "POST",
                            "/api/points/rules",
                            ruleBody(kind, org, "矩阵新规则"),
                            Map.of("PLATFORM_ADMIN", 201, "ORG_ADMIN", 201, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    // Members and households name their organization in the body: one the caller may not
                    // read answers 400 ORGANIZATION_UNKNOWN exactly like a missing one (a volunteer reads none).
                    new Endpoint(
                            "record a member in the organization",
                            "POST",
                            "/api/members",
                            Map.of("organizationId", org, "name", "矩阵新居民"),
                            Map.of("PLATFORM_ADMIN", 201, "ORG_ADMIN", 201, "ORG_STAFF", 201, "VOLUNTEER", 400),
                            400),
                    new Endpoint(
                            "create a household in the organization",
                            "POST",
                            "/api/households",
                            Map.of("organizationId", org, "address", "矩阵路 1 号"),
                            Map.of("PLATFORM_ADMIN", 201, "ORG_ADMIN", 201, "ORG_STAFF", 201, "VOLUNTEER", 400),
                            400),
                    // Allowed but refused by the domain after every access check, so nothing changes:
                    // each organization has active members (400 ORGANIZATION_NOT_EMPTY), and none can
                    // move below itself (400 ORGANIZATION_MOVE_CYCLE).
                    new Endpoint(
                            "archive an organization that still has members",
                            "POST",
                            "/api/orgs/" + org + "/archive",
                            Map.of(),
                            Map.of("PLATFORM_ADMIN", 400, "ORG_ADMIN", 400, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "move an organization below itself",
                            "POST",
                            "/api/orgs/" + org + "/move",
                            Map.of("newParentId", org),
                            Map.of("PLATFORM_ADMIN", 400, "ORG_ADMIN", 400, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "record a domain event for a member",
                            "POST",
                            "/api/points/events",
                            Map.of("type", DomainEvent.STUDY_ACTION, "memberId", member),
                            Map.of("PLATFORM_ADMIN", 202, "ORG_ADMIN", 202, "ORG_STAFF", 202, "VOLUNTEER", 404)),
                    // The adjustment was withdrawn before the matrix: deciding it again is refused after
                    // every access check (400 ADJUSTMENT_NOT_PENDING), nothing is posted.
                    new Endpoint(
                            "approve an adjustment already withdrawn",
                            "POST",
                            "/api/points/approvals/" + decided + "/approve",
                            Map.of(),
                            Map.of("PLATFORM_ADMIN", 400, "ORG_ADMIN", 400, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "reject an adjustment already withdrawn",
                            "POST",
                            "/api/points/approvals/" + decided + "/reject",
                            Map.of(),
                            Map.of("PLATFORM_ADMIN", 400, "ORG_ADMIN", 400, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    // Before each request the target user is given the VOLUNTEER role again (a grant
                    // already held changes nothing), so every allowed caller revokes a held role: 204.
                    new Endpoint(
                            "revoke a role on the organization",
                            "DELETE",
                            "/api/users/" + user + "/roles/VOLUNTEER?organizationId=" + org,
                            (Supplier<Object>) () -> {
                                if (target != Target.GUESSED) {
                                    users.grant(Caller.system(), user, Role.VOLUNTEER, org);
                                }
                                return null;
                            },
                            Map.of("PLATFORM_ADMIN", 204, "ORG_ADMIN", 204, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    new Endpoint(
                            "read a household",
                            "GET",
                            "/api/households/" + household,
                            null,
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    new Endpoint(
                            "set a household's members (none)",
                            "PUT",
                            "/api/households/" + household + "/members",
                            Map.of("members", List.of()),
                            Map.of("PLATFORM_ADMIN", 200, "ORG_ADMIN", 200, "ORG_STAFF", 200, "VOLUNTEER", 404)),
                    // Allowed but refused by the domain after every access check: the member already
                    // belongs to the destination (400 TRANSFER_TO_SAME_ORGANIZATION), nothing moves.
                    new Endpoint(
                            "transfer a member to the organization it belongs to",
                            "POST",
                            "/api/members/" + member + "/transfer",
                            Map.of("toOrgId", org, "reason", "矩阵迁移"),
                            Map.of("PLATFORM_ADMIN", 400, "ORG_ADMIN", 400, "ORG_STAFF", 403, "VOLUNTEER", 404)),
                    // Time moved for a member by staff. The member has minutes from the deposit row
                    // above, so a donation posts (201). The matrix's members have no birth date and no
                    // household: a payment or redemption is refused after every access check
                    // (422 SPENDING_AGE_NOT_REACHED), a gift too (422, no direct relative).
                    new Endpoint(
                            "time-bank donation of a member to its community's pool",
                            "POST",
                            "/api/timebank/donations",
                            Map.of("memberId", member, "minutes", 1, "memo", "矩阵捐赠"),
                            Map.of("PLATFORM_ADMIN", 201, "ORG_ADMIN", 201, "ORG_STAFF", 201, "VOLUNTEER", 404)),
                    new Endpoint(
                            "time-bank payment of a member",
                            "POST",
                            "/api/timebank/payments",
                            Map.of("payerId", member, "payeeId", payee, "minutes", 1, "memo", "矩阵支付"),
                            Map.of("PLATFORM_ADMIN", 422, "ORG_ADMIN", 422, "ORG_STAFF", 422, "VOLUNTEER", 404)),
                    new Endpoint(
                            "time-bank gift of a member",
                            "POST",
                            "/api/timebank/gifts",
                            Map.of("fromMemberId", member, "toMemberId", payee, "minutes", 1, "memo", "矩阵转赠"),
                            Map.of("PLATFORM_ADMIN", 422, "ORG_ADMIN", 422, "ORG_STAFF", 422, "VOLUNTEER", 404)),
                    new Endpoint(
                            "time-bank redemption of a member at the organization",
                            "POST",
                            "/api/timebank/redemptions",
                            Map.of("memberId", member, "organizationId", org, "minutes", 1, "memo", "矩阵支取"),
                            Map.of("PLATFORM_ADMIN", 422, "ORG_ADMIN", 422, "ORG_STAFF", 422, "VOLUNTEER", 404)));
            for (Endpoint endpoint : endpoints) {
                documented
                        .of(endpoint.method(), endpoint.path())
                        .ifPresentOrElse(covered::add, () -> mismatches.add(endpoint.label() + " is not documented"));
                for (var entry : tokens.entrySet()) {
                    String role = entry.getKey();
                    int expected = expected(endpoint, role, target);
                    int actual = call(api, endpoint, entry.getValue()).statusCode();
                    if (actual != expected) {
                        mismatches.add(endpoint.label() + " as " + role + " on " + target + ": expected " + expected
                                + ", got " + actual);
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
        List<String> missing = documented.all().stream()
                .filter(o -> !covered.contains(o) && !NOT_IN_THE_MATRIX.containsKey(o))
                .toList();
        assertThat(missing)
                .as("operations of the OpenAPI document without a matrix row or a reason in NOT_IN_THE_MATRIX")
                .isEmpty();
        assertThat(NOT_IN_THE_MATRIX.keySet())
                .as("reasons for operations that are no longer documented, or that now have a row")
                .allMatch(o -> documented.all().contains(o) && !covered.contains(o));
    }

    @Test
    void every_documented_operation_but_the_public_ones_answers_401_to_an_anonymous_caller() {
        Api api = new Api(server, json);
        accounts.createUser("matrix-openapi", "matrix-password-1", false, Set.of(Role.PLATFORM_ADMIN));
        OpenApiOperations documented =
                OpenApiOperations.parse(api.get("/api/openapi.yml", api.token("matrix-openapi", "matrix-password-1"))
                        .body());

        List<String> answers = new ArrayList<>();
        for (String operation : documented.all()) {
            if (PUBLIC.contains(operation)) {
                continue;
            }
            String path = OpenApiOperations.path(operation, "1");
            int status =
                    switch (operation.substring(0, operation.indexOf(' '))) {
                        case "GET" -> api.get(path, null).statusCode();
                        case "POST" ->
                            documented.multipart(operation)
                                    ? emptyMultipart(path).statusCode()
                                    : api.post(path, null, Map.of()).statusCode();
                        case "PUT" -> api.put(path, null, Map.of()).statusCode();
                        case "DELETE" -> api.delete(path, null).statusCode();
                        default -> throw new IllegalArgumentException(operation);
                    };
            if (status != 401) {
                answers.add(operation + " answered " + status);
            }
        }

        assertThat(documented.all()).containsAll(PUBLIC);
        assertThat(answers).as("operations open to anonymous callers").isEmpty();
    }

    /** An anonymous upload with an empty multipart body. */
    private java.net.http.HttpResponse<String> emptyMultipart(String path) {
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(server.getURI().resolve(path))
                                    .header("Content-Type", "multipart/form-data; boundary=matrix")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("--matrix--\r\n"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Operations anyone may call without signing in. */
    static final Set<String> PUBLIC = Set.of("GET /api/health", "POST /api/auth/token", "POST /api/auth/password");

    private static final String SELF = "the caller's own data, no id to probe: covered by the feature's ApiIT";
    private static final String CALLER_SCOPED_LIST =
            "a list or search answering only what the caller's token may see: scope tested in the feature's ApiIT";
    private static final String PLATFORM_ONLY =
            "platform administrators only (403 else): tested in the feature's ApiIT";

    /**
     * Documented operations without a matrix row, each with the reason: a new operation must get a
     * row above or a reason here, or the matrix fails.
     */
    static final Map<String, String> NOT_IN_THE_MATRIX = Map.ofEntries(
            Map.entry("GET /api/health", "public liveness check"),
            Map.entry("POST /api/auth/token", "public sign-in (AuthApiIT, LockoutIT)"),
            Map.entry("POST /api/auth/password", "public password change with the old password (AuthApiIT)"),
            Map.entry("GET /api/me", SELF),
            Map.entry("GET /api/me/points", SELF),
            Map.entry("GET /api/me/member-code", SELF + " (MemberCodesIT)"),
            Map.entry("GET /api/me/timebank", SELF),
            Map.entry("GET /api/me/timebank/statement", SELF),
            Map.entry("GET /api/me/timebank/gift-recipients", SELF),
            Map.entry("POST /api/me/timebank/donations", SELF),
            Map.entry("POST /api/me/timebank/gifts", SELF),
            Map.entry("POST /api/me/timebank/payments", SELF),
            Map.entry("POST /api/me/timebank/redemptions", SELF),
            Map.entry("GET /api/audit", CALLER_SCOPED_LIST),
            Map.entry("GET /api/orgs", CALLER_SCOPED_LIST),
            Map.entry("GET /api/members", CALLER_SCOPED_LIST),
            Map.entry("GET /api/members/export", CALLER_SCOPED_LIST),
            Map.entry("GET /api/members/import/template", "a blank template, the same for every signed-in caller"),
            Map.entry("GET /api/plugins", "the installed plugins, the same for every signed-in caller (PluginHostIT)"),
            Map.entry("GET /api/points/approvals", CALLER_SCOPED_LIST),
            Map.entry("GET /api/rankings", CALLER_SCOPED_LIST),
            Map.entry("GET /api/rankings/board", CALLER_SCOPED_LIST),
            Map.entry("GET /api/audit/verification", PLATFORM_ONLY),
            Map.entry("GET /api/plugin-defaults/{pluginId}", PLATFORM_ONLY + " (PluginEnablementIT)"),
            Map.entry("PUT /api/plugin-defaults/{pluginId}", PLATFORM_ONLY + " (PluginEndpointsIT)"),
            Map.entry("POST /api/plugins", PLATFORM_ONLY + " (PluginLifecycleIT: 403 for an organization's admin)"),
            Map.entry("POST /api/plugins/{pluginId}/disable", PLATFORM_ONLY + " (PluginLifecycleIT)"),
            Map.entry("POST /api/plugins/{pluginId}/enable", PLATFORM_ONLY + " (PluginLifecycleIT)"),
            Map.entry("DELETE /api/plugins/{pluginId}", PLATFORM_ONLY + " (PluginLifecycleIT)"),
            Map.entry("GET /api/ledger/reconciliation", PLATFORM_ONLY),
            Map.entry("POST /api/ledger/reconciliation", PLATFORM_ONLY),
            Map.entry(
                    "POST /api/members/import",
                    "the organizations are named row by row in the uploaded .xlsx, resolved by name within the"
                            + " caller's subtree: one outside is a row problem ORGANIZATION_UNKNOWN of the report,"
                            + " not an id to probe (RosterApiIT)"));

    private long rule(long kind, long organizationId) {
        return rules.create(
                        Caller.system(),
                        new RuleInput(
                                kind,
                                organizationId,
                                "矩阵学习",
                                DomainEvent.STUDY_ACTION,
                                null,
                                null,
                                null,
                                "FIXED",
                                10,
                                null,
                                null,
                                null,
                                null,
                                null,
                                "STUDY",
                                null,
                                null))
                .id();
    }

    private static Map<String, Object> ruleBody(long kind, long organizationId, String name) {
        return Map.of(
                "assetId",
                kind,
                "organizationId",
                organizationId,
                "name",
                name,
                "eventType",
                DomainEvent.STUDY_ACTION,
                "formula",
                "FIXED",
                "points",
                10,
                "category",
                "STUDY");
    }

    private long userWithVolunteerRole(String username, long organizationId) {
        long userId = accounts.createUser(username, "matrix-password-1", false, Set.of())
                .id();
        users.grant(Caller.system(), userId, Role.VOLUNTEER, organizationId);
        return userId;
    }

    private static int expected(Endpoint endpoint, String role, Target target) {
        if (role.equals("ANONYMOUS")) {
            return 401;
        }
        boolean inScope = role.equals("PLATFORM_ADMIN") ? target != Target.GUESSED : target == Target.OWN;
        return inScope ? endpoint.onOwn().get(role) : endpoint.outside();
    }

    /** Paths whose POST needs an Idempotency-Key: each request of the matrix gets a fresh one. */
    private static final Set<String> KEYED = Set.of(
            "/api/ledger/transfers",
            "/api/points/adjustments",
            "/api/timebank/deposits",
            "/api/timebank/pool-grants",
            "/api/timebank/donations",
            "/api/timebank/payments",
            "/api/timebank/gifts",
            "/api/timebank/redemptions");

    /** An adjustment above the approval threshold, filed and withdrawn by the caller: no longer pending. */
    private static long withdrawnAdjustment(Api api, String token, long memberId, long kind) {
        var filed = api.post(
                "/api/points/adjustments",
                token,
                Map.of("memberId", memberId, "assetId", kind, "amount", 100_000, "memo", "矩阵待审"),
                Map.of("Idempotency-Key", "matrix-pending-" + memberId));
        assertThat(filed.statusCode()).as(filed.body()).isEqualTo(202);
        long id = ((Number) api.object(filed).get("id")).longValue();
        var withdrawn = api.post("/api/points/approvals/" + id + "/reject", token, Map.of());
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        return id;
    }

    /** A new empty household of an organization. */
    private static long household(Api api, String token, long organizationId) {
        var created = api.post("/api/households", token, Map.of("organizationId", organizationId, "address", "矩阵路"));
        return ((Number) api.object(created).get("id")).longValue();
    }

    /** A transfer of one smallest unit of points from an organization's issuance account to its pool. */
    private static Map<String, Object> issuanceToPool(Api api, String token, long organizationId, long kind) {
        Map<String, Long> accounts = new java.util.HashMap<>();
        for (Map<String, Object> account :
                api.list(api.get("/api/orgs/" + organizationId + "/accounts?asset=" + kind, token))) {
            accounts.put((String) account.get("ownerType"), ((Number) account.get("id")).longValue());
        }
        return Map.of(
                "debitAccountId",
                accounts.get("ISSUANCE"),
                "creditAccountId",
                accounts.get("POOL"),
                "amount",
                1,
                "reasonCode",
                "MANUAL_AWARD",
                "category",
                "MANUAL");
    }

    private java.net.http.HttpResponse<String> call(Api api, Endpoint endpoint, String token) {
        Object body = endpoint.body() instanceof Supplier<?> fresh ? fresh.get() : endpoint.body();
        return switch (endpoint.method()) {
            case "GET" -> api.get(endpoint.path(), token);
            case "POST" ->
                KEYED.contains(endpoint.path())
                        ? api.post(
                                endpoint.path(),
                                token,
                                body,
                                Map.of("Idempotency-Key", "matrix-" + names.incrementAndGet()))
                        : api.post(endpoint.path(), token, body);
            case "PUT" ->
                api.put(endpoint.path(), token, body != null ? body : Map.of("name", "新名称" + names.incrementAndGet()));
            case "DELETE" -> api.delete(endpoint.path(), token);
            default -> throw new IllegalArgumentException(endpoint.method());
        };
    }
}
