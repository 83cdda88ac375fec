/** Helpers shared by the integration tests: an API client over real HTTP, test users. */
package org.gongjian.testing;
