package org.gongjian.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.gongjian.access.Role;
import org.gongjian.audit.AuditEntry;
import org.gongjian.audit.AuditFilter;
import org.gongjian.audit.AuditLog;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.ids.IdGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Users and roles as administrators manage them, scoped to the caller's subtree, against the real
 * database. Each test builds its own street: street → communities A and B, A → grid A1; a
 * secretary of A, a staff member of A, and a secretary of the street.
 */
@MicronautTest(transactional = false)
class UserAdminIT {

    @Inject
    UserAdmin admin;

    @Inject
    Accounts accounts;

    @Inject
    Callers callers;

    @Inject
    AuditLog audit;

    @Inject
    IdGenerator ids;

    @Inject
    TransactionOperations<Connection> tx;

    long street;
    long communityA;
    long gridA1;
    long communityB;
    Caller secretaryA;
    Caller staffA;
    Caller secretaryOfStreet;
    String prefix;

    @BeforeEach
    void buildAStreet() {
        prefix = "t" + Long.toString(ids.next() % 1_000_000_000L, 36) + "-";
        street = organization(null, "幸福街道");
        communityA = organization(street, "阳光社区");
        gridA1 = organization(communityA, "第1网格");
        communityB = organization(street, "和平社区");
        secretaryA = callerWith(prefix + "sec-a", Role.ORG_ADMIN, communityA);
        staffA = callerWith(prefix + "staff-a", Role.ORG_STAFF, communityA);
        secretaryOfStreet = callerWith(prefix + "sec-street", Role.ORG_ADMIN, street);
    }

    @Test
    void a_secretary_grants_a_role_in_their_community_and_sees_it_in_their_audit_log() {
        long user = userInA("helper");

        UserRole role = admin.grant(secretaryA, user, Role.ORG_STAFF, gridA1);

        assertThat(role).isEqualTo(new UserRole(Role.ORG_STAFF, gridA1, "第1网格"));
        assertThat(callers.forUser(user).mayEdit(path(gridA1))).isTrue();
        List<AuditEntry> granted = audit.latest(
                secretaryA, new AuditFilter(SecurityAudit.ROLE_GRANTED, secretaryA.username(), null, null), 10);
        assertThat(granted).hasSize(1);
        assertThat(granted.getFirst().targetId()).isEqualTo(user);
        assertThat(granted.getFirst().organizationId()).isEqualTo(gridA1);
        assertThat(granted.getFirst().detail()).contains("ORG_STAFF", "第1网格");
    }

    @Test
    void granting_the_same_role_twice_changes_nothing() {
        long user = userInA("twice");
        admin.grant(secretaryA, user, Role.VOLUNTEER, communityA);

        admin.grant(secretaryA, user, Role.VOLUNTEER, communityA);

        assertThat(admin.find(secretaryA, user).roles())
                .containsExactly(new UserRole(Role.VOLUNTEER, communityA, "阳光社区"));
        assertThat(audit.latest(
                        secretaryA, new AuditFilter(SecurityAudit.ROLE_GRANTED, secretaryA.username(), null, null), 10))
                .hasSize(1);
    }

    @Test
    void a_user_who_belongs_nowhere_gets_a_role_from_a_platform_administrator_only() {
        long nobodys = accounts.createUser(prefix + "nobodys", "first-password-1", false, Set.of())
                .id();

        assertThatThrownBy(() -> admin.grant(secretaryA, nobodys, Role.ORG_ADMIN, communityA))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> admin.grant(secretaryOfStreet, nobodys, Role.VOLUNTEER, gridA1))
                .isInstanceOf(NotFoundException.class);
        assertThat(callers.forUser(nobodys).grants()).isEmpty();
        assertThatThrownBy(() -> admin.createUser(secretaryA, prefix + "orphan", null, null))
                .extracting("code")
                .isEqualTo(UserErrors.ROLE_REQUIRED);

        admin.grant(Caller.system(), nobodys, Role.ORG_STAFF, gridA1);
        assertThat(callers.forUser(nobodys).grants()).hasSize(1);
    }

    @Test
    void a_sibling_or_parent_organization_answers_like_one_that_does_not_exist() {
        long user = newUser("sibling");

        assertThatThrownBy(() -> admin.grant(secretaryA, user, Role.ORG_STAFF, communityB))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> admin.grant(secretaryA, user, Role.ORG_ADMIN, street))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> admin.grant(secretaryA, user, Role.ORG_STAFF, 424242L))
                .isInstanceOf(NotFoundException.class);
        assertThat(callers.forUser(user).grants()).isEmpty();
    }

    @Test
    void staff_see_the_organization_but_may_not_grant_roles_in_it() {
        long user = newUser("by-staff");

        assertThatThrownBy(() -> admin.grant(staffA, user, Role.VOLUNTEER, gridA1))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> admin.createUser(staffA, prefix + "x", null, null))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void only_a_platform_administrator_grants_platform_administration_and_never_on_an_organization() {
        long user = newUser("ops");

        assertThatThrownBy(() -> admin.grant(secretaryOfStreet, user, Role.PLATFORM_ADMIN, null))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> admin.grant(Caller.system(), user, Role.PLATFORM_ADMIN, street))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code())
                .isEqualTo("ROLE_SCOPE");
        assertThatThrownBy(() -> admin.grant(secretaryA, user, Role.ORG_STAFF, null))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code())
                .isEqualTo("ORGANIZATION_REQUIRED");

        admin.grant(Caller.system(), user, Role.PLATFORM_ADMIN, null);
        assertThat(callers.forUser(user).isPlatformAdmin()).isTrue();
        admin.revoke(Caller.system(), user, Role.PLATFORM_ADMIN, null);
        assertThat(callers.forUser(user).isPlatformAdmin()).isFalse();
    }

    @Test
    void a_revoked_role_is_gone_at_once_and_audited() {
        long user = userInA("revoked");
        admin.grant(secretaryA, user, Role.ORG_STAFF, gridA1);

        admin.revoke(secretaryA, user, Role.ORG_STAFF, gridA1);

        assertThat(callers.forUser(user).grants()).isEmpty();
        assertThat(audit.latest(
                        secretaryA, new AuditFilter(SecurityAudit.ROLE_REVOKED, secretaryA.username(), null, null), 10))
                .singleElement()
                .extracting(AuditEntry::targetId)
                .isEqualTo(user);
        assertThatThrownBy(() -> admin.revoke(secretaryA, user, Role.ORG_STAFF, gridA1))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_secretary_cannot_take_back_a_role_granted_elsewhere() {
        long user = newUser("elsewhere");
        admin.grant(Caller.system(), user, Role.ORG_STAFF, communityB);

        assertThatThrownBy(() -> admin.revoke(secretaryA, user, Role.ORG_STAFF, communityB))
                .isInstanceOf(NotFoundException.class);
        assertThat(callers.forUser(user).grants()).hasSize(1);
    }

    @Test
    void the_last_platform_administrator_can_be_neither_revoked_nor_disabled() {
        List<UserSummary> platformAdmins = admin.list(Caller.system(), null, 0, UserAdmin.PAGE_LIMIT).stream()
                .filter(u -> u.enabled() && u.roles().stream().anyMatch(r -> r.role() == Role.PLATFORM_ADMIN))
                .toList();
        assertThat(platformAdmins).isNotEmpty();
        for (UserSummary extra : platformAdmins.subList(1, platformAdmins.size())) {
            admin.revoke(Caller.system(), extra.id(), Role.PLATFORM_ADMIN, null);
        }
        long last = platformAdmins.getFirst().id();

        assertThatThrownBy(() -> admin.revoke(Caller.system(), last, Role.PLATFORM_ADMIN, null))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code())
                .isEqualTo("LAST_PLATFORM_ADMIN");
        assertThatThrownBy(() -> admin.disable(Caller.system(), last))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code())
                .isEqualTo("LAST_PLATFORM_ADMIN");
        assertThat(callers.forUser(last).isPlatformAdmin()).isTrue();
    }

    @Test
    void a_username_has_three_to_sixty_four_plain_characters() {
        for (String bad : new String[] {"ab", "张三", "li si", "li/si", "x".repeat(65), "", "<script>"}) {
            assertThatThrownBy(() -> admin.createUser(secretaryA, bad, null, null))
                    .as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .extracting(e -> ((InvalidInputException) e).code(), e -> ((InvalidInputException) e).field())
                    .containsExactly("USERNAME_INVALID", "username");
        }
    }

    @Test
    void a_username_is_stored_in_lower_case_and_is_taken_in_any_case() {
        NewUser created = admin.createUser(
                secretaryA, " " + prefix.toUpperCase() + "Li.Si_2 ", null, null, Role.VOLUNTEER, communityA);

        assertThat(created.user().username()).isEqualTo(prefix + "li.si_2");
        assertThatThrownBy(() -> admin.createUser(secretaryOfStreet, prefix + "LI.SI_2", null, null))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code())
                .isEqualTo("USERNAME_TAKEN");
    }

    @Test
    void a_generated_first_password_is_returned_once_and_must_be_changed() {
        NewUser created = admin.createUser(secretaryA, prefix + "gen", null, null, Role.VOLUNTEER, communityA);

        assertThat(created.generatedPassword()).hasSize(16);
        assertThat(created.user().passwordChangeNeeded()).isTrue();
        assertThat(accounts.signIn(prefix + "gen", created.generatedPassword()).status())
                .isEqualTo(SignInResult.Status.PASSWORD_CHANGE_REQUIRED);
        assertThat(audit.latest(
                        secretaryA, new AuditFilter(SecurityAudit.USER_CREATED, secretaryA.username(), null, null), 10))
                .isEmpty(); // no member, no organization: only platform administrators see it
        assertThat(audit.latest(
                        Caller.system(),
                        new AuditFilter(SecurityAudit.USER_CREATED, secretaryA.username(), null, null),
                        10))
                .singleElement()
                .extracting(AuditEntry::targetId)
                .isEqualTo(created.user().id());
    }

    @Test
    void a_given_first_password_must_satisfy_the_policy() {
        assertThatThrownBy(() -> admin.createUser(secretaryA, prefix + "weak", "Qq123456", null))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code(), e -> ((InvalidInputException) e).field())
                .containsExactly("PASSWORD_TOO_COMMON", "initialPassword");
        assertThatThrownBy(() -> admin.createUser(secretaryA, prefix + "short", "short", null))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code())
                .isEqualTo("PASSWORD_LENGTH");

        NewUser created = admin.createUser(
                secretaryA, prefix + "given", "given-first-password", null, Role.VOLUNTEER, communityA);
        assertThat(created.generatedPassword()).isNull();
        assertThat(accounts.signIn(prefix + "given", "given-first-password").status())
                .isEqualTo(SignInResult.Status.PASSWORD_CHANGE_REQUIRED);
    }

    @Test
    void an_account_for_a_member_of_the_subtree_and_only_one() {
        long memberA1 = member(gridA1, "张三");
        long memberB = member(communityB, "李四");

        NewUser created = admin.createUser(secretaryA, prefix + "zhangsan", null, memberA1);

        assertThat(created.user().memberId()).isEqualTo(memberA1);
        assertThat(callers.forUser(created.user().id()).memberId()).isEqualTo(memberA1);
        assertThatThrownBy(() -> admin.createUser(secretaryA, prefix + "lisi", null, memberB))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> admin.createUser(secretaryA, prefix + "zhangsan2", null, memberA1))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code(), e -> ((InvalidInputException) e).field())
                .containsExactly("MEMBER_HAS_ACCOUNT", "memberId");
        // The member's organization anchors the audit entry: the secretary sees it.
        assertThat(audit.latest(
                        secretaryA, new AuditFilter(SecurityAudit.USER_CREATED, secretaryA.username(), null, null), 10))
                .singleElement()
                .extracting(AuditEntry::organizationId)
                .isEqualTo(gridA1);
    }

    @Test
    void a_secretary_lists_the_users_of_their_subtree_with_the_roles_held_there_only() {
        long inA = newUser("in-a");
        admin.grant(Caller.system(), inA, Role.ORG_STAFF, gridA1);
        admin.grant(Caller.system(), inA, Role.VOLUNTEER, communityB);
        long inB = newUser("in-b");
        admin.grant(Caller.system(), inB, Role.ORG_STAFF, communityB);
        long memberOfA = admin.createUser(Caller.system(), prefix + "member-of-a", null, member(gridA1, "王五"))
                .user()
                .id();
        long nowhere = newUser("nowhere");

        List<UserSummary> seen = admin.list(secretaryA, prefix, 0, 100);

        assertThat(seen)
                .extracting(UserSummary::id)
                .contains(inA, memberOfA, secretaryA.userId(), staffA.userId())
                .doesNotContain(inB, nowhere, secretaryOfStreet.userId());
        assertThat(seen).extracting(UserSummary::username).isSorted();
        UserSummary a = seen.stream().filter(u -> u.id() == inA).findFirst().orElseThrow();
        assertThat(a.roles()).containsExactly(new UserRole(Role.ORG_STAFF, gridA1, "第1网格"));
        assertThat(admin.find(Caller.system(), inA).roles()).hasSize(2);

        assertThat(admin.list(secretaryOfStreet, prefix, 0, 100))
                .extracting(UserSummary::id)
                .contains(inA, inB, memberOfA)
                .doesNotContain(nowhere);
        assertThat(admin.list(staffA, prefix, 0, 100)).isEmpty();
        assertThat(admin.list(secretaryA, prefix + "in-", 0, 100))
                .extracting(UserSummary::id)
                .containsExactly(inA);
        assertThatThrownBy(() -> admin.find(secretaryA, inB)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> admin.find(secretaryA, 987654321L)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_secretary_disables_a_user_who_works_only_in_their_subtree() {
        long helper = userInA("helper-off");
        admin.grant(secretaryA, helper, Role.ORG_STAFF, gridA1);
        long shared = newUser("shared");
        admin.grant(Caller.system(), shared, Role.ORG_STAFF, gridA1);
        admin.grant(Caller.system(), shared, Role.ORG_STAFF, communityB);
        long other = newUser("other");
        admin.grant(Caller.system(), other, Role.ORG_STAFF, communityB);

        admin.disable(secretaryA, helper);

        assertThat(accounts.isEnabled(helper)).isFalse();
        assertThat(callers.forUser(helper).grants()).isEmpty();
        assertThat(admin.find(secretaryA, helper).enabled()).isFalse();
        assertThat(audit.latest(
                        secretaryA,
                        new AuditFilter(SecurityAudit.USER_DISABLED, secretaryA.username(), null, null),
                        10))
                .singleElement()
                .extracting(AuditEntry::targetId)
                .isEqualTo(helper);
        assertThatThrownBy(() -> admin.disable(secretaryA, shared)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> admin.disable(secretaryA, other)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> admin.disable(secretaryA, secretaryA.userId()))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code())
                .isEqualTo("CANNOT_DISABLE_SELF");
        assertThat(accounts.isEnabled(shared)).isTrue();
        assertThat(accounts.isEnabled(other)).isTrue();

        admin.enable(secretaryA, helper);
        assertThat(accounts.isEnabled(helper)).isTrue();
    }

    /** A user linked to a member of grid A1, without a role: secretary A manages him. */
    private long userInA(String name) {
        return admin.createUser(Caller.system(), prefix + name, "first-password-1", member(gridA1, name), false)
                .user()
                .id();
    }

    /** A user the platform created, without role or member: he belongs nowhere. */
    private long newUser(String name) {
        return accounts.createUser(prefix + name, "first-password-1", false, Set.of())
                .id();
    }

    private Caller callerWith(String username, Role role, long organizationId) {
        long user = accounts.createUser(username, "first-password-1", false, Set.of())
                .id();
        admin.grant(Caller.system(), user, role, organizationId);
        return callers.forUser(user);
    }

    private long organization(Long parent, String name) {
        long id = ids.next();
        String path = (parent == null ? "/" : path(parent)) + id + "/";
        execute(
                "INSERT INTO organization (id, parent_id, kind, name, path, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                id,
                parent,
                parent == null ? "PARTY_COMMITTEE" : "COMMUNITY",
                name,
                path,
                Timestamp.from(Instant.now()));
        return id;
    }

    private long member(long organizationId, String name) {
        long id = ids.next();
        execute(
                "INSERT INTO member (id, organization_id, org_path, name, created_at) VALUES (?, ?, ?, ?, ?)",
                id,
                organizationId,
                path(organizationId),
                name,
                Timestamp.from(Instant.now()));
        return id;
    }

    private String path(long organizationId) {
        return tx.executeRead(status -> {
            try (PreparedStatement s =
                    status.getConnection().prepareStatement("SELECT path FROM organization WHERE id = ?")) {
                s.setLong(1, organizationId);
                try (var rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void execute(String sql, Object... args) {
        tx.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                return s.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
