package org.gongjian.bench;

import java.util.Arrays;

/** Times a call (3 warm-up, 15 measured) and prints a Markdown table row against a baseline. */
final class Timings {

    private Timings() {}

    /** The sorted times in milliseconds of 15 calls after 3 warm-up calls. */
    static double[] time(Runnable r) {
        for (int i = 0; i < 3; i++) {
            r.run();
        }
        double[] ms = new double[15];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    /** {@code | what | min | median | p95 | baseline median |} */
    static void report(String what, double[] ms, double[] baseline) {
        System.out.printf(
                "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n",
                what, ms[0], ms[ms.length / 2], ms[(int) (ms.length * 0.95)], baseline[baseline.length / 2]);
    }
}
