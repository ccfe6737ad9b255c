package de.kommunalmarkt.infra;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A SASL/SCRAM user of the broker and how a client connects as it. Kept on disk as a Kafka client
 * properties file ({@code <name>.properties}: bootstrap servers, security protocol, mechanism, JAAS
 * line), which {@code kafka-console-consumer.sh --consumer.config} and a Java client take as it is.
 */
public record KafkaUser(String name, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.regex.Pattern JAAS_PASSWORD = java.util.regex.Pattern.compile("password=\"([^\"]+)\"");

    public KafkaUser {
        if (name == null || !name.matches("[a-z0-9][a-z0-9.-]*")) {
            throw new IllegalArgumentException("not a user name for the broker: " + name);
        }
        if (password == null || password.isEmpty() || password.contains("\"") || password.contains("\\")) {
            throw new IllegalArgumentException("unusable password for " + name);
        }
    }

    /** A user with a new random password (24 bytes, URL-safe Base64). */
    public static KafkaUser withRandomPassword(String name) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return new KafkaUser(name, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The value of {@code sasl.jaas.config} for this user. */
    public String jaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name + "\" password=\""
                + password + "\";";
    }

    /** The settings a Kafka client connects with as this user. */
    public Map<String, String> clientConfig(String bootstrapServers) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", KafkaAccess.MECHANISM);
        config.put("sasl.jaas.config", jaasConfig());
        return config;
    }

    /**
     * The user kept in {@code dir/<name>.properties}, or a new one with a random password written
     * there (readable by the owner only) if there is none yet.
     */
    public static KafkaUser load(Path dir, String name, String bootstrapServers) throws IOException {
        Path file = dir.resolve(name + ".properties");
        if (Files.exists(file)) {
            Properties props = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                props.load(in);
            }
            java.util.regex.Matcher password = JAAS_PASSWORD.matcher(props.getProperty("sasl.jaas.config", ""));
            if (password.find()) {
                KafkaUser user = new KafkaUser(name, password.group(1));
                user.store(dir, bootstrapServers); // the port may have moved
                return user;
            }
        }
        KafkaUser user = withRandomPassword(name);
        user.store(dir, bootstrapServers);
        return user;
    }

    /** Writes {@code dir/<name>.properties}, the client properties file, readable by the owner only. */
    public Path store(Path dir, String bootstrapServers) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".properties");
        Path temp = dir.resolve(name + ".properties.tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp);
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's permissions protect it
        }
        try (Writer out = Files.newBufferedWriter(temp)) {
            out.write("# Kafka client settings of the principal " + name + " (written by the local stack; keep it secret)\n");
            for (Map.Entry<String, String> e : clientConfig(bootstrapServers).entrySet()) {
                out.write(e.getKey() + "=" + e.getValue().replace("\\", "\\\\") + "\n");
            }
        }
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
