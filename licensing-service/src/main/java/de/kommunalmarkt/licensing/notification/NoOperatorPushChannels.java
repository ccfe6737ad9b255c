package de.kommunalmarkt.licensing.notification;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * No operator counts as having a push channel yet, so every operator is told of a new deployment
 * request by e-mail. The webhook registrations ({@code webhook/}) are to answer instead, with a bean of
 * their own that replaces this default one.
 */
@DefaultBean
@ApplicationScoped
public class NoOperatorPushChannels implements OperatorPushChannels {

    @Override
    public boolean hasPushChannel(String operatorId) {
        return false;
    }
}
