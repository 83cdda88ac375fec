/**
 * The frame around every signed-in page: the header (user, language, sign-out) and the side
 * navigation, which knows no feature: each feature contributes its pages as {@link
 * org.gongjian.ui.layout.NavigationEntry} beans (label key, icon, route, the roles that see it,
 * an order, optionally a count badge), and the plugin pages come as a {@link
 * org.gongjian.ui.layout.NavigationSection}.
 */
package org.gongjian.ui.layout;
