package de.kommunalmarkt.catalog.solution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpdxLicensesTest {

    @ParameterizedTest
    @ValueSource(strings = {"EUPL-1.2", "MIT", "Apache-2.0", "AGPL-3.0-or-later", "GPL-2.0-only", "MPL-2.0", "BSD-3-Clause"})
    void commonOpenSourceLicencesAreKnownAndOsiApproved(String id) {
        assertThat(SpdxLicenses.find(id)).hasValueSatisfying(l -> assertThat(l.osiApprovedOrEupl()).isTrue());
    }

    @Test
    void idsMatchCaseInsensitivelyAndCanonicalise() {
        assertThat(SpdxLicenses.find(" eupl-1.2 ")).hasValueSatisfying(l -> assertThat(l.id()).isEqualTo("EUPL-1.2"));
        assertThat(SpdxLicenses.find("apache-2.0")).hasValueSatisfying(l -> assertThat(l.id()).isEqualTo("Apache-2.0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GPL", "GPLv3", "Apache 2.0", "EUPL", "proprietary", ""})
    void namesThatAreNotSpdxIdsAreUnknown(String id) {
        assertThat(SpdxLicenses.isKnown(id)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CC0-1.0", "CC-BY-4.0", "BUSL-1.1", "SSPL-1.0"})
    void knownLicencesThatAreNotOsiApprovedFailOnlyTheShould(String id) {
        assertThat(SpdxLicenses.find(id)).hasValueSatisfying(l -> assertThat(l.osiApprovedOrEupl()).isFalse());
    }
}
