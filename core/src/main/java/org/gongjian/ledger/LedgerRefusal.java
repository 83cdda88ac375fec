package org.gongjian.ledger;

/**
 * A request the API does not post (422 with a stable code): nothing was stored and the key stays
 * unused.
 */
public final class LedgerRefusal extends RuntimeException {

    private final String code;

    public LedgerRefusal(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
