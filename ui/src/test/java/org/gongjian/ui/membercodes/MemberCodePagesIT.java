package org.gongjian.ui.membercodes;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.ids.IdGenerator;
import org.gongjian.membercodes.MemberCodes;
import org.gongjian.members.Members;
import org.gongjian.organizations.Organization;
import org.gongjian.organizations.OrganizationKind;
import org.gongjian.organizations.Organizations;
import org.gongjian.security.UserAdmin;
import org.gongjian.ui.bridge.KaribuSupport;
import org.gongjian.ui.i18n.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The member's code on pages: the volunteer sees their own QR code, large, with their name under
 * it, on 我的积分; staff open the printable card from the member's page and re-issue it, after which
 * the old code no longer resolves.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberCodePagesIT {

    private static final String PASSWORD = "a-long-password-1";

    @Inject
    ApplicationContext context;

    @Inject
    Organizations organizations;

    @Inject
    Members members;

    @Inject
    UserAdmin users;

    @Inject
    MemberCodes codes;

    @Inject
    IdGenerator ids;

    String prefix;
    Organization community;
    long member;

    @BeforeAll
    void a_community_with_a_volunteer_and_staff() {
        prefix = "c" + Long.toString(ids.next() % 1_000_000_000L, 36) + "-";
        Organization street = organizations.createRoot(OrganizationKind.PARTY_COMMITTEE, prefix + "街道");
        community = organizations.createChild(street, OrganizationKind.COMMUNITY, prefix + "码社区");
        member = members.add(community.id(), "钱奶奶").id();
        long volunteer = users.createUser(Caller.system(), prefix + "qian", PASSWORD, member, false)
                .user()
                .id();
        users.grant(Caller.system(), volunteer, Role.VOLUNTEER, community.id());
        KaribuSupport.userWithRole(context, prefix + "staff", PASSWORD, Role.ORG_STAFF, community.id());
    }

    @AfterEach
    void tearDown() {
        KaribuSupport.tearDown();
    }

    @Test
    void the_volunteer_sees_their_own_code_large_with_their_name_under_it() {
        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn(prefix + "qian", PASSWORD);
        UI.getCurrent().navigate("points/mine");

        Image qr = _get(Image.class, s -> s.withId("member-code-qr"));
        assertThat(svgOf(qr)).startsWith("<svg").contains("<path");
        assertThat(qr.getAlt()).hasValue("钱奶奶 的会员码二维码");
        assertThat(_get(Span.class, s -> s.withId("member-code-name")).getText())
                .isEqualTo("钱奶奶");
    }

    @Test
    void staff_print_the_card_and_reissue_it_so_that_the_old_code_is_refused() {
        String old = codes.of(Caller.system(), member).text();
        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn(prefix + "staff", PASSWORD);
        UI.getCurrent().navigate("members/" + member);
        _click(_get(Button.class, s -> s.withId("member-card")));

        assertThat(_get(Span.class, s -> s.withId("member-code-name")).getText())
                .isEqualTo("钱奶奶");
        assertThat(_get(Span.class, s -> s.withId("member-card-organization")).getText())
                .isEqualTo(prefix + "码社区");
        String before = svgOf(_get(Image.class, s -> s.withId("member-code-qr")));
        _get(Button.class, s -> s.withId("member-card-print"));

        _click(_get(Button.class, s -> s.withId("member-card-reissue")));
        ConfirmDialogKt._fireConfirm(_get(ConfirmDialog.class, s -> s.withId("member-card-reissue-confirm")));

        assertThat(svgOf(_get(Image.class, s -> s.withId("member-code-qr"))))
                .as("the card shows the new code")
                .isNotEqualTo(before);
        assertThat(codes.of(Caller.system(), member).text()).isNotEqualTo(old);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codes.resolve(Caller.system(), old))
                .hasMessageContaining("replaced");
    }

    @Test
    void a_volunteer_cannot_open_a_card() {
        KaribuSupport.setUp(context, Messages.CHINESE);
        KaribuSupport.signIn(prefix + "qian", PASSWORD);
        UI.getCurrent().navigate("members/" + member + "/card");

        _assertNone(Button.class, s -> s.withId("member-card-reissue"));
        _assertNone(Button.class, s -> s.withId("member-card-print"));
    }

    private static String svgOf(Image image) {
        String src = image.getSrc();
        assertThat(src).startsWith("data:image/svg+xml;base64,");
        return new String(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1)), StandardCharsets.UTF_8);
    }
}
