package org.gongjian.membercodes;

/**
 * A member's current code.
 *
 * @param name the member's name, to print under the code
 * @param version raised by each re-issue; older codes are refused
 * @param text what the QR code holds and a hand scanner types
 */
public record MemberCode(long memberId, String name, int version, String text) {}
