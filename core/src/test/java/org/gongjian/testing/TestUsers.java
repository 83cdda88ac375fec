package org.gongjian.testing;

import io.micronaut.core.annotation.Nullable;
import org.gongjian.access.Caller;
import org.gongjian.access.Role;
import org.gongjian.organizations.Organization;
import org.gongjian.security.UserAdmin;

/** Users with one role for API tests, made through the real users service, and their tokens. */
public final class TestUsers {

    public static final String PASSWORD = "a-long-password-1";

    private final UserAdmin users;
    private final Api api;

    public TestUsers(UserAdmin users, Api api) {
        this.users = users;
        this.api = api;
    }

    /** Creates the user (linked to {@code memberId} when given), grants the role and signs in. */
    public String token(String username, Role role, @Nullable Organization org, @Nullable Long memberId) {
        long userId = users.createUser(Caller.system(), username, PASSWORD, memberId, false)
                .user()
                .id();
        users.grant(Caller.system(), userId, role, org == null ? null : org.id());
        return api.token(username, PASSWORD);
    }
}
