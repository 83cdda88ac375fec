package org.gongjian.plugin.api;

/**
 * Draws text as a QR code, e.g. a pickup code to show on a phone or to print. The answer is an SVG
 * document: crisp at any size on every screen and on paper. Error correction level M (a scratched
 * or folded print still reads) with the standard quiet zone of four modules around it; black on
 * white, never inverted, so that every scanner reads it.
 *
 * @since 0.3
 */
public interface QrCodes {

    /** The longest text drawn (characters); a QR code of more is too dense to scan from a phone. */
    int MAX_LENGTH = 500;

    /**
     * One {@code <svg>} element with a {@code viewBox} and {@code width="100%"}: it takes the width
     * of the box it is put in and stays square. Use it inline or as an image ({@code
     * data:image/svg+xml;base64,...}).
     *
     * @throws IllegalArgumentException if the text is blank or longer than {@link #MAX_LENGTH}
     */
    String svg(String text);

    /**
     * The SVG as a {@code data:image/svg+xml;base64,...} address, for an image's {@code src}.
     *
     * @throws IllegalArgumentException if the text is blank or longer than {@link #MAX_LENGTH}
     */
    default String svgDataUrl(String text) {
        return "data:image/svg+xml;base64,"
                + java.util.Base64.getEncoder()
                        .encodeToString(svg(text).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
