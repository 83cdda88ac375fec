package org.gongjian.plugins;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.gongjian.access.Callers;
import org.gongjian.api.ApiError;

@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(
        name = "Plugins",
        description = "Where installed plugins are on: per organization subtree, and each plugin's default")
class PluginEnablementController {

    private final PluginEnablement enablement;
    private final Callers callers;

    PluginEnablementController(PluginEnablement enablement, Callers callers) {
        this.enablement = enablement;
        this.callers = callers;
    }

    /** Whether a plugin is to be on. */
    @Serdeable
    record EnabledInput(Boolean enabled) {}

    @Get("/api/orgs/{id}/plugins")
    @Operation(
            summary = "Every installed plugin as it stands at an organization: on or off, its own setting or where"
                    + " the setting in force comes from")
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND: the organization does not exist or is outside the caller's subtree",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    List<PluginEnablement.Status> list(Authentication authentication, long id) {
        return enablement.at(callers.of(authentication), id);
    }

    @Get("/api/orgs/{id}/plugins/{pluginId}")
    @Operation(summary = "One installed plugin as it stands at an organization")
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND: no such plugin, or the organization does not exist or is outside the caller's"
                    + " subtree",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PluginEnablement.Status one(Authentication authentication, long id, String pluginId) {
        return enablement.at(callers.of(authentication), id, pluginId);
    }

    @Put("/api/orgs/{id}/plugins/{pluginId}")
    @Operation(
            summary = "Turn a plugin on or off for an organization and its subtree (administrators of the"
                    + " organization); the nearest setting up the tree wins")
    @ApiResponse(
            responseCode = "400",
            description = "MISSING_FIELD, INVALID_BOOLEAN, UNKNOWN_FIELD",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: only administrators of the organization",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND: no such plugin, or the organization is outside the caller's subtree",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PluginEnablement.Status set(Authentication authentication, long id, String pluginId, @Body EnabledInput in) {
        return enablement.set(callers.of(authentication), id, pluginId, in.enabled());
    }

    @Delete("/api/orgs/{id}/plugins/{pluginId}")
    @Operation(
            summary = "Drop an organization's own setting of a plugin: it follows its parents (or the default) again")
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: only administrators of the organization",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND: no such plugin, or the organization is outside the caller's subtree",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PluginEnablement.Status clear(Authentication authentication, long id, String pluginId) {
        return enablement.clear(callers.of(authentication), id, pluginId);
    }

    @Get("/api/plugin-defaults/{pluginId}")
    @Operation(summary = "A plugin's default: on everywhere or nowhere unless set below (platform administrators)")
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: platform administrators only",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PluginEnablement.Default defaultOf(Authentication authentication, String pluginId) {
        return enablement.defaultOf(callers.of(authentication), pluginId);
    }

    @Put("/api/plugin-defaults/{pluginId}")
    @Operation(summary = "Set a plugin's default: on everywhere or nowhere unless set below (platform administrators)")
    @ApiResponse(
            responseCode = "400",
            description = "MISSING_FIELD, INVALID_BOOLEAN, UNKNOWN_FIELD",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: platform administrators only",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PluginEnablement.Default setDefault(Authentication authentication, String pluginId, @Body EnabledInput in) {
        return enablement.setDefault(callers.of(authentication), pluginId, in.enabled());
    }
}
