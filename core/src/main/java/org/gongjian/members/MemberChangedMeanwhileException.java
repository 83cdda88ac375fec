package org.gongjian.members;

/**
 * An update named a version of the member that is no longer the current one: someone else
 * changed it since the client read it. Nothing was changed; the API answers 409 {@code
 * MEMBER_CHANGED_MEANWHILE} and the client should read the member again.
 */
public final class MemberChangedMeanwhileException extends RuntimeException {

    private final long memberId;

    public MemberChangedMeanwhileException(long memberId) {
        super("Member " + memberId + " was changed meanwhile; read it again");
        this.memberId = memberId;
    }

    public long memberId() {
        return memberId;
    }

    public String code() {
        return MemberErrors.MEMBER_CHANGED_MEANWHILE;
    }
}
