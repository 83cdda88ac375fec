/**
 * The audit trail: an append-only log of sign-ins, permission denials, unmasked views, imports,
 * exports and every change to members, organizations and roles. Rows are chained by an HMAC
 * over their content and the previous row's HMAC, keyed with a secret that is not in the
 * database, so a changed, removed or re-ordered row is detected by {@link
 * org.gongjian.audit.AuditLog#verify()}. Rows are never updated or deleted. Features read the
 * log through {@link org.gongjian.audit.AuditLog} (a target's history for a member's page), not
 * with their own SQL.
 */
package org.gongjian.audit;
