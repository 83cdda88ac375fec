package org.gongjian.members;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A member's ID card number and phone in clear; every one handed out is in the audit log. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UnmaskedMember(long memberId, @Nullable String idNumber, @Nullable String phone) {}
