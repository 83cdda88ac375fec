package org.gongjian.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.access.Grant;
import org.gongjian.access.NotFoundException;
import org.gongjian.access.Role;
import org.gongjian.events.DomainEvent;
import org.gongjian.ledger.Account;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.OwnerType;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.testing.LedgerReconciles;
import org.junit.jupiter.api.Test;

/**
 * A community moved to another street (区划调整) takes its point kinds, rules, settings and
 * organization accounts along: the new street's administrator sees and governs them, the old
 * street's no longer does.
 */
@MicronautTest(transactional = false)
class MovedOrganizationIT extends LedgerReconciles {

    @Inject
    Organizations organizations;

    @Inject
    PointKinds kinds;

    @Inject
    PointsRules rules;

    @Inject
    PointsSettings settings;

    @Inject
    Ledger ledger;

    @Test
    void a_moved_community_keeps_its_kinds_rules_settings_and_accounts_under_the_new_street() {
        String suffix = Long.toString(System.nanoTime(), 36);
        Organization east = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "东街道" + suffix);
        Organization west = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "西街道" + suffix);
        Organization community = organizations.createChild(east, OrganizationKind.COMMUNITY, "迁移社区");
        Asset kind = kinds.create(Caller.system(), community.id(), "MOVE", "迁移积分", 10, false, "NEVER", null, null);
        PointsRule rule = rules.create(
                Caller.system(),
                new RuleInput(
                        kind.id(),
                        community.id(),
                        "学习打卡",
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
                        null));
        settings.set(Caller.system(), community.id(), 77, List.of(10, 20, 30, 40, 50));
        Account pool = ledger.open(Asset.TIME_ID, OwnerType.POOL, community.id(), community.path());

        Organization moved = organizations.move(Caller.system(), community.id(), west.id());

        Caller westAdmin = admin(west);
        Caller eastAdmin = admin(east);
        assertThat(moved.path()).startsWith(west.path());
        PointsSettings.Settings own = settings.effective(westAdmin, community.id());
        assertThat(own.approvalThreshold()).isEqualTo(77);
        assertThat(own.inherited()).as("still the community's own").isFalse();
        assertThat(kinds.usableAt(westAdmin, community.id()))
                .extracting(Asset::id)
                .contains(kind.id());
        assertThat(rules.list(westAdmin, community.id()))
                .extracting(PointsRule::id)
                .containsExactly(rule.id());
        assertThat(ledger.account(pool.id()).orElseThrow().orgPath()).isEqualTo(moved.path());
        assertThatThrownBy(() -> rules.list(eastAdmin, community.id())).isInstanceOf(NotFoundException.class);
        assertThat(settings.effective(eastAdmin, east.id()).approvalThreshold())
                .as("the old street keeps the defaults")
                .isEqualTo(PointsSettings.DEFAULT_APPROVAL_THRESHOLD);
    }

    private static Caller admin(Organization org) {
        return new Caller(
                700 + org.id() % 100,
                "admin-" + org.id(),
                null,
                List.of(new Grant(Role.ORG_ADMIN, org.id(), org.path())));
    }
}
