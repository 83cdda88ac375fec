package org.gongjian.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One page of the users an administrator manages and how many match in all. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserPage(List<UserSummary> items, int page, int size, long total) {

    public UserPage {
        items = List.copyOf(items);
    }
}
