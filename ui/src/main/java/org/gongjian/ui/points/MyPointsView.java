package org.gongjian.ui.points;

import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import org.gongjian.access.Caller;
import org.gongjian.access.Callers;
import org.gongjian.members.MemberView;
import org.gongjian.members.Members;
import org.gongjian.timebank.TimeBank;
import org.gongjian.ui.layout.MainLayout;
import org.gongjian.ui.membercodes.MemberCodeCards;
import org.gongjian.ui.plugins.SelfServiceLinks;
import org.gongjian.ui.security.CurrentUser;
import org.gongjian.ui.timebank.MyTimeBankButton;

/**
 * 我的积分: a resident's or volunteer's own balances, stars and statements, in large text, the
 * self-service pages of plugins and my member's code (会员码) to show at a counter; for users linked
 * to a member record. Others go to the dashboard.
 */
@Route(value = "points/mine", layout = MainLayout.class)
@Prototype
final class MyPointsView extends VerticalLayout implements HasDynamicTitle, BeforeEnterObserver {

    private final Members members;
    private final Callers callers;
    private final MemberPointsSection section;
    private final TimeBank timeBank;

    private final SelfServiceLinks selfService;
    private final MemberCodeCards memberCodes;

    MyPointsView(
            Members members,
            Callers callers,
            MemberPointsSection section,
            TimeBank timeBank,
            SelfServiceLinks selfService,
            MemberCodeCards memberCodes) {
        this.selfService = selfService;
        this.memberCodes = memberCodes;
        this.members = members;
        this.callers = callers;
        this.section = section;
        this.timeBank = timeBank;
        setId("my-points");
        addClassName("gj-my-points");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Caller caller = callers.forUser(CurrentUser.get().orElseThrow().id());
        if (!PointsAccess.allow(event, caller.memberId() != null)) {
            return;
        }
        removeAll();
        MemberView self = members.get(caller, caller.memberId());
        add(section.show(caller, self, false, true));
        add(new MyTimeBankButton(timeBank, caller, self, () -> section.show(caller, self, false, true)));
        selfService.links(caller, getLocale()).ifPresent(this::add);
        memberCodes.mine(caller).ifPresent(this::add);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("points.mine.title") + " · " + getTranslation("app.name");
    }
}
