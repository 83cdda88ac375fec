package org.gongjian.ui.timebank;

import com.vaadin.flow.component.icon.VaadinIcon;
import jakarta.inject.Singleton;
import org.gongjian.ui.layout.NavigationEntry;

/** 时间银行 in the menu, for staff and administrators. */
@Singleton
final class TimeBankNavigation implements NavigationEntry {

    @Override
    public Page page() {
        return new Page(40, "nav-timebank", "nav.timebank", VaadinIcon.HOURGLASS, "timebank", READERS);
    }
}
