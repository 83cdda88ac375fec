package org.gongjian.ledger;

import io.micronaut.serde.annotation.Serdeable;

/**
 * An account with its asset, as the API and the UI show it.
 *
 * @param balance in the asset's smallest unit; divide by {@code unitScale} for hours or points
 */
@Serdeable
public record AccountView(
        long id,
        long assetId,
        AssetType assetType,
        String assetCode,
        String assetName,
        int unitScale,
        OwnerType ownerType,
        long ownerId,
        long balance,
        long entries,
        boolean closed) {}
