package org.gongjian.plugin.api;

/**
 * A ledger account owned by a plugin for one organization and one point kind, e.g. the market's
 * redemption account of a community. It never goes below zero: a plugin pays out only what it
 * received, it never creates points (awards come from points rules on the plugin's events). It is
 * reconciled like every other account.
 *
 * @param code the plugin's name for it, e.g. {@code REDEMPTION}: {@code [A-Z][A-Z0-9_]{0,31}}
 * @since 0.2
 */
public record PluginAccount(long accountId, String code, long organizationId, String assetCode) {}
