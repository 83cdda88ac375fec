package org.gongjian.security;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

@Controller("/api/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Authentication")
class MeController {

    @Get
    @Operation(summary = "Who the token belongs to and which roles they have")
    Me me(Authentication authentication) {
        return new Me(
                authentication.getName(),
                authentication.getRoles().stream().sorted().toList());
    }

    @Serdeable
    record Me(String username, List<String> roles) {}
}
