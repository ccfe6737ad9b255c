package de.kommunalmarkt.testsupport;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import javax.management.JMException;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * What the test SMTP server ({@link GreenMailTestResource}) received, read as a person's mail client
 * would show it; and the server's switch, to make an SMTP outage.
 */
public final class TestMailbox {

    /** One received mail: its Message-ID, recipients, subject, text and attachments (file name → bytes). */
    public record ReceivedMail(String messageId, List<String> to, String subject, String text, Map<String, byte[]> attachments) {

        public boolean isTo(String address) {
            return to.contains(address);
        }
    }

    private TestMailbox() {
    }

    /** Every mail received so far, in the order of arrival. */
    public static List<ReceivedMail> received() {
        byte[][] raw;
        try {
            raw = (byte[][]) ManagementFactory.getPlatformMBeanServer().getAttribute(mbean(), "Messages");
        } catch (JMException e) {
            throw new IllegalStateException("could not read the test mail server", e);
        }
        List<ReceivedMail> mails = new ArrayList<>();
        for (byte[] message : raw) {
            mails.add(parse(message));
        }
        return mails;
    }

    /** The mails that match, once at least one does (waiting up to {@code timeout}); fails the test otherwise. */
    public static List<ReceivedMail> awaitAny(Predicate<ReceivedMail> which, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ReceivedMail> found = received().stream().filter(which).toList();
            if (!found.isEmpty()) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such mail arrived within " + timeout + "; received: "
                        + received().stream().map(m -> m.to() + " " + m.subject()).toList());
            }
            sleep(100);
        }
    }

    /** The mails that match, counted after waiting {@code settle} for late duplicates. */
    public static List<ReceivedMail> settled(Predicate<ReceivedMail> which, Duration settle) {
        sleep(settle.toMillis());
        return received().stream().filter(which).toList();
    }

    /** The SMTP server stops listening (an outage) ... */
    public static void stopServer() {
        invoke("suspend");
    }

    /** ... and listens again on the same port. */
    public static void startServer() {
        invoke("resume");
    }

    private static void invoke(String operation) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(mbean(), operation, null, null);
        } catch (JMException e) {
            throw new IllegalStateException("could not " + operation + " the test mail server", e);
        }
    }

    private static ObjectName mbean() throws MalformedObjectNameException {
        ObjectName name = new ObjectName(GreenMailTestResource.MBEAN_NAME);
        if (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
            throw new IllegalStateException("no test mail server: add @QuarkusTestResource(GreenMailTestResource.class)");
        }
        return name;
    }

    private static ReceivedMail parse(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            List<String> to = message.getRecipients(Message.RecipientType.TO) == null ? List.of()
                    : Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                            .map(a -> ((InternetAddress) a).getAddress()).toList();
            StringBuilder text = new StringBuilder();
            Map<String, byte[]> attachments = new LinkedHashMap<>();
            collect(message, text, attachments);
            return new ReceivedMail(message.getMessageID(), to, message.getSubject(), text.toString(), attachments);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not read a received mail", e);
        }
    }

    private static void collect(Part part, StringBuilder text, Map<String, byte[]> attachments) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, text, attachments);
            }
        } else if (part.getFileName() != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            attachments.put(part.getFileName(), part.getInputStream().readAllBytes());
        } else if (part.isMimeType("text/plain")) {
            text.append(part.getContent());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
