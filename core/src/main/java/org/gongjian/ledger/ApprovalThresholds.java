package org.gongjian.ledger;

import java.util.OptionalLong;

/**
 * The most of an asset that one request posted by a person (channels {@link Channel#MANUAL} and
 * {@link Channel#ADJUSTMENT}) may move without a second administrator's approval, e.g. the points
 * settings' approval threshold of the organization that records it. Features register
 * implementations as beans; the ledger enforces the smallest.
 */
public interface ApprovalThresholds {

    /**
     * @param orgPath the path of the organization that records the request
     * @return the limit in the asset's smallest unit, or empty when this feature sets none
     */
    OptionalLong threshold(Asset asset, String orgPath);
}
