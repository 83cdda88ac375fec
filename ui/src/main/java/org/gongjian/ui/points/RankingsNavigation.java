package org.gongjian.ui.points;

import com.vaadin.flow.component.icon.VaadinIcon;
import jakarta.inject.Singleton;
import java.util.Set;
import org.gongjian.ui.layout.NavigationEntry;

/** 积分排行 in the menu, for everyone signed in. */
@Singleton
final class RankingsNavigation implements NavigationEntry {

    @Override
    public Page page() {
        return new Page(90, "nav-rankings", "nav.rankings", VaadinIcon.TROPHY, "points/rankings", Set.of());
    }
}
