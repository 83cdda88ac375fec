/**
 * Members as a secretary works with them (成员): the searchable list, the form that adds and
 * changes a member, and the detail page with masked personal data, audited unmasking, history,
 * household and transfers, the menu entry and the dashboard's count of active members, all through {@link org.gongjian.members.Members}.
 */
package org.gongjian.ui.members;
