/**
 * Demo data for {@code ./gongjian run --demo}: a street party committee with its communities,
 * grids and branches, about two thousand plausible residents in households, and sign-ins for
 * secretaries and volunteers. Deterministic (seeded), so that screenshots and tests can rely on it.
 */
package org.gongjian.demo;
