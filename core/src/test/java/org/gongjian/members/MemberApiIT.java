package org.gongjian.members;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.gongjian.access.Role;
import org.gongjian.ids.IdGenerator;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.Accounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The members API over real HTTP with real users and grants: scoping (a member outside the
 * caller's subtree answers exactly like a missing one), roles, audit of unmasked views, transfers
 * with history, and a corpus of bad inputs, each refused with its code and no change at all.
 *
 * <p>One world for the class: a street (S) with communities A and B, each with a grid and a branch;
 * an administrator and a staff member of A, an administrator of B, an administrator of the street.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "a-long-password-1";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    Accounts accounts;

    @Inject
    Organizations organizations;

    @Inject
    IdGenerator ids;

    @Inject
    DataSource dataSource;

    Organization street;
    Organization a;
    Organization gridA;
    Organization branchA;
    Organization b;
    Organization gridB;
    Organization branchB;
    String adminA;
    String staffA;
    String adminB;
    String streetAdmin;
    String volunteerA;
    long memberB;
    String memberBPhone;
    String memberBIdNumber;

    @BeforeAll
    void a_street_with_two_communities_and_their_people() throws Exception {
        street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "幸福街道党工委");
        a = organizations.createChild(street, OrganizationKind.COMMUNITY, "A社区");
        gridA = organizations.createChild(a, OrganizationKind.GRID, "A一网格");
        branchA = organizations.createChild(a, OrganizationKind.BRANCH, "A第一支部");
        b = organizations.createChild(street, OrganizationKind.COMMUNITY, "B社区");
        gridB = organizations.createChild(b, OrganizationKind.GRID, "B一网格");
        branchB = organizations.createChild(b, OrganizationKind.BRANCH, "B第一支部");
        adminA = user("admin-a", Role.ORG_ADMIN, a);
        staffA = user("staff-a", Role.ORG_STAFF, a);
        adminB = user("admin-b", Role.ORG_ADMIN, b);
        streetAdmin = user("admin-street", Role.ORG_ADMIN, street);
        volunteerA = user("volunteer-a", Role.VOLUNTEER, a);

        memberBPhone = "13698765432";
        memberBIdNumber = TestData.idNumber(LocalDate.of(1960, 5, 4), true);
        var created = send(
                "POST",
                "/api/members",
                adminB,
                Map.of(
                        "organizationId",
                        b.id(),
                        "name",
                        "欧阳秘密",
                        "idNumber",
                        memberBIdNumber,
                        "phone",
                        memberBPhone,
                        "gridId",
                        gridB.id(),
                        "partyStatus",
                        "FULL",
                        "branchId",
                        branchB.id()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        memberB = id(created);
    }

    @Test
    void a_member_of_another_community_answers_404_exactly_like_a_missing_one_for_every_verb() throws Exception {
        long missing = ids.next();
        Map<String, Object> update = Map.of("name", "改名", "version", 0);
        Map<String, Object> transfer = Map.of("toOrgId", a.id(), "reason", "抢人");
        List<String> before = TestData.fingerprint(dataSource);

        List<List<String>> answers = new ArrayList<>();
        for (long id : List.of(memberB, missing)) {
            List<String> bodies = new ArrayList<>();
            for (HttpResponse<String> answer : List.of(
                    send("GET", "/api/members/" + id, adminA, null),
                    send("PUT", "/api/members/" + id, adminA, update),
                    send("POST", "/api/members/" + id + "/unmask", adminA, null),
                    send("POST", "/api/members/" + id + "/transfer", adminA, transfer),
                    send("GET", "/api/members/" + id + "/history", adminA, null),
                    send("GET", "/api/members/" + id, staffA, null),
                    send("POST", "/api/members/" + id + "/unmask", staffA, null),
                    send("GET", "/api/members/" + id, volunteerA, null))) {
                assertThat(answer.statusCode())
                        .as(answer.request().method() + " " + answer.uri())
                        .isEqualTo(404);
                assertThat(code(answer)).isEqualTo("NOT_FOUND");
                bodies.add(answer.headers().firstValue("Content-Type").orElse("") + " " + answer.body());
            }
            answers.add(bodies);
        }
        assertThat(answers.get(0)).as("another community's member").isEqualTo(answers.get(1));
        // nothing changed but the audit log, which now holds the probes (OUT_OF_SCOPE, see DeniedCallsIT)
        assertThat(withoutAuditLog(TestData.fingerprint(dataSource))).isEqualTo(withoutAuditLog(before));
        assertThat(send("GET", "/api/members/" + memberB, adminB, null).statusCode())
                .isEqualTo(200);
    }

    private static List<String> withoutAuditLog(List<String> fingerprint) {
        return fingerprint.stream()
                .filter(line -> !line.startsWith("audit_log"))
                .toList();
    }

    @Test
    void an_admin_of_community_a_never_sees_members_of_b_in_a_search() throws Exception {
        for (String q : List.of("", "欧阳", "oy", "ouyang", memberBPhone.substring(7), memberBIdNumber.substring(14))) {
            Map<String, Object> page = object(send("GET", "/api/members?size=200&q=" + enc(q), adminA, null));
            assertThat(items(page)).as(q).noneMatch(m -> ((Number) m.get("id")).longValue() == memberB);
            Map<String, Object> seenByB = object(send("GET", "/api/members?size=200&q=" + enc(q), adminB, null));
            assertThat(items(seenByB)).as(q).anyMatch(m -> ((Number) m.get("id")).longValue() == memberB);
        }
        var otherOrg = send("GET", "/api/members?org=" + b.id(), adminA, null);
        assertThat(otherOrg.statusCode()).isEqualTo(404);
        assertThat(code(otherOrg)).isEqualTo("NOT_FOUND");
        assertThat(items(object(send("GET", "/api/members", volunteerA, null)))).isEmpty();
    }

    @Test
    void a_created_member_reads_back_with_personal_data_masked_and_party_data_for_readers() throws Exception {
        String idNumber = TestData.idNumber(LocalDate.of(1975, 8, 9), false);
        var created = send(
                "POST",
                "/api/members",
                staffA,
                Map.of(
                        "organizationId",
                        gridA.id(),
                        "name",
                        "单丽",
                        "idNumber",
                        idNumber,
                        "phone",
                        "13812345678",
                        "partyStatus",
                        "PROBATIONARY",
                        "partyJoinedOn",
                        "2024-07-01",
                        "branchId",
                        branchA.id(),
                        "tags",
                        List.of("党员志愿者"),
                        "volunteer",
                        true,
                        "volunteerSince",
                        "2020-01-01"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = id(created);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/members/" + id);

        Map<String, Object> read = object(send("GET", "/api/members/" + id, staffA, null));
        assertThat(read)
                .containsEntry("name", "单丽")
                .containsEntry("namePinyin", "shanli")
                .containsEntry("gender", "FEMALE")
                .containsEntry("birthDate", "1975-08-09")
                .containsEntry("idNumberMasked", "110***********" + idNumber.substring(14))
                .containsEntry("phoneMasked", "138****5678")
                .containsEntry("tags", List.of("党员志愿者"))
                .containsEntry("volunteer", true);
        assertThat(read.get("party"))
                .isEqualTo(Map.of("status", "PROBATIONARY", "joinedOn", "2024-07-01", "branchId", branchA.id()));
        assertThat(created.body()).doesNotContain(idNumber.substring(6, 14)).doesNotContain("13812345678");
        assertThat(items(object(send("GET", "/api/members?q=sl&org=" + a.id(), adminA, null))))
                .extracting(m -> m.get("name"))
                .contains("单丽");
    }

    @Test
    void staff_may_not_unmask_personal_data_and_an_admin_unmasks_with_an_audit_row_each_time() throws Exception {
        String idNumber = TestData.idNumber();
        long id = id(send(
                "POST",
                "/api/members",
                adminA,
                Map.of("organizationId", a.id(), "name", "查看", "idNumber", idNumber, "phone", "13512340000")));
        long auditBefore = unmaskAudits(id);

        var refused = send("POST", "/api/members/" + id + "/unmask", staffA, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(code(refused)).isEqualTo("FORBIDDEN");
        assertThat(unmaskAudits(id)).isEqualTo(auditBefore);

        var first = send("POST", "/api/members/" + id + "/unmask", adminA, null);
        var second = send("POST", "/api/members/" + id + "/unmask", streetAdmin, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(object(first)).isEqualTo(Map.of("memberId", id, "idNumber", idNumber, "phone", "13512340000"));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(unmaskAudits(id)).isEqualTo(auditBefore + 2);
        assertThat(TestData.count(
                        dataSource,
                        "SELECT COUNT(*) FROM audit_log WHERE action = 'PERSONAL_DATA_UNMASKED' AND target_id = ?"
                                + " AND actor_name IN ('admin-a', 'admin-street')",
                        id))
                .isEqualTo(2);
        List<Map<String, Object>> audit =
                list(object(send("GET", "/api/members/" + id + "/history", staffA, null)), "audit");
        assertThat(audit).extracting(e -> e.get("action")).contains("PERSONAL_DATA_UNMASKED");
    }

    @Test
    void a_transfer_moves_the_member_between_communities_and_keeps_the_history() throws Exception {
        long id = id(send("POST", "/api/members", adminA, Map.of("organizationId", gridA.id(), "name", "迁出")));

        var byAdminA =
                send("POST", "/api/members/" + id + "/transfer", adminA, Map.of("toOrgId", b.id(), "reason", "搬家"));
        assertThat(byAdminA.statusCode()).as("A's admin does not administer B").isEqualTo(400);
        assertThat(code(byAdminA)).isEqualTo("ORGANIZATION_UNKNOWN");

        var moved = send(
                "POST", "/api/members/" + id + "/transfer", streetAdmin, Map.of("toOrgId", b.id(), "reason", "搬家到B社区"));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(object(moved))
                .containsEntry("fromOrganizationId", gridA.id())
                .containsEntry("toOrganizationId", b.id())
                .containsEntry("reason", "搬家到B社区");

        assertThat(send("GET", "/api/members/" + id, adminA, null).statusCode()).isEqualTo(404);
        Map<String, Object> history = object(send("GET", "/api/members/" + id + "/history", adminB, null));
        assertThat(list(history, "transfers")).hasSize(1).first().satisfies(t -> assertThat(t)
                .containsEntry("fromOrganizationName", "A一网格")
                .containsEntry("toOrganizationName", "B社区"));
        assertThat(list(history, "audit"))
                .extracting(e -> e.get("action"))
                .containsExactly("MEMBER_CREATED", "MEMBER_TRANSFERRED_OUT", "MEMBER_TRANSFERRED_IN");
        assertThat(TestData.count(dataSource, "SELECT COUNT(*) FROM member_transfer WHERE member_id = ?", id))
                .isEqualTo(1);
    }

    @Test
    void an_update_with_the_version_read_succeeds_and_a_stale_one_answers_409() throws Exception {
        long id = id(send("POST", "/api/members", adminA, Map.of("organizationId", a.id(), "name", "版本")));
        Map<String, Object> read = object(send("GET", "/api/members/" + id, adminA, null));

        var updated = send("PUT", "/api/members/" + id, adminA, Map.of("name", "版本二", "version", read.get("version")));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(object(updated)).containsEntry("version", 1).containsEntry("namePinyin", "banbener");

        List<String> before = TestData.fingerprint(dataSource);
        var stale = send("PUT", "/api/members/" + id, adminA, Map.of("name", "版本三", "version", read.get("version")));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(code(stale)).isEqualTo("MEMBER_CHANGED_MEANWHILE");
        assertThat(TestData.fingerprint(dataSource)).isEqualTo(before);
    }

    @Test
    void script_and_sql_strings_are_stored_verbatim_and_never_interpreted() throws Exception {
        String script = "<script>alert(1)</script>";
        String sql = "' OR 1=1 --";
        var created = send(
                "POST",
                "/api/members",
                adminA,
                Map.of(
                        "organizationId",
                        a.id(),
                        "name",
                        sql,
                        "address",
                        script,
                        "skills",
                        "\"; DROP TABLE member; --",
                        "tags",
                        List.of(sql, script)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Content-Type"))
                .get()
                .asString()
                .startsWith("application/json");
        long id = id(created);

        Map<String, Object> read = object(send("GET", "/api/members/" + id, adminA, null));
        assertThat(read)
                .containsEntry("name", sql)
                .containsEntry("address", script)
                .containsEntry("skills", "\"; DROP TABLE member; --")
                .containsEntry("tags", List.of(sql, script));

        long all = ((Number) object(send("GET", "/api/members?org=" + a.id(), adminA, null))
                        .get("total"))
                .longValue();
        assertThat(all).isGreaterThan(1);
        Map<String, Object> byName = object(send("GET", "/api/members?org=" + a.id() + "&q=" + enc(sql), adminA, null));
        assertThat(items(byName)).extracting(m -> m.get("name")).containsExactly(sql);
        Map<String, Object> byTag = object(send("GET", "/api/members?tag=" + enc(sql), adminA, null));
        assertThat(items(byTag)).extracting(m -> m.get("name")).containsExactly(sql);
        Map<String, Object> wildcard = object(send("GET", "/api/members?q=" + enc("%"), adminA, null));
        assertThat(items(wildcard)).isEmpty();
        assertThat(TestData.count(
                        dataSource,
                        "SELECT COUNT(*) FROM member WHERE id = ? AND name = ? AND address = ?",
                        id,
                        sql,
                        script))
                .isEqualTo(1);
    }

    @Test
    void bad_new_members_are_refused_with_their_code_and_change_nothing() throws Exception {
        String valid17 = "11010519900307123";
        String valid = valid17 + org.gongjian.personaldata.IdNumbers.checkCharacter(valid17);
        char wrongCheck = valid.charAt(17) == '0' ? '1' : '0';
        String region99 = "99010519900307123";
        String taken = memberBIdNumber;
        String male = TestData.idNumber(LocalDate.of(1980, 1, 1), true);
        List<Object[]> corpus = List.of(
                bad(Map.of("organizationId", a.id()), "NAME_REQUIRED"),
                bad(Map.of("organizationId", a.id(), "name", "   "), "NAME_REQUIRED"),
                bad(Map.of("organizationId", a.id(), "name", "张".repeat(51)), "NAME_TOO_LONG"),
                bad(Map.of("organizationId", a.id(), "name", "张\u0000三"), "NAME_CHARACTERS"),
                bad(Map.of("organizationId", a.id(), "name", "张\u202e三"), "NAME_CHARACTERS"),
                bad(Map.of("name", "无组织"), "ORGANIZATION_REQUIRED"),
                bad(Map.of("organizationId", ids.next(), "name", "未知组织"), "ORGANIZATION_UNKNOWN"),
                bad(Map.of("organizationId", b.id(), "name", "别的社区"), "ORGANIZATION_UNKNOWN"),
                bad(
                        Map.of("organizationId", a.id(), "name", "短号", "idNumber", valid.substring(0, 17)),
                        "ID_NUMBER_LENGTH"),
                bad(Map.of("organizationId", a.id(), "name", "长号", "idNumber", valid + "1"), "ID_NUMBER_LENGTH"),
                bad(
                        Map.of("organizationId", a.id(), "name", "字母", "idNumber", "11010519900307A234"),
                        "ID_NUMBER_CHARACTERS"),
                bad(Map.of("organizationId", a.id(), "name", "尾字母", "idNumber", valid17 + "Y"), "ID_NUMBER_CHARACTERS"),
                bad(
                        Map.of("organizationId", a.id(), "name", "零区", "idNumber", "0" + valid.substring(1)),
                        "ID_NUMBER_REGION"),
                bad(
                        Map.of(
                                "organizationId",
                                a.id(),
                                "name",
                                "无省",
                                "idNumber",
                                region99 + org.gongjian.personaldata.IdNumbers.checkCharacter(region99)),
                        "ID_NUMBER_REGION"),
                bad(
                        Map.of("organizationId", a.id(), "name", "二月", "idNumber", "110105199002301234"),
                        "ID_NUMBER_BIRTH_DATE"),
                bad(
                        Map.of("organizationId", a.id(), "name", "未来", "idNumber", "110105209901011234"),
                        "ID_NUMBER_BIRTH_DATE"),
                bad(
                        Map.of("organizationId", a.id(), "name", "古人", "idNumber", "110105180001011234"),
                        "ID_NUMBER_BIRTH_DATE"),
                bad(
                        Map.of("organizationId", a.id(), "name", "校验", "idNumber", valid17 + wrongCheck),
                        "ID_NUMBER_CHECK_DIGIT"),
                bad(Map.of("organizationId", a.id(), "name", "重号", "idNumber", taken), "ID_NUMBER_TAKEN"),
                bad(
                        Map.of("organizationId", a.id(), "name", "性别", "idNumber", male, "gender", "FEMALE"),
                        "GENDER_CONTRADICTS_ID_NUMBER"),
                bad(
                        Map.of("organizationId", a.id(), "name", "生日", "idNumber", male, "birthDate", "1980-01-02"),
                        "BIRTH_DATE_CONTRADICTS_ID_NUMBER"),
                bad(Map.of("organizationId", a.id(), "name", "性别", "gender", "X"), "GENDER_INVALID"),
                bad(
                        Map.of("organizationId", a.id(), "name", "生日", "birthDate", "2999-01-01"),
                        "BIRTH_DATE_IMPLAUSIBLE"),
                bad(Map.of("organizationId", a.id(), "name", "电话", "phone", "12345678901"), "PHONE_INVALID"),
                bad(Map.of("organizationId", a.id(), "name", "电话", "phone", "1381234567"), "PHONE_INVALID"),
                bad(Map.of("organizationId", a.id(), "name", "电话", "phone", "138123456789"), "PHONE_INVALID"),
                bad(Map.of("organizationId", a.id(), "name", "电话", "phone", "010-12345678"), "PHONE_INVALID"),
                bad(Map.of("organizationId", a.id(), "name", "电话", "phone", "' OR 1=1 --"), "PHONE_INVALID"),
                bad(Map.of("organizationId", a.id(), "name", "地址", "address", "路".repeat(201)), "ADDRESS_TOO_LONG"),
                bad(Map.of("organizationId", a.id(), "name", "技能", "skills", "x".repeat(501)), "SKILLS_TOO_LONG"),
                bad(Map.of("organizationId", a.id(), "name", "标签", "tags", List.of("t".repeat(33))), "TAG_TOO_LONG"),
                bad(Map.of("organizationId", a.id(), "name", "标签", "tags", List.of("a,b")), "TAG_CHARACTERS"),
                bad(Map.of("organizationId", a.id(), "name", "标签", "tags", List.of(" ")), "TAG_CHARACTERS"),
                bad(
                        Map.of(
                                "organizationId",
                                a.id(),
                                "name",
                                "标签",
                                "tags",
                                List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")),
                        "TAGS_TOO_MANY"),
                bad(Map.of("organizationId", a.id(), "name", "状态", "status", "GONE"), "STATUS_INVALID"),
                bad(Map.of("organizationId", a.id(), "name", "网格", "gridId", ids.next()), "GRID_UNKNOWN"),
                bad(Map.of("organizationId", a.id(), "name", "网格", "gridId", gridB.id()), "GRID_UNKNOWN"),
                bad(Map.of("organizationId", a.id(), "name", "网格", "gridId", branchA.id()), "GRID_NOT_A_GRID"),
                bad(Map.of("organizationId", a.id(), "name", "党员", "partyStatus", "MEMBER"), "PARTY_STATUS_INVALID"),
                bad(
                        Map.of("organizationId", a.id(), "name", "党员", "partyJoinedOn", "2000-01-01"),
                        "PARTY_STATUS_REQUIRED"),
                bad(
                        Map.of(
                                "organizationId",
                                a.id(),
                                "name",
                                "党员",
                                "partyStatus",
                                "FULL",
                                "partyJoinedOn",
                                LocalDate.now().plusDays(2).toString()),
                        "PARTY_JOINED_IN_FUTURE"),
                bad(
                        Map.of(
                                "organizationId",
                                a.id(),
                                "name",
                                "党员",
                                "birthDate",
                                "1990-01-01",
                                "partyStatus",
                                "FULL",
                                "partyJoinedOn",
                                "1989-01-01"),
                        "PARTY_JOINED_BEFORE_BIRTH"),
                bad(
                        Map.of("organizationId", a.id(), "name", "党员", "partyStatus", "FULL", "branchId", branchB.id()),
                        "BRANCH_UNKNOWN"),
                bad(
                        Map.of("organizationId", a.id(), "name", "党员", "partyStatus", "FULL", "branchId", gridA.id()),
                        "BRANCH_NOT_A_BRANCH"),
                bad(
                        Map.of("organizationId", a.id(), "name", "志愿", "volunteerSince", "2020-01-01"),
                        "VOLUNTEER_SINCE_WITHOUT_VOLUNTEER"),
                bad(
                        Map.of(
                                "organizationId",
                                a.id(),
                                "name",
                                "志愿",
                                "volunteer",
                                true,
                                "volunteerSince",
                                LocalDate.now().plusDays(2).toString()),
                        "VOLUNTEER_SINCE_IN_FUTURE"));

        for (Object[] entry : corpus) {
            List<String> before = TestData.fingerprint(dataSource);
            var answer = send("POST", "/api/members", adminA, entry[0]);
            assertThat(answer.statusCode()).as(entry[0] + " → " + answer.body()).isEqualTo(400);
            assertThat(code(answer)).as(entry[0].toString()).isEqualTo(entry[1]);
            assertThat(TestData.fingerprint(dataSource)).as(entry[0].toString()).isEqualTo(before);
        }
        List<String> before = TestData.fingerprint(dataSource);
        var notJson = sendRaw("POST", "/api/members", adminA, "{\"name\": ");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(code(notJson)).isEqualTo("MALFORMED_REQUEST");
        var noToken = send("POST", "/api/members", null, Map.of("organizationId", a.id(), "name", "匿名"));
        assertThat(noToken.statusCode()).isEqualTo(401);
        var volunteer = send("POST", "/api/members", volunteerA, Map.of("organizationId", a.id(), "name", "志愿者"));
        assertThat(volunteer.statusCode()).isEqualTo(400);
        assertThat(code(volunteer)).isEqualTo("ORGANIZATION_UNKNOWN");
        assertThat(TestData.fingerprint(dataSource)).isEqualTo(before);
    }

    @Test
    void bad_updates_transfers_searches_and_household_changes_are_refused_with_their_code_and_change_nothing()
            throws Exception {
        long id = id(send(
                "POST",
                "/api/members",
                adminA,
                Map.of("organizationId", a.id(), "name", "语料", "phone", "13311112222")));
        long other = id(send("POST", "/api/members", adminA, Map.of("organizationId", a.id(), "name", "语料二")));
        long household = id(send("POST", "/api/households", adminA, Map.of("organizationId", a.id(), "address", "一号")));
        long householdB = id(send("POST", "/api/households", adminB, Map.of("organizationId", b.id())));
        send(
                "PUT",
                "/api/households/" + household + "/members",
                adminA,
                Map.of("members", List.of(Map.of("memberId", other, "relation", "HEAD"))));
        long otherHousehold = id(send("POST", "/api/households", adminA, Map.of("organizationId", a.id())));
        String base = "/api/members/" + id;

        List<Object[]> corpus = List.of(
                request("PUT", base, adminA, Map.of("name", "无版本"), 400, "VERSION_REQUIRED"),
                request("PUT", base, adminA, Map.of("name", "", "version", 0), 400, "NAME_REQUIRED"),
                request("PUT", base, adminA, Map.of("name", "电话", "phone", "999", "version", 0), 400, "PHONE_INVALID"),
                request(
                        "PUT",
                        base,
                        adminA,
                        Map.of("name", "号", "idNumber", "110105199003071", "version", 0),
                        400,
                        "ID_NUMBER_LENGTH"),
                request(
                        "PUT",
                        base,
                        adminA,
                        Map.of("name", "号", "idNumber", memberBIdNumber, "version", 0),
                        400,
                        "ID_NUMBER_TAKEN"),
                request(
                        "PUT",
                        base,
                        adminA,
                        Map.of("name", "移", "organizationId", b.id(), "version", 0),
                        400,
                        "ORGANIZATION_CHANGE_NEEDS_TRANSFER"),
                request("PUT", base, adminA, Map.of("name", "旧", "version", 7), 409, "MEMBER_CHANGED_MEANWHILE"),
                request(
                        "PUT",
                        "/api/members/" + ids.next(),
                        adminA,
                        Map.of("name", "无", "version", 0),
                        404,
                        "NOT_FOUND"),
                request("POST", base + "/transfer", adminA, Map.of("toOrgId", gridA.id()), 400, "REASON_REQUIRED"),
                request(
                        "POST",
                        base + "/transfer",
                        adminA,
                        Map.of("toOrgId", gridA.id(), "reason", "因".repeat(201)),
                        400,
                        "REASON_TOO_LONG"),
                request("POST", base + "/transfer", adminA, Map.of("reason", "无目的地"), 400, "ORGANIZATION_REQUIRED"),
                request(
                        "POST",
                        base + "/transfer",
                        adminA,
                        Map.of("toOrgId", ids.next(), "reason", "未知"),
                        400,
                        "ORGANIZATION_UNKNOWN"),
                request(
                        "POST",
                        base + "/transfer",
                        adminA,
                        Map.of("toOrgId", gridB.id(), "reason", "越界"),
                        400,
                        "ORGANIZATION_UNKNOWN"),
                request(
                        "POST",
                        base + "/transfer",
                        adminA,
                        Map.of("toOrgId", a.id(), "reason", "原地"),
                        400,
                        "TRANSFER_TO_SAME_ORGANIZATION"),
                request(
                        "POST",
                        base + "/transfer",
                        staffA,
                        Map.of("toOrgId", gridA.id(), "reason", "职员"),
                        403,
                        "FORBIDDEN"),
                request("GET", "/api/members?size=201", adminA, null, 400, "SIZE_INVALID"),
                request("GET", "/api/members?size=0", adminA, null, 400, "SIZE_INVALID"),
                request("GET", "/api/members?page=-1", adminA, null, 400, "PAGE_INVALID"),
                request(
                        "GET",
                        "/api/members?sort=" + enc("name; DROP TABLE member"),
                        adminA,
                        null,
                        400,
                        "SORT_INVALID"),
                request("GET", "/api/members?q=" + "z".repeat(51), adminA, null, 400, "QUERY_TOO_LONG"),
                request("GET", "/api/members?status=" + enc("' OR 1=1 --"), adminA, null, 400, "STATUS_INVALID"),
                request("GET", "/api/members?org=" + ids.next(), adminA, null, 404, "NOT_FOUND"),
                request(
                        "POST",
                        "/api/households",
                        adminA,
                        Map.of("organizationId", b.id()),
                        400,
                        "ORGANIZATION_UNKNOWN"),
                request(
                        "POST",
                        "/api/households",
                        adminA,
                        Map.of("organizationId", a.id(), "address", "址".repeat(201)),
                        400,
                        "ADDRESS_TOO_LONG"),
                request("GET", "/api/households/" + householdB, adminA, null, 404, "NOT_FOUND"),
                request(
                        "PUT",
                        "/api/households/" + householdB + "/members",
                        adminA,
                        Map.of("members", List.of()),
                        404,
                        "NOT_FOUND"),
                request(
                        "PUT",
                        "/api/households/" + otherHousehold + "/members",
                        adminA,
                        Map.of("members", List.of(Map.of("memberId", memberB, "relation", "HEAD"))),
                        400,
                        "MEMBER_UNKNOWN"),
                request(
                        "PUT",
                        "/api/households/" + otherHousehold + "/members",
                        adminA,
                        Map.of("members", List.of(Map.of("memberId", ids.next(), "relation", "HEAD"))),
                        400,
                        "MEMBER_UNKNOWN"),
                request(
                        "PUT",
                        "/api/households/" + otherHousehold + "/members",
                        adminA,
                        Map.of("members", List.of(Map.of("memberId", id, "relation", "COUSIN"))),
                        400,
                        "RELATION_INVALID"),
                request(
                        "PUT",
                        "/api/households/" + otherHousehold + "/members",
                        adminA,
                        Map.of(
                                "members",
                                List.of(
                                        Map.of("memberId", id, "relation", "HEAD"),
                                        Map.of("memberId", id, "relation", "CHILD"))),
                        400,
                        "MEMBER_LISTED_TWICE"),
                request(
                        "PUT",
                        "/api/households/" + otherHousehold + "/members",
                        adminA,
                        Map.of("members", List.of(Map.of("memberId", other, "relation", "HEAD"))),
                        400,
                        "MEMBER_IN_OTHER_HOUSEHOLD"));

        for (Object[] entry : corpus) {
            List<String> before = TestData.fingerprint(dataSource);
            var answer = send((String) entry[0], (String) entry[1], (String) entry[2], entry[3]);
            String what = entry[0] + " " + entry[1] + " " + entry[3];
            assertThat(answer.statusCode()).as(what + " → " + answer.body()).isEqualTo(entry[4]);
            assertThat(code(answer)).as(what).isEqualTo(entry[5]);
            assertThat(TestData.fingerprint(dataSource)).as(what).isEqualTo(before);
        }
    }

    @Test
    void households_are_created_and_filled_over_the_api() throws Exception {
        long head = id(send("POST", "/api/members", adminA, Map.of("organizationId", a.id(), "name", "户主")));
        long spouse = id(send("POST", "/api/members", adminA, Map.of("organizationId", a.id(), "name", "配偶")));
        var created =
                send("POST", "/api/households", staffA, Map.of("organizationId", gridA.id(), "address", "A一网格8号"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long household = id(created);

        var filled = send(
                "PUT",
                "/api/households/" + household + "/members",
                staffA,
                Map.of(
                        "members",
                        List.of(
                                Map.of("memberId", head, "relation", "HEAD"),
                                Map.of("memberId", spouse, "relation", "SPOUSE"))));

        assertThat(filled.statusCode()).as(filled.body()).isEqualTo(200);
        assertThat(list(object(filled), "members"))
                .extracting(m -> m.get("name") + ":" + m.get("relation"))
                .containsExactlyInAnyOrder("户主:HEAD", "配偶:SPOUSE");
        assertThat(object(send("GET", "/api/members/" + spouse, adminA, null)))
                .containsEntry("householdId", household)
                .containsEntry("householdRelation", "SPOUSE");
    }

    @Test
    void the_openapi_document_describes_the_members_api() throws Exception {
        var document = send("GET", "/api/openapi.yml", staffA, null);

        assertThat(document.body())
                .contains(
                        "/api/members/{id}/unmask",
                        "/api/members/{id}/transfer",
                        "/api/members/{id}/history",
                        "/api/households/{id}/members",
                        "MEMBER_CHANGED_MEANWHILE");
    }

    // Helpers

    private String user(String username, Role role, Organization org) throws Exception {
        long userId = accounts.createUser(username, PASSWORD, false, Set.of()).id();
        try (Connection c = TestData.raw(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO role_grant (id, user_id, role, organization_id, created_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, ids.next());
            s.setLong(2, userId);
            s.setString(3, role.name());
            s.setLong(4, org.id());
            s.setTimestamp(5, Timestamp.from(Instant.now()));
            s.executeUpdate();
        }
        var response = send("POST", "/api/auth/token", null, Map.of("username", username, "password", PASSWORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) object(response).get("accessToken");
    }

    private long unmaskAudits(long memberId) throws Exception {
        return TestData.count(
                dataSource,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'PERSONAL_DATA_UNMASKED' AND target_type = 'MEMBER'"
                        + " AND target_id = ?",
                memberId);
    }

    private static Object[] bad(Map<String, Object> body, String code) {
        return new Object[] {new LinkedHashMap<>(body), code};
    }

    private static Object[] request(String method, String path, String token, Object body, int status, String code) {
        return new Object[] {method, path, token, body, status, code};
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        return sendRaw(method, path, token, body == null ? null : json.writeValueAsString(body));
    }

    private HttpResponse<String> sendRaw(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> object(HttpResponse<String> response) throws IOException {
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    private long id(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return ((Number) object(response).get("id")).longValue();
    }

    private String code(HttpResponse<String> response) throws IOException {
        return (String) object(response).get("code");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> object, String key) {
        return new ArrayList<>((List<Map<String, Object>>) object.get(key));
    }

    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return list(page, "items");
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
