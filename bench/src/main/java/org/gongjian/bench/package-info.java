/**
 * Benchmarks: plain programs that measure one thing against a baseline in the same run and print
 * the figures that go to docs/BENCHMARKS.md. Run them with {@code bench/run <Name>}.
 */
package org.gongjian.bench;
