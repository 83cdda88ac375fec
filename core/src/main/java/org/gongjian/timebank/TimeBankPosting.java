package org.gongjian.timebank;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.gongjian.access.Caller;
import org.gongjian.audit.AuditLog;
import org.gongjian.ledger.Channel;
import org.gongjian.ledger.Ledger;
import org.gongjian.ledger.Posting;
import org.gongjian.ledger.PostingResult;
import org.gongjian.ledger.TransferSpec;
import org.gongjian.members.Relatives.Person;
import org.gongjian.timebank.TimeBankResult.Refusal;

/** The last step of every time-bank operation: the ledger posts or refuses, with the audit row of a new posting. */
@Singleton
class TimeBankPosting {

    private final Ledger ledger;
    private final AuditLog audit;

    TimeBankPosting(Ledger ledger, AuditLog audit) {
        this.ledger = ledger;
        this.audit = audit;
    }

    /**
     * Posts the transfer, or stores the time bank's refusal as the key's result, in one transaction
     * with the audit row of a new posting; a key already decided answers its first result (and is
     * not audited again). The accounts were opened and the rules judged before.
     */
    TimeBankResult post(
            Caller caller,
            String key,
            long organizationId,
            Optional<Refusal> refusal,
            TransferSpec transfer,
            String action,
            Person subject,
            String detail) {
        Long actor = caller.userId() == 0 ? null : caller.userId();
        Posting posting =
                new Posting(caller.userId(), key, organizationId, actor, List.of(transfer), Channel.TIME_BANK);
        PostingResult posted = ledger.inTransaction(status -> {
            if (refusal.isPresent()) {
                return ledger.refuse(posting, refusal.get().name());
            }
            PostingResult result = ledger.post(posting);
            if (result.ok() && !result.replayed()) {
                audit.append(
                        caller,
                        action,
                        "MEMBER",
                        subject.id(),
                        subject.organizationId(),
                        subject.orgPath(),
                        detail + ", ledger request " + result.requestId());
            }
            return result;
        });
        return TimeBankResult.of(posted);
    }
}
