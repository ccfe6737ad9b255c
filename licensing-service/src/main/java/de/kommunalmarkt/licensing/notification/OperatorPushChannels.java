package de.kommunalmarkt.licensing.notification;

/**
 * Whether an operator follows its deployment requests on a push channel (a registered webhook), in
 * which case it is not also told by e-mail.
 */
public interface OperatorPushChannels {

    boolean hasPushChannel(String operatorId);
}
