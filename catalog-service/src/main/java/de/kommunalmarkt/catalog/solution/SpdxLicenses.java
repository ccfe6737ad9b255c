package de.kommunalmarkt.catalog.solution;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SPDX licence ids the catalog accepts for a solution's source code (SPDX License List), each
 * with whether the Open Source Initiative approved it. SPDX ids match case-insensitively; the
 * catalog stores the canonical spelling.
 */
public final class SpdxLicenses {

    /** One licence of the list. */
    public record License(String id, boolean osiApproved) {
        /** The gate's SHOULD criterion: OSI-approved, or the EUPL (the EU's own licence). */
        public boolean osiApprovedOrEupl() {
            return osiApproved || id.startsWith("EUPL-");
        }
    }

    private static final Map<String, License> BY_LOWER_CASE_ID = Stream.of(
            osi("EUPL-1.1"), osi("EUPL-1.2"),
            osi("MIT"), osi("MIT-0"), osi("Apache-2.0"), osi("ISC"), osi("0BSD"),
            osi("BSD-2-Clause"), osi("BSD-3-Clause"), osi("Zlib"), osi("BSL-1.0"), osi("PostgreSQL"), osi("Unlicense"),
            osi("GPL-2.0-only"), osi("GPL-2.0-or-later"), osi("GPL-3.0-only"), osi("GPL-3.0-or-later"),
            osi("LGPL-2.1-only"), osi("LGPL-2.1-or-later"), osi("LGPL-3.0-only"), osi("LGPL-3.0-or-later"),
            osi("AGPL-3.0-only"), osi("AGPL-3.0-or-later"),
            osi("MPL-2.0"), osi("EPL-1.0"), osi("EPL-2.0"), osi("CDDL-1.0"), osi("Artistic-2.0"),
            osi("OSL-3.0"), osi("AFL-3.0"), osi("ECL-2.0"), osi("CECILL-2.1"),
            other("CC0-1.0"), other("CC-BY-4.0"), other("CC-BY-SA-4.0"), other("BUSL-1.1"), other("SSPL-1.0"),
            other("Elastic-2.0"), other("PolyForm-Noncommercial-1.0.0"), other("DL-DE-BY-2.0"), other("DL-DE-ZERO-2.0"))
            .collect(Collectors.toUnmodifiableMap(l -> l.id().toLowerCase(Locale.ROOT), Function.identity()));

    public static Optional<License> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(BY_LOWER_CASE_ID.get(id.strip().toLowerCase(Locale.ROOT)));
    }

    public static boolean isKnown(String id) {
        return find(id).isPresent();
    }

    /** The canonical ids, sorted, for messages. */
    public static String known() {
        return String.join(", ", new TreeMap<>(BY_LOWER_CASE_ID).values().stream().map(License::id).toList());
    }

    private static License osi(String id) {
        return new License(id, true);
    }

    private static License other(String id) {
        return new License(id, false);
    }

    private SpdxLicenses() {
    }
}
