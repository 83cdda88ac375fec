package org.gongjian.membercodes;

import org.gongjian.access.Caller;
import org.gongjian.access.NotFoundException;
import org.gongjian.personaldata.SecretKeys;

/** Codes for tests elsewhere: a member's current code, or a well-signed code of a member that does not exist. */
public final class MemberCodeTexts {

    private MemberCodeTexts() {}

    public static String current(MemberCodes codes, SecretKeys keys, long memberId) {
        try {
            return codes.of(Caller.system(), memberId).text();
        } catch (NotFoundException missing) {
            return MemberCodes.token(keys).seal(memberId, 1);
        }
    }
}
