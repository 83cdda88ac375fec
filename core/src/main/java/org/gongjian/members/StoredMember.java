package org.gongjian.members;

import io.micronaut.core.annotation.Nullable;

/** A member row with its encrypted personal data, as read by {@link MemberRows}. */
record StoredMember(Member member, @Nullable byte[] idNumberEnc, @Nullable byte[] phoneEnc) {}
