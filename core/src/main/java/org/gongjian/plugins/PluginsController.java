package org.gongjian.plugins;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.gongjian.access.Callers;
import org.gongjian.access.NotFoundException;
import org.gongjian.api.ApiError;

@Controller("/api/plugins")
@Secured("PLATFORM_ADMIN")
@Tag(name = "Plugins")
@ExecuteOn(TaskExecutors.BLOCKING)
class PluginsController {

    private final PluginHost host;
    private final PluginInstaller installer;
    private final Callers callers;

    PluginsController(PluginHost host, PluginInstaller installer, Callers callers) {
        this.host = host;
        this.installer = installer;
        this.callers = callers;
    }

    @Get
    @Operation(summary = "Installed plugins with their version and state (platform administrators only)")
    List<PluginInfo> list() {
        return host.list();
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Install a plugin jar, or upgrade the installed plugin of its id to it",
            description = "Multipart part 'file', a signed plugin jar of at most 20 MB. The jar is checked (signature"
                    + " of a trusted publisher, SDK-only linking, platform version, required plugins), its migrations"
                    + " run and it is started on this server, then on every server. An upgrade keeps the running"
                    + " version serving until the new one has started; if the new one fails, the old one runs on.")
    @ApiResponse(responseCode = "201", description = "Installed or upgraded and started")
    @ApiResponse(
            responseCode = "400",
            description = "PLUGIN_FILE_MISSING, PLUGIN_NOT_A_JAR, PLUGIN_NO_DESCRIPTOR, PLUGIN_ID_NOT_ALLOWED,"
                    + " PLUGIN_UNSIGNED, PLUGIN_SIGNATURE_INVALID, PLUGIN_PUBLISHER_UNTRUSTED, PLUGIN_LINKS_CORE,"
                    + " PLUGIN_NEEDS_NEWER_PLATFORM, PLUGIN_DEPENDENCY_MISSING, PLUGIN_MIGRATION_FAILED,"
                    + " PLUGIN_START_FAILED; nothing changed",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "PLUGIN_VERSION_NOT_NEWER: the jar's version is older than the running one (a downgrade);"
                    + " PLUGIN_VERSION_ALREADY_RUNS: that version runs already",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "413",
            description = "PLUGIN_TOO_LARGE: over 20 MB",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> install(Authentication authentication, @Part("file") @Nullable CompletedFileUpload file)
            throws IOException {
        var caller = callers.of(authentication);
        if (file == null) {
            return HttpResponse.badRequest(
                    ApiError.of("PLUGIN_FILE_MISSING", "Send the plugin jar as the part 'file'"));
        }
        if (file.getSize() > PluginInstaller.MAX_JAR_BYTES) {
            return HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                    .body(ApiError.of(PluginInstaller.TOO_LARGE, "A plugin jar may have at most 20 MB"));
        }
        try (InputStream in = file.getInputStream()) {
            return HttpResponse.created(installer.install(caller, in));
        }
    }

    @Post("/{pluginId}/disable")
    @Operation(
            summary = "Switch a plugin off on every server",
            description = "It stops: its pages, endpoints, jobs and rules are gone everywhere until it is switched on."
                    + " Its data stays.")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such plugin")
    PluginInfo disable(Authentication authentication, @PathVariable String pluginId) {
        return installer.switchOff(callers.of(authentication), known(pluginId));
    }

    @Post("/{pluginId}/enable")
    @Operation(summary = "Switch a plugin on again on every server")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such plugin")
    PluginInfo enable(Authentication authentication, @PathVariable String pluginId) {
        return installer.switchOn(callers.of(authentication), known(pluginId));
    }

    @Delete("/{pluginId}")
    @Operation(summary = "Uninstall an uploaded plugin from every server")
    @ApiResponse(responseCode = "204", description = "Uninstalled")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such plugin")
    @ApiResponse(
            responseCode = "409",
            description = "PLUGIN_NOT_UPLOADED: the plugin's jar lies in the plugins directory or ships with the"
                    + " server; remove the file there, or switch the plugin off")
    HttpResponse<Void> uninstall(
            Authentication authentication,
            @PathVariable String pluginId,
            @Parameter(description = "true: keep the plugin's own tables (for a later reinstall); false: delete them")
                    @QueryValue
                    boolean keepData) {
        installer.uninstall(callers.of(authentication), known(pluginId), keepData);
        return HttpResponse.noContent();
    }

    private static String known(String pluginId) {
        if (!PluginHost.PLUGIN_ID.matcher(pluginId).matches()) {
            throw new NotFoundException("Plugin", 0);
        }
        return pluginId;
    }
}
