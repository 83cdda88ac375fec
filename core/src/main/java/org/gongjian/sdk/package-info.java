/**
 * The host side of the plugin SDK, at the bottom of the dependency graph: what features implement
 * and use to serve plugins. Features contribute their adapters of SDK services as {@link
 * org.gongjian.sdk.SdkService} beans; {@link org.gongjian.sdk.HostCaller} is the only caller a
 * plugin is handed, {@link org.gongjian.sdk.HostTransaction} the host side of a plugin's unit of
 * work. The plugin host ({@code org.gongjian.plugins}, at the edge) collects the adapters and decides
 * what plugins see; features reach started plugins only through {@link
 * org.gongjian.sdk.PluginExtensions}.
 */
package org.gongjian.sdk;
