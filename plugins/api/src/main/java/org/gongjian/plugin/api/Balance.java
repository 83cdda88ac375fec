package org.gongjian.plugin.api;

/**
 * What a member (or a plugin account) holds of one kind of points, or of time-bank hours.
 *
 * @param assetCode the point kind's code, e.g. {@code VOLUNTEER}; {@code TIME} for the time bank
 * @param assetName its name in Chinese, e.g. {@code 志愿积分}
 * @param hours true for time-bank hours (amounts in minutes), false for points
 * @param amount in the smallest unit: tenths of a point when {@code unitScale} is 10, minutes
 *     when it is 60
 * @param unitScale smallest units per displayed unit
 * @since 0.2
 */
public record Balance(String assetCode, String assetName, boolean hours, long amount, int unitScale) {}
