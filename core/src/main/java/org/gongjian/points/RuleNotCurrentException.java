package org.gongjian.points;

/**
 * An edit named a version of a rule that is no longer in force: another edit replaced it ({@link
 * PointsErrors#RULE_CHANGED_MEANWHILE}) or it was stopped ({@link PointsErrors#RULE_ARCHIVED}).
 * Nothing was changed; the API answers 409 with the code and the client reads the rule again.
 */
public final class RuleNotCurrentException extends RuntimeException {

    private final long ruleId;
    private final String code;

    RuleNotCurrentException(long ruleId, String code) {
        super("Rule version " + ruleId + " is no longer in force (" + code + "); read the rule again");
        this.ruleId = ruleId;
        this.code = code;
    }

    public long ruleId() {
        return ruleId;
    }

    public String code() {
        return code;
    }
}
