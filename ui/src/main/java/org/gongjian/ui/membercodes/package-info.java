/**
 * Members' codes (会员码) on pages: the large QR code with the member's name under it, on the
 * volunteer's own page and on the printable member's card, through {@link
 * org.gongjian.membercodes.MemberCodes} and {@link org.gongjian.qrcodes.QrCodeRenderer}.
 */
package org.gongjian.ui.membercodes;
