package org.gongjian.audit;

import io.micronaut.aop.Around;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A service whose refusals are audited: every {@link org.gongjian.access.ForbiddenException} that
 * leaves one of its methods is written to the audit log as {@code ACCESS_DENIED},
 * once, with the caller, the method and its ids, the reason, and where the call came from (API
 * request or UI page, client address), whoever called the service: the API, the UI or a plugin.
 * The entry is written after the service's transaction has rolled back, in a transaction of its
 * own. Put it on every service that throws {@code ForbiddenException} and on every transactional
 * service that calls one (so that the entry is not written inside a transaction that then rolls
 * back); only the outermost annotated call writes it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Around
public @interface AuditsDenials {}
