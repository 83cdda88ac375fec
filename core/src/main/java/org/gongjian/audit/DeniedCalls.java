package org.gongjian.audit;

import io.micronaut.aop.InterceptPhase;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.core.type.MutableArgumentValue;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits the {@link ForbiddenException}s of {@link AuditsDenials} services. It runs outside their
 * transactions (before the transaction interceptor), so the entry survives the rollback of the
 * refused call. Only ids, enums and flags of the call are recorded, never text: a text argument
 * may hold personal data.
 */
@Singleton
@InterceptorBean(AuditsDenials.class)
final class DeniedCalls implements MethodInterceptor<Object, Object> {

    /** The same action as a refused page or endpoint: an auditor filters on one name. */
    static final String ACCESS_DENIED = "ACCESS_DENIED";

    static final String TARGET_TYPE = "SERVICE";

    private static final Logger LOG = LoggerFactory.getLogger(DeniedCalls.class);

    /** How many annotated calls are in progress on this thread: only the outermost one audits. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final AuditLog audit;
    private final List<CallOrigin> origins;

    DeniedCalls(AuditLog audit, List<CallOrigin> origins) {
        this.audit = audit;
        this.origins = origins;
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
                record(context, denied);
            }
            throw denied;
        } finally {
            depth[0]--;
        }
    }

    private void record(MethodInvocationContext<Object, Object> context, ForbiddenException denied) {
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
        String detail = origin.map(o -> o.request() + ": ").orElse("") + call + ": " + denied.code() + " "
                + denied.getMessage();
        try {
            audit.append(new AuditEvent(
                    caller == null || caller.userId() == 0 ? null : caller.userId(),
                    caller == null ? "?" : caller.username(),
                    ACCESS_DENIED,
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
