/** The audit log viewer: who did what and when, filtered, and whether the chain is intact. */
package org.gongjian.ui.audit;
