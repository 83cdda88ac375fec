-- Accounts: one account per member, and one grant per user, role and organization.

-- A person signs in with one account; NULL (an account without a member) may repeat.
ALTER TABLE app_user ADD UNIQUE KEY ux_app_user_member (member_id);

-- Granting a role twice is answered with the existing grant: the key makes that safe under
-- concurrent requests. PLATFORM_ADMIN has no organization, so the key uses 0 for "none".
ALTER TABLE role_grant
    ADD COLUMN scope_id BIGINT AS (COALESCE(organization_id, 0)) STORED,
    ADD UNIQUE KEY ux_role_grant_user_role_scope (user_id, role, scope_id),
    ADD KEY ix_role_grant_organization (organization_id, user_id);
