package org.gongjian.ui.dashboard;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.Accounts;
import org.gongjian.security.UserAdmin;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dashboard counts what the user may see, not the whole platform. */
@MicronautTest(transactional = false)
class DashboardScopeIT {

    @Inject
    ApplicationContext context;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    Accounts accounts;

    @Inject
    UserAdmin users;

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    @Test
    void a_community_secretary_sees_the_counts_of_her_community_only() {
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, "看板街道党工委");
        Organization own = organizations.createChild(street, OrganizationKind.COMMUNITY, "看板和平社区");
        organizations.createChild(own, OrganizationKind.GRID, "看板和平社区第一网格");
        Organization other = organizations.createChild(street, OrganizationKind.COMMUNITY, "看板和谐社区");
        members.add(own.id(), "和平一");
        members.add(own.id(), "和平二");
        for (int i = 0; i < 5; i++) {
            members.add(other.id(), "和谐" + i);
        }
        long secretary = accounts.createUser("dashboard-secretary", "dashboard-password-1", false, Set.of())
                .id();
        users.grant(Caller.system(), secretary, Role.ORG_ADMIN, own.id());

        KaribuSupport.setUp(context, Messages.CHINESE);
        UI.getCurrent().navigate("login");
        _setValue(_get(TextField.class, s -> s.withId("login-username")), "dashboard-secretary");
        _setValue(_get(PasswordField.class, s -> s.withId("login-password")), "dashboard-password-1");
        _click(_get(Button.class, s -> s.withId("login-submit")));

        _get(DashboardView.class);
        assertThat(_get(Span.class, s -> s.withId("metric-organizations")).getText())
                .as("her community and its grid")
                .isEqualTo("2");
        assertThat(_get(Span.class, s -> s.withId("metric-members")).getText()).isEqualTo("2");
    }

    @Test
    void the_cards_the_features_contribute_stand_in_their_order_with_their_notes() {
        accounts.createUser("dashboard-platform", "dashboard-password-1", false, Set.of(Role.PLATFORM_ADMIN));

        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn("dashboard-platform", "dashboard-password-1");

        Div cards = _find(Div.class, s -> s.withClasses("gj-cards")).getFirst();
        assertThat(cards.getChildren()
                        .map(card -> card.getChildren()
                                .map(c -> c.getElement().getText())
                                .toList())
                        .toList())
                .as("caption and note of each card, the number first")
                .extracting(card -> card.subList(1, card.size()))
                .containsExactly(List.of("组织数"), List.of("成员数"), List.of("已启用插件", "共 1 个"));
    }
}
