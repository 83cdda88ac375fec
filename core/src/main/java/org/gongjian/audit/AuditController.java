package org.gongjian.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.gongjian.access.Callers;

@Controller("/api/audit")
@Secured({"PLATFORM_ADMIN", "ORG_ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit")
class AuditController {

    private final AuditLog audit;
    private final Callers callers;

    AuditController(AuditLog audit, Callers callers) {
        this.audit = audit;
        this.callers = callers;
    }

    @Get
    @Operation(
            summary = "The newest audit entries the caller may see",
            description = "Platform administrators see all entries; organization administrators the entries of their"
                    + " subtrees. At most 500 per request; filter by action, actor and time (ISO-8601 instants).")
    List<AuditEntry> latest(
            Authentication authentication,
            @Nullable @QueryValue String action,
            @Nullable @QueryValue String actor,
            @Nullable @QueryValue Instant from,
            @Nullable @QueryValue Instant to,
            @QueryValue(defaultValue = "100") int limit) {
        return audit.latest(callers.of(authentication), new AuditFilter(action, actor, from, to), limit);
    }

    @Get("/verification")
    @Secured("PLATFORM_ADMIN")
    @Operation(summary = "Verify the hash chain of the whole audit log (platform administrators)")
    ChainCheck verify() {
        return audit.verify();
    }
}
