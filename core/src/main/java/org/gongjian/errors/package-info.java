/**
 * Domain errors that services throw and every entry point (API, UI) turns into a clear,
 * specific message: a stable code, the field it concerns, and nothing changed.
 */
package org.gongjian.errors;
