-- Plugins' units of work (issue 11): what a plugin asks of the host (postings, audit rows, events)
-- commits in the host's transaction, and the plugin's own rows right after it on the plugin's
-- connection. plugin_unit is written in the host's transaction at the end of the unit; it is
-- settled once the plugin's commit is known (CONFIRMED), or by the recovery job, which looks for
-- the unit's marker row in the plugin's database: found, the unit is RECOVERED; missing, the
-- plugin's part was lost and the host's part is UNDONE (postings reversed, events cancelled).
-- claimed_until: the recovery job's claim, so that one app node settles a unit.
CREATE TABLE plugin_unit (
    id             BIGINT       NOT NULL,
    plugin_id      VARCHAR(40)  CHARACTER SET ascii NOT NULL,
    actor_user_id  BIGINT       NULL,
    created_at     DATETIME(6)  NOT NULL,
    outcome        VARCHAR(16)  CHARACTER SET ascii NULL,
    settled_at     DATETIME(6)  NULL,
    claimed_until  DATETIME(6)  NULL,
    PRIMARY KEY (id),
    KEY ix_plugin_unit_open (outcome, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The ledger accounts plugins own: one per plugin, code (e.g. REDEMPTION), organization and point
-- kind. The ledger account's owner is this row (owner_type PLUGIN, owner_id = id).
CREATE TABLE ledger_plugin_account (
    id               BIGINT       NOT NULL,
    plugin_id        VARCHAR(40)  CHARACTER SET ascii NOT NULL,
    code             VARCHAR(32)  CHARACTER SET ascii NOT NULL,
    organization_id  BIGINT       NOT NULL,
    asset_id         BIGINT       NOT NULL,
    created_at       DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY ux_ledger_plugin_account (plugin_id, code, organization_id, asset_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The transfers a plugin posted, with the unit they were posted in: a plugin reverses only its own
-- transfers, and a lost unit's transfers are reversed by the recovery job.
CREATE TABLE ledger_plugin_transfer (
    transfer_id  BIGINT       NOT NULL,
    plugin_id    VARCHAR(40)  CHARACTER SET ascii NOT NULL,
    unit_id      BIGINT       NOT NULL,
    PRIMARY KEY (transfer_id),
    KEY ix_ledger_plugin_transfer_unit (unit_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An event published in a plugin's unit is held (not handed to handlers, not swept) until the unit
-- is settled: released when it is confirmed, cancelled when it is undone.
ALTER TABLE domain_event ADD COLUMN unit_id BIGINT NULL;
ALTER TABLE domain_event ADD COLUMN held BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE domain_event ADD COLUMN cancelled_at DATETIME(6) NULL;
CREATE INDEX ix_domain_event_unit ON domain_event (unit_id);
