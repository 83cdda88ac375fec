package org.gongjian.ui.layout;

import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.gongjian.access.Role;
import org.gongjian.security.SignedInUser;

/**
 * A page in the side navigation, contributed by the feature that owns the page: a bean (usually a
 * small package-private {@code @Singleton} in the feature's ui package) that {@link MainLayout}
 * collects, sorts by the order of its {@link Page} and shows to the users {@link #visibleTo} admits. The page
 * still checks access itself: hiding an entry is a convenience, not a guard.
 */
public interface NavigationEntry {

    /** Staff and administrators: those who read organizations and members. */
    Set<Role> READERS = EnumSet.of(Role.PLATFORM_ADMIN, Role.ORG_ADMIN, Role.ORG_STAFF);

    /** Platform and organization administrators. */
    Set<Role> ADMINISTRATORS = EnumSet.of(Role.PLATFORM_ADMIN, Role.ORG_ADMIN);

    /** What the entry shows and opens, and for whom. */
    Page page();

    /** Whether {@code user} sees the entry; by default by the page's roles. */
    default boolean visibleTo(SignedInUser user) {
        Set<Role> roles = page().roles();
        return roles.isEmpty() || roles.stream().anyMatch(user::has);
    }

    /** A number after the label, counted again after each navigation; none by default. */
    default Optional<Badge> badge() {
        return Optional.empty();
    }

    /**
     * What a badge counts for the signed-in user (hidden at zero), and the message key that reads
     * the count aloud ({@code {0}} is the count).
     */
    record Badge(ToIntFunction<SignedInUser> count, String ariaLabelKey) {}

    /**
     * The menu item.
     *
     * @param order position in the menu, lower first; the core pages use steps of 10 (首页 is 10)
     * @param id the element id of the item, {@code nav-...}, which tests and browser journeys find
     * @param labelKey the message key of the label
     * @param path the route the entry opens, as the page's {@code @Route} names it ({@code ""} is the
     *     dashboard)
     * @param roles the roles that see the entry: a user holding any of them does; empty means every
     *     signed-in user
     */
    record Page(int order, String id, String labelKey, VaadinIcon icon, String path, Set<Role> roles) {

        public Page {
            roles = Set.copyOf(roles);
        }
    }
}
