package org.gongjian.plugins.noticeboard;

import java.util.Locale;
import org.gongjian.plugin.api.EventType;
import org.pf4j.Extension;

/** The rule event: a notice posted for a resident. The points rules editor offers "发布公告 → 积分". */
@Extension
public class NoticePosted implements EventType {

    static final String TYPE = "NOTICE_BOARD_POSTED";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String label(Locale locale) {
        return Messages.get(locale, "event.posted");
    }

    @Override
    public String quantityUnit(Locale locale) {
        return Messages.get(locale, "event.unit");
    }
}
