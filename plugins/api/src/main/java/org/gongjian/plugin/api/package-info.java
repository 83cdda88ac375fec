/**
 * The Gongjian plugin SDK: the whole, stable contract between the platform and a plugin.
 *
 * <p>A plugin is a PF4J jar whose main class extends {@link org.gongjian.plugin.api.GongjianPlugin}
 * and whose extensions implement the extension points of this package. The host constructs the
 * plugin and its extensions itself and hands them a {@link org.gongjian.plugin.api.PluginContext};
 * plugins never see the host's dependency-injection container or PF4J's internals.
 *
 * <p>Compatibility promise: within a major version, changes here are additive only. Every type
 * says since which version it exists. Plugins depend on this artifact at {@code provided} scope.
 *
 * @since 0.1
 */
package org.gongjian.plugin.api;
