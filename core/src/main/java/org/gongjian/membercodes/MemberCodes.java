package org.gongjian.membercodes;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.gongjian.access.Caller;
import org.gongjian.access.ForbiddenException;
import org.gongjian.access.MemberScope;
import org.gongjian.access.MemberScopes;
import org.gongjian.access.NotFoundException;
import org.gongjian.audit.AuditLog;
import org.gongjian.audit.AuditsDenials;
import org.gongjian.errors.InvalidInputException;
import org.gongjian.personaldata.SecretKeys;

/**
 * Issues, re-issues and resolves members' codes on behalf of a {@link Caller}. A member's code is
 * readable by the member themself and by readers of the member's subtree; a member outside answers
 * {@link NotFoundException}, exactly like a missing one. Staff who may edit the member re-issue
 * the code (the old one is refused from then on), audited in the same transaction.
 */
@Singleton
@AuditsDenials
public class MemberCodes {

    static final String TARGET = "MEMBER";

    private final MemberCodeStore store;
    private final MemberScopes scopes;
    private final AuditLog audit;
    private final Clock clock;
    private final MemberCodeToken token;

    MemberCodes(MemberCodeStore store, MemberScopes scopes, AuditLog audit, Clock clock, SecretKeys keys) {
        this.store = store;
        this.scopes = scopes;
        this.audit = audit;
        this.clock = clock;
        this.token = token(keys);
    }

    /** The token format with this server's keys (derived from the secret key, one per purpose). */
    static MemberCodeToken token(SecretKeys keys) {
        return new MemberCodeToken(keys.derived("gongjian-member-code-aes"), keys.derived("gongjian-member-code-mac"));
    }

    /** The signed-in member's own code; not found for a user without a member record. */
    @Transactional(readOnly = true)
    public MemberCode own(Caller caller) {
        if (caller.memberId() == null) {
            throw new NotFoundException("Member", 0);
        }
        return of(caller, caller.memberId());
    }

    /** A member's current code, e.g. for a printed card. */
    @Transactional(readOnly = true)
    public MemberCode of(Caller caller, long memberId) {
        readable(caller, memberId);
        return code(memberId, store.version(memberId));
    }

    /**
     * A new code for a member (a lost card or phone): every earlier code is refused from now on.
     * Staff and administrators of the member's subtree.
     */
    @Transactional
    public MemberCode reissue(Caller caller, long memberId) {
        MemberScope scope = scopes.of(memberId)
                .filter(s -> caller.mayRead(s.orgPath()))
                .orElseThrow(() -> new NotFoundException("Member", memberId));
        if (!caller.mayEdit(scope.orgPath())) {
            throw new ForbiddenException("Your role does not re-issue members' codes here");
        }
        int version = store.raise(memberId, clock.instant(), caller.userId() == 0 ? null : caller.userId());
        audit.append(
                caller,
                "MEMBER_CODE_REISSUED",
                TARGET,
                memberId,
                scope.organizationId(),
                scope.orgPath(),
                "重新签发会员码（第 " + version + " 版），此前的会员码和会员卡作废");
        return code(memberId, version);
    }

    /**
     * The member a scanned code names, if the caller may read the member.
     *
     * @throws InvalidInputException {@code MEMBER_CODE_INVALID} (400) for text that is no code of
     *     this server, {@code MEMBER_CODE_REVOKED} (409) for a code replaced by a re-issue
     * @throws NotFoundException for a member outside the caller's subtree or gone
     */
    @Transactional(readOnly = true)
    public MemberCode resolve(Caller caller, String scanned) {
        MemberCodeToken.Opened opened = token.open(scanned)
                .orElseThrow(() -> new InvalidInputException(
                        MemberCodeErrors.MEMBER_CODE_INVALID, "code", "This is not a member's code"));
        readable(caller, opened.memberId());
        int current = store.version(opened.memberId());
        if (opened.version() < current) {
            throw InvalidInputException.conflict(
                    MemberCodeErrors.MEMBER_CODE_REVOKED, "code", "This member's code was replaced by a newer one");
        }
        if (opened.version() > current) {
            throw new InvalidInputException(
                    MemberCodeErrors.MEMBER_CODE_INVALID, "code", "This is not a member's code");
        }
        return code(opened.memberId(), current);
    }

    private void readable(Caller caller, long memberId) {
        boolean self = caller.memberId() != null && caller.memberId() == memberId;
        scopes.of(memberId)
                .filter(s -> self || caller.mayRead(s.orgPath()))
                .orElseThrow(() -> new NotFoundException("Member", memberId));
    }

    private MemberCode code(long memberId, int version) {
        String name = scopes.names(List.of(memberId)).getOrDefault(memberId, "");
        return new MemberCode(memberId, name, version, token.seal(memberId, version));
    }
}
