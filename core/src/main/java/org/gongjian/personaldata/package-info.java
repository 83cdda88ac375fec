/**
 * Personal information under PIPL: ID card numbers and phone numbers are validated, encrypted at
 * rest with AES-GCM, looked up by a keyed hash (HMAC-SHA256) and shown masked. The keys are
 * generated on first start under {@code $GONGJIAN_HOME/keys} (mode 600) or given by configuration,
 * and are never stored in the database.
 */
package org.gongjian.personaldata;
