/**
 * The time bank (时间银行): one hour of service is one time coin, kept in minutes on the ledger's
 * time asset. This package owns the rules around those minutes, not the bookkeeping: staff deposit
 * recorded service (存入) from their organization's issuance account; members pay each other for
 * services, gift to direct relatives of their household (转赠), donate to a community pool (捐赠)
 * and spend at any organization of the platform (支取, 通存通兑); administrators grant from the pool
 * to members in need. Spending needs the policy's age (default 60) of the member or their spouse;
 * a storage cap (default 1500 h) is enforced by the ledger under its row lock through {@link
 * org.gongjian.timebank.StorageCap}. Policies are set per organization and inherited down the
 * tree. Every operation takes a client idempotency key and answers the ledger's named result or
 * a business refusal of {@link org.gongjian.timebank.TimeBankResult}; the REST API is {@code
 * /api/timebank} for staff and {@code /api/me/timebank} for a member signed in as themselves.
 */
package org.gongjian.timebank;
