package org.gongjian.ledger;

/**
 * One line of an account statement.
 *
 * @param seq the entry's number within the account (1 is the first)
 * @param amount signed: negative when the account paid, positive when it received
 * @param balance the account's balance after this entry
 * @param transfer the transfer with its reason, category, memo and source
 * @param counterpartyAccountId the other side of the transfer
 */
@io.micronaut.serde.annotation.Serdeable
public record StatementLine(
        long seq,
        long amount,
        long balance,
        Transfer transfer,
        long counterpartyAccountId,
        OwnerType counterpartyOwnerType,
        long counterpartyOwnerId) {}
