package de.kommunalmarkt.common.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Every {@link EventConsumer} of the service, by consumer name; collected on first use. */
@ApplicationScoped
public class EventConsumers {

    private final Instance<EventConsumer> beans;
    private volatile Map<String, Consumer<ReceivedEvent>> effects;

    public EventConsumers(Instance<EventConsumer> beans) {
        this.beans = beans;
    }

    /** The effect registered under the name, or {@code null} if there is no such consumer. */
    public Consumer<ReceivedEvent> effect(String consumer) {
        return all().get(consumer);
    }

    public Set<String> names() {
        return new TreeSet<>(all().keySet());
    }

    private Map<String, Consumer<ReceivedEvent>> all() {
        Map<String, Consumer<ReceivedEvent>> known = effects;
        if (known == null) {
            known = new HashMap<>();
            for (EventConsumer bean : beans) {
                for (var entry : bean.effects().entrySet()) {
                    if (known.put(entry.getKey(), entry.getValue()) != null) {
                        throw new IllegalStateException("two effects registered for consumer " + entry.getKey());
                    }
                }
            }
            effects = Map.copyOf(known);
        }
        return known;
    }
}
