package de.kommunalmarkt.catalog.solution;

import de.kommunalmarkt.events.HostingMode;
import de.kommunalmarkt.events.OperatorType;

/** What an adopter looks for: words (web-search syntax: "phrases", or, -not) and filters; each may be {@code null}. */
public record SearchCriteria(String text, Category category, OperatorType operatorType, HostingMode hostingMode) {

    public SearchCriteria {
        text = text == null || text.isBlank() ? null : text.strip();
    }
}
