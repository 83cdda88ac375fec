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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Serves the OpenAPI document generated at compile time from the controllers, with the operations
 * contributed at run time ({@link OpenApiPaths}: the endpoints of the plugins started now), to
 * signed-in clients: apart from {@code /api/health}, nothing of the API is open.
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
    private final List<OpenApiPaths> contributions;

    OpenApiController(List<OpenApiPaths> contributions) {
        this.contributions = List.copyOf(contributions);
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
        return HttpResponse.ok(withContributions()).contentType(MediaType.of("application/yaml"));
    }

    /** The generated document with the contributed operations (plugins' endpoints) of this moment. */
    @SuppressWarnings("unchecked")
    private byte[] withContributions() {
        Map<String, Map<String, Object>> added = new TreeMap<>();
        contributions.forEach(c -> added.putAll(c.paths()));
        if (added.isEmpty()) {
            return document;
        }
        LoaderOptions loading = new LoaderOptions();
        loading.setCodePointLimit(document.length + 1);
        Map<String, Object> parsed =
                new Yaml(new SafeConstructor(loading)).load(new String(document, StandardCharsets.UTF_8));
        Map<String, Object> paths = (Map<String, Object>) parsed.computeIfAbsent("paths", k -> new LinkedHashMap<>());
        added.forEach(paths::putIfAbsent);
        DumperOptions dumping = new DumperOptions();
        dumping.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumping.setWidth(120);
        return new Yaml(dumping).dump(parsed).getBytes(StandardCharsets.UTF_8);
    }
}
