/**
 * QR codes: text drawn as an SVG (error correction M, quiet zone of four modules, black on white),
 * for members' codes, pickup codes and certificates, in the UI and, through the SDK's {@code
 * QrCodes}, in plugins. Owns no table and depends on nothing of ours but the SDK's interface.
 */
package org.gongjian.qrcodes;
