/**
 * Who is signed in to the UI and what they may open: the sign-in and password-change pages, the
 * signed-in user kept in the Vaadin session, and a navigation guard that sends anonymous users to
 * the sign-in page and users with a one-time password to the password change.
 */
package org.gongjian.ui.security;
