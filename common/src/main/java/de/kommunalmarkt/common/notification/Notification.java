package de.kommunalmarkt.common.notification;

import java.util.Objects;

/**
 * One e-mail to one person, rendered: the key names the notification (what happened, to whom) so that
 * writing it again — a redelivered event, a replayed dead letter — changes nothing.
 */
public record Notification(String key, String recipient, String subject, String body, Attachment attachment) {

    public Notification {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }

    public static Notification of(String key, String recipient, String subject, String body) {
        return new Notification(key, recipient, subject, body, null);
    }

    public Notification withAttachment(String name, String contentType, byte[] content) {
        return new Notification(key, recipient, subject, body, new Attachment(name, contentType, content));
    }

    /** A file sent with the mail, e.g. an invoice's XRechnung. */
    public record Attachment(String name, String contentType, byte[] content) {

        public Attachment {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
        }
    }
}
