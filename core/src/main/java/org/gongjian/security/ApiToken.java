package org.gongjian.security;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("api_token")
record ApiToken(@Id long id, long userId, byte[] tokenHash, Instant createdAt, Instant expiresAt) {}
