package org.gongjian.members;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One person known to the platform. */
@MappedEntity("member")
public record Member(@Id long id, long organizationId, String name, Instant createdAt) {}
