package de.kommunalmarkt.common.inbox;

import java.util.List;

/** Which dead letters to replay: the listed {@code ids}, or {@code all} not replayed yet. */
public record ReplayRequest(List<Long> ids, Boolean all) {
}
