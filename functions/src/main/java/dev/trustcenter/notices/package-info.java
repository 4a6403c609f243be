/**
 * Sending notices to people and systems: the {@link dev.trustcenter.notices.Mailer} and {@link
 * dev.trustcenter.notices.WebhookSender} ports.
 */
package dev.trustcenter.notices;
