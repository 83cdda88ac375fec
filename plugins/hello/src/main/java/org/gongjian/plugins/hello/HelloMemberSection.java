package org.gongjian.plugins.hello;

import java.util.Locale;
import java.util.Set;
import org.gongjian.plugin.api.MemberSection;
import org.gongjian.plugin.api.PluginRole;
import org.pf4j.Extension;

/** A section on the member detail page, for administrators and staff. */
@Extension
public class HelloMemberSection implements MemberSection {

    @Override
    public String title(Locale locale) {
        return Messages.get(locale, "section.title");
    }

    @Override
    public Set<PluginRole> roles() {
        return Set.of(PluginRole.ORG_ADMIN, PluginRole.ORG_STAFF);
    }

    @Override
    public Class<?> componentClass() {
        return HelloMemberView.class;
    }
}
