package org.gongjian.ui.layout;

import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.List;
import java.util.Locale;

/**
 * A titled group under the main menu whose pages are known only while the application runs (the
 * pages of started plugins), contributed as a bean like a {@link NavigationEntry}. An empty
 * section is not shown.
 */
public interface NavigationSection {

    /** The element id of the group. */
    String id();

    /** The message key of the group's title. */
    String labelKey();

    /** The pages to show now, with their labels in {@code locale}. */
    List<Link> links(Locale locale);

    /** One page of a section. */
    record Link(String label, String path, VaadinIcon icon) {}
}
