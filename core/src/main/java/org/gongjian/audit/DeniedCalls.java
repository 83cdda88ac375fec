package org.gongjian.audit;

import io.micronaut.aop.InterceptPhase;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.MutableArgumentValue;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits the {@link ForbiddenException}s of {@link AuditsDenials} services as {@code
 * ACCESS_DENIED}, and their {@link NotFoundException}s (an id that does not exist or lies outside
 * the caller's scope, never told apart) as {@code OUT_OF_SCOPE}, at most as many of a user's as
 * {@link ProbeBudget} allows, so that repeated probes are seen and cannot flood the log. It runs outside their
 * transactions (before the transaction interceptor), so the entry survives the rollback of the
 * refused call. Only ids, enums and flags of the call are recorded, never text: a text argument
 * may hold personal data.
 */
@Singleton
@InterceptorBean(AuditsDenials.class)
final class DeniedCalls implements MethodInterceptor<Object, Object> {

    /** The same action as a refused page or endpoint: an auditor filters on one name. */
    static final String ACCESS_DENIED = "ACCESS_DENIED";

    /** A call that answered "not found": a missing id, or one outside the caller's scope. */
    static final String OUT_OF_SCOPE = "OUT_OF_SCOPE";

    static final String TARGET_TYPE = "SERVICE";

    private static final Logger LOG = LoggerFactory.getLogger(DeniedCalls.class);

    /** How many annotated calls are in progress on this thread: only the outermost one audits. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final AuditLog audit;
    private final List<CallOrigin> origins;
    private final ProbeBudget probes;

    DeniedCalls(AuditLog audit, List<CallOrigin> origins, ProbeBudget probes) {
        this.audit = audit;
        this.origins = origins;
        this.probes = probes;
    }

    @Override
    public int getOrder() {
        return InterceptPhase.VALIDATE.getPosition() - 10;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            return context.proceed();
        } catch (ForbiddenException denied) {
            if (depth[0] == 1) {
                record(context, ACCESS_DENIED, denied.code() + " " + denied.getMessage());
            }
            throw denied;
        } catch (NotFoundException missing) {
            if (depth[0] == 1) {
                probed(context, missing);
            }
            throw missing;
        } finally {
            depth[0]--;
        }
    }

    /** Records a "not found" of a signed-in user, if their probe budget allows. */
    private void probed(MethodInvocationContext<Object, Object> context, NotFoundException missing) {
        Caller caller = caller(context);
        if (caller == null || caller.userId() == 0) {
            return; // the platform's own jobs do not probe
        }
        long skipped = probes.take(caller.userId());
        if (skipped >= 0) {
            record(
                    context,
                    OUT_OF_SCOPE,
                    "NOT_FOUND " + missing.getMessage()
                            + (skipped == 0 ? "" : " (and " + skipped + " earlier not found, not audited)"));
        }
    }

    private static @Nullable Caller caller(MethodInvocationContext<Object, Object> context) {
        for (MutableArgumentValue<?> argument : context.getParameters().values()) {
            if (argument.getValue() instanceof Caller c) {
                return c;
            }
        }
        return null;
    }

    private void record(MethodInvocationContext<Object, Object> context, String action, String reason) {
        Caller caller = null;
        Long targetId = null;
        StringBuilder call =
                new StringBuilder(context.getDeclaringType().getSimpleName() + "." + context.getMethodName());
        for (MutableArgumentValue<?> argument : context.getParameters().values()) {
            Object value = argument.getValue();
            String name = argument.getName();
            if (value instanceof Caller c) {
                caller = c;
            } else if (value instanceof Number || value instanceof Enum<?> || value instanceof Boolean) {
                call.append(' ').append(name).append('=').append(value);
                if (targetId == null && value instanceof Long id && (name.equals("id") || name.endsWith("Id"))) {
                    targetId = id;
                }
            }
        }
        Optional<CallOrigin.Origin> origin =
                origins.stream().flatMap(o -> o.current().stream()).findFirst();
        String detail = origin.map(o -> o.request() + ": ").orElse("") + call + ": " + reason;
        try {
            audit.append(new AuditEvent(
                    caller == null || caller.userId() == 0 ? null : caller.userId(),
                    caller == null ? "?" : caller.username(),
                    action,
                    TARGET_TYPE,
                    targetId,
                    null,
                    null,
                    detail,
                    origin.map(CallOrigin.Origin::clientIp).orElse(null)));
        } catch (RuntimeException e) {
            // The refusal stands even when the audit log cannot be written; the log says why.
            LOG.error("Cannot audit the refusal of {} to {}", call, caller, e);
        }
    }
}
