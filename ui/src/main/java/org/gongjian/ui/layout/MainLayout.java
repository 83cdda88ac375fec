package org.gongjian.ui.layout;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import io.micronaut.context.annotation.Prototype;
import org.gongjian.access.Callers;
import org.gongjian.access.Role;
import org.gongjian.plugins.PluginHost;
import org.gongjian.points.Adjustments;
import org.gongjian.ui.dashboard.DashboardView;
import org.gongjian.ui.plugins.PluginRoutes;
import org.gongjian.ui.plugins.PluginsView;
import org.gongjian.ui.security.CurrentUser;

/** Header with the user and language, side navigation with the core pages and plugin pages. */
@Prototype
public final class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final Span approvalsBadge = new Span();
    private final Adjustments adjustments;
    private final Callers callers;

    public MainLayout(PluginHost plugins, Adjustments adjustments, Callers callers) {
        this.adjustments = adjustments;
        this.callers = callers;
        setPrimarySection(Section.DRAWER);
        Span title = new Span(getTranslation("app.name"));
        title.addClassName("gj-title");

        Span user = new Span(CurrentUser.get().map(u -> u.username()).orElse(""));
        user.setId("current-user");
        Button logout = new Button(getTranslation("nav.logout"), VaadinIcon.SIGN_OUT.create(), e -> {
            CurrentUser.signOut();
            getUI().ifPresent(ui -> ui.getPage().setLocation("login"));
        });
        logout.setId("logout");
        logout.setAriaLabel(getTranslation("nav.logout"));
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout right = new HorizontalLayout(new LanguageSelect(), user, logout);
        right.setAlignItems(HorizontalLayout.Alignment.CENTER);
        right.addClassName("gj-navbar-right");
        addToNavbar(new DrawerToggle(), title, right);

        SideNav nav = new SideNav();
        nav.setId("side-nav");
        nav.addItem(new SideNavItem(getTranslation("nav.dashboard"), DashboardView.class, VaadinIcon.HOME.create()));
        if (CurrentUser.readsOrganizations()) {
            SideNavItem organizations =
                    new SideNavItem(getTranslation("nav.organizations"), "organizations", VaadinIcon.SITEMAP.create());
            organizations.setId("nav-organizations");
            SideNavItem members = new SideNavItem(getTranslation("nav.members"), "members", VaadinIcon.USERS.create());
            members.setId("nav-members");
            SideNavItem timeBank =
                    new SideNavItem(getTranslation("nav.timebank"), "timebank", VaadinIcon.HOURGLASS.create());
            timeBank.setId("nav-timebank");
            nav.addItem(organizations, members, timeBank);
        }
        boolean administrator = CurrentUser.get()
                .map(u -> u.has(Role.PLATFORM_ADMIN) || u.has(Role.ORG_ADMIN))
                .orElse(false);
        if (administrator) {
            SideNavItem users = new SideNavItem(getTranslation("nav.users"), "users", VaadinIcon.USER_CARD.create());
            users.setId("nav-users");
            nav.addItem(users);
        }
        if (CurrentUser.readsOrganizations()) {
            SideNavItem rules =
                    new SideNavItem(getTranslation("nav.points-rules"), "points/rules", VaadinIcon.BOOK.create());
            rules.setId("nav-points-rules");
            nav.addItem(rules);
        }
        if (administrator) {
            SideNavItem approvals = new SideNavItem(
                    getTranslation("nav.approvals"), "points/approvals", VaadinIcon.CHECK_SQUARE_O.create());
            approvals.setId("nav-approvals");
            approvalsBadge.setId("nav-approvals-badge");
            approvalsBadge.getElement().getThemeList().add("badge error pill small");
            approvals.setSuffixComponent(approvalsBadge);
            nav.addItem(approvals); // counted after each navigation
        }
        boolean member = CurrentUser.get()
                .map(u -> callers.forUser(u.id()).memberId() != null)
                .orElse(false);
        if (member) {
            SideNavItem mine =
                    new SideNavItem(getTranslation("nav.my-points"), "points/mine", VaadinIcon.STAR.create());
            mine.setId("nav-my-points");
            nav.addItem(mine);
        }
        SideNavItem rankings =
                new SideNavItem(getTranslation("nav.rankings"), "points/rankings", VaadinIcon.TROPHY.create());
        rankings.setId("nav-rankings");
        nav.addItem(rankings);
        if (CurrentUser.isAdmin()) {
            nav.addItem(new SideNavItem(
                    getTranslation("nav.plugins"), PluginsView.class, VaadinIcon.PUZZLE_PIECE.create()));
        }
        var views = plugins.views();
        if (!views.isEmpty()) {
            SideNav pluginNav = new SideNav(getTranslation("nav.plugin-section"));
            pluginNav.setId("plugin-nav");
            for (var view : views) {
                pluginNav.addItem(new SideNavItem(
                        view.view().title(getLocale()),
                        PluginRoutes.path(view.pluginId(), view.view()),
                        VaadinIcon.CONNECT.create()));
            }
            addToDrawer(nav, pluginNav);
        } else {
            addToDrawer(nav);
        }
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        if (approvalsBadge.getParent().isPresent()) {
            refreshApprovalsBadge();
        }
    }

    /** Updates the count of adjustments waiting for the caller's decision next to 审批. */
    private void refreshApprovalsBadge() {
        int waiting = CurrentUser.get()
                .map(u -> adjustments.inbox(callers.forUser(u.id())).size())
                .orElse(0);
        approvalsBadge.setText(Integer.toString(waiting));
        approvalsBadge.setVisible(waiting > 0);
        approvalsBadge.getElement().setAttribute("aria-label", getTranslation("nav.approvals.waiting", waiting));
    }

    /** After a decision: the menu badge of the layout that shows {@code view} counts again. */
    public static void refreshApprovals(com.vaadin.flow.component.Component view) {
        MainLayout layout = view.findAncestor(MainLayout.class);
        if (layout != null) {
            layout.refreshApprovalsBadge();
        }
    }
}
