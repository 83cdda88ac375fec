package org.gongjian.ui.points;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.page.Page;
import com.vaadin.flow.shared.Registration;
import java.util.List;

/**
 * A grid that reads on a phone: below {@link #PHONE_WIDTH} pixels its wide columns give way to one
 * summary column (several lines per row) next to the columns kept on both, instead of scrolling
 * sideways. The width is asked of the browser on attach and followed on resize.
 */
final class PhoneColumns {

    static final int PHONE_WIDTH = 600;

    private PhoneColumns() {}

    static void apply(Grid<?> grid, List<? extends Grid.Column<?>> wide, Grid.Column<?> summary) {
        summary.setVisible(false);
        grid.addAttachListener(attach -> {
            Page page = attach.getUI().getPage();
            page.executeJs("return window.innerWidth")
                    .then(Integer.class, width -> show(width < PHONE_WIDTH, wide, summary));
            Registration resize =
                    page.addBrowserWindowResizeListener(e -> show(e.getWidth() < PHONE_WIDTH, wide, summary));
            grid.addDetachListener(detach -> {
                resize.remove();
                detach.unregisterListener();
            });
        });
    }

    private static void show(boolean phone, List<? extends Grid.Column<?>> wide, Grid.Column<?> summary) {
        wide.forEach(c -> c.setVisible(!phone));
        summary.setVisible(phone);
    }
}
