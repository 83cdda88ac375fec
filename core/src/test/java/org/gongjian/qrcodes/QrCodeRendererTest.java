package org.gongjian.qrcodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gongjian.plugin.api.QrCodes;
import org.junit.jupiter.api.Test;

/** The SVG is a QR code a scanner reads back to the same text: redrawn from its path and decoded. */
class QrCodeRendererTest {

    private static final Pattern SIZE = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");
    private static final int SCALE = 4;

    private final QrCodeRenderer renderer = new QrCodeRenderer();

    @Test
    void the_svg_reads_back_to_the_text_it_was_drawn_from() throws Exception {
        for (String text : new String[] {"GJM1VFVN5VEVD2L2NMDZPBZ5I5GWNJMDVCVCLC3ONWFZLY", "K7QM2XPA", "雷锋超市 取货码"}) {
            assertThat(decode(renderer.svg(text))).isEqualTo(text);
        }
    }

    @Test
    void the_svg_is_square_black_on_white_with_a_quiet_zone_and_scales_to_its_box() {
        String svg = renderer.svg("K7QM2XPA");

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("width=\"100%\"");
        assertThat(svg).contains("fill=\"#fff\"").contains("fill=\"#000\"").contains("crispEdges");
        Matcher size = SIZE.matcher(svg);
        assertThat(size.find()).isTrue();
        assertThat(size.group(1)).isEqualTo(size.group(2));
        Matcher run = RUN.matcher(svg);
        int minX = Integer.MAX_VALUE;
        while (run.find()) {
            minX = Math.min(minX, Integer.parseInt(run.group(1)));
        }
        assertThat(minX).as("four modules of quiet zone").isEqualTo(4);
        assertThat(renderer.svgDataUrl("K7QM2XPA")).startsWith("data:image/svg+xml;base64,PHN2Zy");
    }

    @Test
    void blank_and_overlong_texts_are_refused() {
        assertThatThrownBy(() -> renderer.svg(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> renderer.svg(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> renderer.svg("A".repeat(QrCodes.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(renderer.svg("A".repeat(QrCodes.MAX_LENGTH))).startsWith("<svg");
    }

    /** Paints the SVG's runs into pixels, SCALE per module, and reads them as a scanner would. */
    private static String decode(String svg) throws Exception {
        Matcher size = SIZE.matcher(svg);
        assertThat(size.find()).isTrue();
        int modules = Integer.parseInt(size.group(1));
        int side = modules * SCALE;
        int[] pixels = new int[side * side];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher run = RUN.matcher(svg);
        while (run.find()) {
            int x = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            for (int py = y * SCALE; py < (y + 1) * SCALE; py++) {
                for (int px = x * SCALE; px < (x + length) * SCALE; px++) {
                    pixels[py * side + px] = 0xFF000000;
                }
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
