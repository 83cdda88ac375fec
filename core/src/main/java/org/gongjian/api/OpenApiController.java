package org.gongjian.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the OpenAPI document generated at compile time from the controllers, to signed-in
 * clients: apart from {@code /api/health}, nothing of the API is open.
 */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Gongjian",
                        version = "0.1",
                        description = "Party-building and volunteer points platform. Every error is an Error object"
                                + " with a stable code. Bodies are read strictly (400, errors[].field names the"
                                + " field): MISSING_FIELD (a field not marked nullable is absent or null),"
                                + " UNKNOWN_FIELD, DUPLICATE_FIELD, INVALID_NUMBER (integers only, as JSON"
                                + " integers in range), INVALID_BOOLEAN, INVALID_TEXT, INVALID_DATE (YYYY-MM-DD),"
                                + " INVALID_VALUE, NESTING_TOO_DEEP, MALFORMED_REQUEST; parameters"
                                + " INVALID_PARAMETER, MISSING_PARAMETER; two Idempotency-Key headers"
                                + " IDEMPOTENCY_KEY_REPEATED.",
                        license = @License(name = "Apache-2.0")),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
class OpenApiController {

    static final String DOCUMENT = "META-INF/swagger/gongjian-0.1.yml";

    private final byte[] document;

    OpenApiController() {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DOCUMENT)) {
            this.document = in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(uri = "/openapi.yml", produces = "application/yaml")
    @Hidden
    HttpResponse<byte[]> openapi() {
        if (document == null) {
            return HttpResponse.notFound();
        }
        return HttpResponse.ok(document).contentType(MediaType.of("application/yaml"));
    }
}
