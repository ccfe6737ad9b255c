package de.kommunalmarkt.infra;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SMTP and IMAP server (GreenMail) on 127.0.0.1 that keeps every mail it receives in memory.
 * Authentication is off: any sender is accepted, and a mailbox is read over IMAP with its e-mail
 * address as login and any password. Port 0 picks a free port; the server can be stopped and started
 * again on the same ports (an SMTP outage).
 */
public final class EmbeddedMailServer implements AutoCloseable {

    private final GreenMail greenMail;
    private final int smtpPort;
    private final int imapPort;
    /** What arrived before the last {@link #suspend()}: GreenMail forgets its mailboxes when it stops. */
    private final List<byte[]> beforeSuspend = new ArrayList<>();

    private EmbeddedMailServer(GreenMail greenMail, int smtpPort, int imapPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    public static EmbeddedMailServer start(int smtpPort, int imapPort) {
        int smtp = smtpPort == 0 ? freePort() : smtpPort;
        int imap = imapPort == 0 ? freePort() : imapPort;
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new EmbeddedMailServer(greenMail, smtp, imap);
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** Every mail received so far, as sent (RFC 5322 bytes), in the order of arrival. */
    public synchronized List<byte[]> receivedMessages() {
        List<byte[]> messages = new ArrayList<>(beforeSuspend);
        if (!greenMail.isRunning()) {
            return messages;
        }
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            try {
                message.writeTo(raw);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (MessagingException e) {
                throw new IllegalStateException("could not read a received mail", e);
            }
            messages.add(raw.toByteArray());
        }
        return messages;
    }

    /** Stops listening (the mails received so far are still listed here, not over IMAP); {@link #resume()} listens again on the same ports. */
    public synchronized void suspend() {
        if (greenMail.isRunning()) {
            List<byte[]> received = receivedMessages();
            beforeSuspend.clear();
            beforeSuspend.addAll(received);
            greenMail.stop();
        }
    }

    public synchronized void resume() {
        if (!greenMail.isRunning()) {
            greenMail.start();
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
