package org.gongjian.members;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gongjian.access.Caller;
import org.gongjian.access.MemberScope;
import org.gongjian.access.MemberScopes;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.junit.jupiter.api.Test;

/** The members feature's answer to other features: where members sit and their names. */
@MicronautTest(transactional = false)
class MemberScopesIT {

    @Inject
    MemberScopes scopes;

    @Inject
    Members members;

    @Inject
    Organizations organizations;

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void the_scopes_and_names_of_many_members_come_in_one_answer_without_the_unknown_ids() {
        Organization community = organizations.createRoot(OrganizationKind.COMMUNITY, "青石社区");
        Organization grid = organizations.createChild(community, OrganizationKind.GRID, "青石一网格");
        long wang = members.create(Caller.system(), MemberInput.named(community.id(), "王芳"))
                .id();
        long zhao = members.create(Caller.system(), MemberInput.named(grid.id(), "赵强"))
                .id();

        Map<Long, MemberScope> found = scopes.of(List.of(wang, zhao, 4_242_424_242L));

        assertThat(found)
                .containsOnly(
                        Map.entry(wang, new MemberScope(wang, community.id(), community.path(), true)),
                        Map.entry(zhao, new MemberScope(zhao, grid.id(), grid.path(), true)));
        assertThat(scopes.of(zhao)).contains(new MemberScope(zhao, grid.id(), grid.path(), true));
        assertThat(scopes.of(4_242_424_242L)).isEmpty();
        assertThat(scopes.names(List.of(wang, zhao, 4_242_424_242L)))
                .containsOnly(Map.entry(wang, "王芳"), Map.entry(zhao, "赵强"));
        assertThat(scopes.of(List.of())).isEmpty();
    }

    @Test
    void a_scope_is_read_in_the_callers_transaction_and_sees_its_uncommitted_member() {
        Organization community = organizations.createRoot(OrganizationKind.COMMUNITY, "白沙社区");

        Optional<MemberScope> inside = transactions.executeWrite(status -> {
            long id = members.create(Caller.system(), MemberInput.named(community.id(), "孙丽"))
                    .id();
            return scopes.of(id);
        });

        assertThat(inside).map(MemberScope::orgPath).contains(community.path());
    }
}
