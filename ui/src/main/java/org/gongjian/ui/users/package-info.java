/**
 * Users and roles (用户与角色) for platform and organization administrators, with the menu entry: the users the caller
 * manages in a lazy grid, a new-user form that shows the one-time password once, and per user the
 * roles to grant on organizations of the caller's subtrees, revoke, and disabling or enabling the
 * account, all through the {@link org.gongjian.security.UserAdmin} service, which decides every
 * right again.
 */
package org.gongjian.ui.users;
