package org.gongjian.members;

/** Whether a member still lives and takes part in the organization. */
public enum MemberStatus {
    ACTIVE,
    /** Moved away; the record stays for history, points and hours. */
    MOVED_OUT,
    DECEASED
}
