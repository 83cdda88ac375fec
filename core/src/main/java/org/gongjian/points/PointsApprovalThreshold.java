package org.gongjian.points;

import jakarta.inject.Singleton;
import java.util.OptionalLong;
import org.gongjian.ledger.ApprovalThresholds;
import org.gongjian.ledger.Asset;
import org.gongjian.ledger.AssetType;

/**
 * The points settings' approval threshold as the ledger's limit for points moved by a person (by
 * hand or as an adjustment posted at once): the threshold in force at the recording organization,
 * in the kind's smallest unit. More needs a second administrator ({@link Adjustments#approve}).
 */
@Singleton
final class PointsApprovalThreshold implements ApprovalThresholds {

    private final PointsSettings settings;

    PointsApprovalThreshold(PointsSettings settings) {
        this.settings = settings;
    }

    @Override
    public OptionalLong threshold(Asset asset, String orgPath) {
        if (asset.type() != AssetType.POINTS) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(settings.at(orgPath).approvalThreshold() * asset.unitScale());
    }
}
