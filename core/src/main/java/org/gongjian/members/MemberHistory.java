package org.gongjian.members;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.gongjian.audit.AuditEntry;

/** A member's transfers, oldest first, and the audit entries about the member, oldest first. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MemberHistory(long memberId, List<MemberTransfer> transfers, List<AuditEntry> audit) {

    public MemberHistory {
        transfers = List.copyOf(transfers);
        audit = List.copyOf(audit);
    }
}
