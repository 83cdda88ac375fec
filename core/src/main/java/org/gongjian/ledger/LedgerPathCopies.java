package org.gongjian.ledger;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.gongjian.organizations.PathCopy;

/**
 * The ledger's copies of organization paths that follow a moved organization: its point kinds and
 * its accounts (member accounts keep an empty path). Transfers keep the path they were posted with:
 * it is part of their hash.
 */
@Factory
class LedgerPathCopies {

    @Singleton
    PathCopy assets() {
        return new PathCopy("ledger_asset", "org_path");
    }

    @Singleton
    PathCopy accounts() {
        return new PathCopy("ledger_account", "org_path");
    }
}
