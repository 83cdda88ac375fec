package org.gongjian.members;

/** Party membership (sensitive personal information under PIPL). */
public enum PartyStatus {
    /** 正式党员. */
    FULL,
    /** 预备党员. */
    PROBATIONARY,
    /** 入党积极分子. */
    ACTIVIST,
    /** 发展对象. */
    CANDIDATE
}
