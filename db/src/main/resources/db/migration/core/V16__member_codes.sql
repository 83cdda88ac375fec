-- Members' codes (会员码): the code itself is a signed token computed from the member's id and the
-- version here, never stored (org.gongjian.membercodes). A member without a row has version 1; a
-- re-issue (a lost card) raises the version, so every code of an older version is refused.
CREATE TABLE member_code (
    member_id     BIGINT       NOT NULL,
    version       INT          NOT NULL,
    reissued_at   DATETIME(6)  NOT NULL,
    reissued_by   BIGINT       NULL,
    PRIMARY KEY (member_id),
    CONSTRAINT fk_member_code_member FOREIGN KEY (member_id) REFERENCES member (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
