package org.gongjian.plugins;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

@Controller("/api/plugins")
@Secured("PLATFORM_ADMIN")
@Tag(name = "Plugins")
class PluginsController {

    private final PluginHost host;

    PluginsController(PluginHost host) {
        this.host = host;
    }

    @Get
    @Operation(summary = "Installed plugins with their version and state (platform administrators only)")
    List<PluginInfo> list() {
        return host.list();
    }
}
