package org.gongjian.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.gongjian.access.Callers;

@Controller("/api/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Authentication")
class MeController {

    private final Callers callers;
    private final GrantedOrganizations granted;

    MeController(Callers callers, GrantedOrganizations granted) {
        this.callers = callers;
        this.granted = granted;
    }

    @Get
    @Operation(
            summary = "Who the token belongs to, which roles they have, and on which organizations",
            description = "grants lists each role with the organization (and so the subtree) it covers;"
                    + " a platform administrator's grant has no organization.")
    Me me(Authentication authentication) {
        var caller = callers.of(authentication);
        return new Me(
                caller.userId(),
                authentication.getName(),
                caller.memberId(),
                authentication.getRoles().stream().sorted().toList(),
                granted.of(caller));
    }

    /**
     * @param roles the distinct role names, sorted
     * @param grants each role held, with its organization
     */
    @Serdeable
    record Me(long userId, String username, @Nullable Long memberId, List<String> roles, List<MyGrant> grants) {}

    /**
     * @param organizationId null for a platform administrator
     * @param path the organization's materialized path: the grant covers everything below it
     */
    @Serdeable
    record MyGrant(
            String role,
            @Nullable Long organizationId,
            @Nullable String organizationName,
            @Nullable String organizationKind,
            @Nullable String path) {}
}
