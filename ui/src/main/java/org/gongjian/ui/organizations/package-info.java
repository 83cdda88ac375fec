/**
 * The organization tree as a secretary sees it (组织架构): the caller's subtrees with their member
 * counts (and the dashboard's count of organizations), and for administrators adding, renaming, moving and archiving organizations through the
 * {@link org.gongjian.organizations.Organizations} service.
 */
package org.gongjian.ui.organizations;
