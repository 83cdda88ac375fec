/**
 * Who is signed in to the UI and what they may open: the sign-in and password-change pages, the
 * signed-in user and the sign-in time kept in the Vaadin session, and a navigation guard that
 * sends anonymous users to the sign-in page, signs out sessions older than 12 hours and users who
 * were disabled (checked against the database on every navigation), sends users with a one-time
 * password to the password change, and audits refused administrator pages. It also tells the audit
 * log from which page and address a refused service call came, and names the page a refused user
 * is sent to ({@link org.gongjian.ui.security.Home}, the dashboard).
 */
package org.gongjian.ui.security;
