package org.gongjian.membercodes;

/** The stable codes of refused member codes; their texts are in the API's error bundles. */
public final class MemberCodeErrors {

    /** The text is no member code of this platform: a typo, another kind of code, forged or altered. */
    public static final String MEMBER_CODE_INVALID = "MEMBER_CODE_INVALID";

    /** The member's code was re-issued since (a lost card): this older code no longer counts. */
    public static final String MEMBER_CODE_REVOKED = "MEMBER_CODE_REVOKED";

    private MemberCodeErrors() {}
}
