package org.gongjian.qrcodes;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.gongjian.plugin.api.QrCodes;

/**
 * Draws text as a QR code in SVG: one path of the dark modules, row by row, a white background and
 * the quiet zone of four modules, {@code shape-rendering="crispEdges"} so that no screen blurs the
 * edges. Text is encoded as UTF-8 (Chinese text reads on every phone's scanner).
 */
@Singleton
public final class QrCodeRenderer {

    private static final int QUIET_ZONE = 4;

    /**
     * The QR code of {@code text} as one {@code <svg>} element, {@code width="100%"}, square.
     *
     * @throws IllegalArgumentException if the text is blank or longer than {@link QrCodes#MAX_LENGTH}
     */
    public String svg(String text) {
        BitMatrix matrix = matrix(text);
        int size = matrix.getWidth();
        int full = size + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < size; y++) {
            int x = 0;
            while (x < size) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < size && matrix.get(x, y)) {
                    x++;
                }
                path.append('M')
                        .append(start + QUIET_ZONE)
                        .append(' ')
                        .append(y + QUIET_ZONE)
                        .append('h')
                        .append(x - start)
                        .append("v1h-")
                        .append(x - start)
                        .append('z');
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + full + " " + full
                + "\" width=\"100%\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + full + "\" height=\"" + full + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    /** The SVG as a {@code data:image/svg+xml;base64,...} address, for an image's {@code src}. */
    public String svgDataUrl(String text) {
        return "data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(svg(text).getBytes(StandardCharsets.UTF_8));
    }

    /** The modules of the code, without the quiet zone (the SVG draws it). */
    static BitMatrix matrix(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A QR code needs text");
        }
        if (text.length() > QrCodes.MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "A QR code takes at most " + QrCodes.MAX_LENGTH + " characters, was " + text.length());
        }
        try {
            return new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(
                                    EncodeHintType.ERROR_CORRECTION,
                                    ErrorCorrectionLevel.M,
                                    EncodeHintType.CHARACTER_SET,
                                    StandardCharsets.UTF_8.name(),
                                    EncodeHintType.MARGIN,
                                    0));
        } catch (WriterException e) {
            throw new IllegalArgumentException("The text does not fit in a QR code", e);
        }
    }
}
