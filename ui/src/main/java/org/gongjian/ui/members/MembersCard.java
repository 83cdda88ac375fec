package org.gongjian.ui.members;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.gongjian.access.Caller;
import org.gongjian.members.MemberSearch;
import org.gongjian.members.Members;
import org.gongjian.ui.dashboard.DashboardCard;

/** The dashboard's count of the active members the caller may read. */
@Singleton
final class MembersCard implements DashboardCard {

    private final Members members;

    MembersCard(Members members) {
        this.members = members;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String id() {
        return "members";
    }

    @Override
    public String labelKey() {
        return "dashboard.members";
    }

    @Override
    public Optional<Figure> figure(Caller caller) {
        var active = new MemberSearch(null, null, "ACTIVE", null, null, null, 0, 1, null);
        return Optional.of(Figure.of(members.search(caller, active).total()));
    }
}
