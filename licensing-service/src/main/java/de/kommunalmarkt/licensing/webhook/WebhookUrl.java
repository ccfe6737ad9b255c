package de.kommunalmarkt.licensing.webhook;

import de.kommunalmarkt.common.problem.ProblemException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An operator's webhook endpoint: an absolute {@code https} URL with a host, without credentials or a
 * fragment. Plain {@code http} is accepted only for a loopback host, and only where
 * {@code licensing.webhooks.allow-http-loopback} is on (development, tests).
 */
public final class WebhookUrl {

    static final int MAX_LENGTH = 2000;

    /** The URL as given, checked; otherwise a 400 naming {@code url} and what is wrong. */
    public static URI check(String url, boolean allowHttpLoopback) {
        if (url == null || url.isBlank()) {
            throw invalid("is required: the https URL your endpoint receives events at");
        }
        if (url.length() > MAX_LENGTH) {
            throw invalid("must be at most " + MAX_LENGTH + " characters");
        }
        if (!url.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw invalid("must be plain ASCII without spaces or control characters (percent-encode anything else)");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("is no valid URL (" + e.getReason() + ")");
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw invalid("must be an absolute URL such as https://example.org/kommunalmarkt/events");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("must not contain credentials (user:password@); your endpoint verifies the webhook-signature instead");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("must not contain a fragment (#...)");
        }
        if ("https".equals(scheme)) {
            return uri;
        }
        if ("http".equals(scheme) && allowHttpLoopback && isLoopback(uri.getHost())) {
            return uri;
        }
        throw invalid("must use https" + (allowHttpLoopback ? " (http only for a loopback address)" : ""));
    }

    private static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:.]*")) {
            return false; // a name: never resolved here
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static ProblemException invalid(String message) {
        return ProblemException.badRequest("url", message);
    }

    private WebhookUrl() {
    }
}
