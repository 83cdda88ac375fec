package org.gongjian.ledger;

/** What an asset counts. */
public enum AssetType {
    /** Time-bank minutes: 60 make one hour, one time coin (时间币). */
    TIME,
    /** Points of one point kind (积分类型), in its smallest unit. */
    POINTS
}
