package org.gongjian.pluginsettings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.tree.JsonNode;
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
import java.util.HashMap;
import java.util.Map;
import org.gongjian.access.Callers;
import org.gongjian.api.ApiError;
import org.gongjian.errors.InvalidInputException;

/**
 * The settings of a plugin per organization. A fixed prefix of its own ({@code /api/plugin-settings})
 * so that it never meets the endpoints plugins contribute under {@code /api/plugins/<id>/...}.
 */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Plugin settings", description = "Typed settings plugins declare, set per organization, inherited")
class PluginSettingsController {

    private final PluginSettingsService settings;
    private final Callers callers;

    PluginSettingsController(PluginSettingsService settings, Callers callers) {
        this.settings = settings;
        this.callers = callers;
    }

    @Get("/api/plugin-settings/{pluginId}/{organizationId}")
    @Operation(
            summary = "A started plugin's settings as they apply at an organization",
            description = "Each setting with the value in force and where it comes from (OWN, INHERITED from an"
                    + " ancestor, or the plugin's DEFAULT), and what would apply without the organization's own"
                    + " value. Staff and administrators of the organization's subtree.")
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND: the organization is outside the caller's subtree or missing, or the plugin"
                    + " is not started or declares no settings",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PluginSettingsService.View read(Authentication authentication, String pluginId, long organizationId) {
        return settings.read(callers.of(authentication), pluginId, organizationId);
    }

    /** @param values key → the organization's own value; null drops it (the organization inherits again) */
    @Serdeable
    record SettingsInput(
            @Schema(
                            description = "key → value: a JSON number for INTEGER and DECIMAL (or the number as a"
                                    + " string), true/false for BOOLEAN, a string for TEXT and CHOICE; null to inherit"
                                    + " again")
                    Map<String, @Nullable JsonNode> values) {}

    @Put("/api/plugin-settings/{pluginId}/{organizationId}")
    @Operation(
            summary = "Set or drop an organization's own values of a plugin's settings (administrators)",
            description = "Keys not sent keep their values. Every value is checked before any is stored; the"
                    + " change is audited as PLUGIN_SETTINGS_CHANGED.")
    @ApiResponse(
            responseCode = "400",
            description = "PLUGIN_SETTING_UNKNOWN, PLUGIN_SETTING_NOT_INTEGER (1.5, 1e3 are refused, never rounded),"
                    + " PLUGIN_SETTING_NOT_DECIMAL (at most one decimal place), PLUGIN_SETTING_TOO_SMALL,"
                    + " PLUGIN_SETTING_TOO_LARGE, PLUGIN_SETTING_NOT_BOOLEAN, PLUGIN_SETTING_TOO_LONG,"
                    + " PLUGIN_SETTING_NOT_A_CHOICE, PLUGIN_SETTING_VALUE_INVALID (an array or object, or control"
                    + " characters); the field is the setting's key. Nothing is stored.",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: only administrators of the organization",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "NOT_FOUND: the organization is outside the caller's subtree or missing, or the plugin"
                    + " is not started or declares no settings",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    PluginSettingsService.View change(
            Authentication authentication, String pluginId, long organizationId, @Body SettingsInput input) {
        Map<String, String> values = new HashMap<>();
        if (input.values() != null) {
            input.values().forEach((key, node) -> values.put(key, text(key, node)));
        }
        return settings.change(callers.of(authentication), pluginId, organizationId, values);
    }

    /** The value as text exactly as sent: a number's digits, true/false, a string; null for JSON null. */
    private static @Nullable String text(String key, @Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.getStringValue();
        }
        if (node.isBoolean()) {
            return Boolean.toString(node.getBooleanValue());
        }
        if (node.isNumber()) {
            return node.getNumberValue().toString();
        }
        throw new InvalidInputException(
                PluginSettingsErrors.VALUE_INVALID, key, key + ": send a string, a number or true/false");
    }
}
