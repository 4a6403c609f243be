/** The SMTP adapter of the {@link dev.trustcenter.notices.Mailer} port. */
package dev.trustcenter.mail;
