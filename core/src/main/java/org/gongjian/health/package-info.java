/** {@code GET /api/health}: the one open endpoint, for load balancers and monitoring. */
package org.gongjian.health;
