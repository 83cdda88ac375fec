-- Rules are edited by versions, never in place: points already in the ledger were decided by the
-- version that was in force, so an edit archives the current row and inserts its successor in one
-- transaction. All versions of one rule share lineage_id (the id of the first version); the rules
-- engine uses it as the ledger source_ref and in its idempotency key, so caps per day / week / month
-- / year count what every version of the rule gave, and an event is rewarded once per rule however
-- often it is delivered across an edit. Existing rules are their own first version (lineage_id =
-- id), which is also what their ledger transfers already name as source_ref.
-- version: 1, 2, ... per lineage; (lineage_id, version) is unique, so of two concurrent edits of
-- one version only one can insert the next. supersedes_id points from a version to the one it
-- replaced, superseded_by from a replaced version to its successor (NULL: current or stopped).
ALTER TABLE points_rule
    ADD COLUMN lineage_id BIGINT NULL AFTER id,
    ADD COLUMN version INT NOT NULL DEFAULT 1 AFTER lineage_id,
    ADD COLUMN supersedes_id BIGINT NULL,
    ADD COLUMN superseded_by BIGINT NULL;

UPDATE points_rule SET lineage_id = id;

ALTER TABLE points_rule
    MODIFY lineage_id BIGINT NOT NULL,
    ADD UNIQUE KEY ux_points_rule_version (lineage_id, version),
    ADD CONSTRAINT chk_points_rule_version CHECK (version >= 1);
