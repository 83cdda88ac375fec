package org.gongjian.members;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One page of a member search and how many members match in all. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MemberPage(List<MemberView> items, int page, int size, long total) {

    public MemberPage {
        items = List.copyOf(items);
    }
}
