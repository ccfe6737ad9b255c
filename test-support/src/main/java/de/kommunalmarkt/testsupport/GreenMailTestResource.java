package de.kommunalmarkt.testsupport;

import de.kommunalmarkt.infra.EmbeddedMailServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * A real SMTP server (GreenMail, in this JVM) for {@code @QuarkusTest}s: one per test JVM on a free
 * port, shared by the test applications; sets {@code quarkus.mailer.*} to it with the mailer's mock
 * off. Tests read what arrived, and stop and start the server, through {@link TestMailbox}.
 */
public class GreenMailTestResource implements QuarkusTestResourceLifecycleManager {

    /**
     * The server, found again by every test application. Quarkus loads test resources and tests in
     * class loaders of their own, so the server is reached through the JVM's platform MBean server,
     * with JDK types only (a system property may only hold strings: Narayana copies them all).
     */
    static final String MBEAN_NAME = "de.kommunalmarkt.testsupport:type=TestMailServer";
    private static final String SMTP_PORT_PROPERTY = "kommunalmarkt.test.mail.smtp-port";

    /** This JVM's test mail server's SMTP port; the server is started on first use. */
    public static int smtpPort() {
        synchronized (System.class) {
            String port = System.getProperty(SMTP_PORT_PROPERTY);
            if (port != null) {
                return Integer.parseInt(port);
            }
            EmbeddedMailServer server = EmbeddedMailServer.start(0, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            try {
                ManagementFactory.getPlatformMBeanServer().registerMBean(new TestMailServer(server), new ObjectName(MBEAN_NAME));
            } catch (JMException e) {
                throw new IllegalStateException("could not register the test mail server", e);
            }
            System.setProperty(SMTP_PORT_PROPERTY, String.valueOf(server.smtpPort()));
            return server.smtpPort();
        }
    }

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(smtpPort()),
                "quarkus.mailer.start-tls", "DISABLED");
    }

    /** The server's switch and contents as an MBean ({@link TestMailbox} calls it by name). */
    public interface TestMailServerMBean {
        byte[][] getMessages();

        void suspend();

        void resume();
    }

    public static final class TestMailServer implements TestMailServerMBean {
        private final EmbeddedMailServer server;

        TestMailServer(EmbeddedMailServer server) {
            this.server = server;
        }

        @Override
        public byte[][] getMessages() {
            return server.receivedMessages().toArray(new byte[0][]);
        }

        @Override
        public void suspend() {
            server.suspend();
        }

        @Override
        public void resume() {
            server.resume();
        }
    }

    @Override
    public void stop() {
        // shared for the JVM's lifetime
    }
}
