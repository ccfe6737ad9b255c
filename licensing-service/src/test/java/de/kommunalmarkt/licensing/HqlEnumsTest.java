package de.kommunalmarkt.licensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kommunalmarkt.licensing.deployment.DeploymentState;
import de.kommunalmarkt.licensing.license.LicenseState;
import java.util.List;
import org.junit.jupiter.api.Test;

class HqlEnumsTest {

    @Test
    void constantsBecomeFullyQualifiedLiteralsInTheSetsOrder() {
        assertThat(HqlEnums.list(LicenseState.CLOSED)).isEqualTo("(de.kommunalmarkt.licensing.license.LicenseState.REJECTED, "
                + "de.kommunalmarkt.licensing.license.LicenseState.CANCELLED, de.kommunalmarkt.licensing.license.LicenseState.TERMINATED)");
        assertThat(HqlEnums.list(List.of(DeploymentState.ACCEPTED)))
                .isEqualTo("(de.kommunalmarkt.licensing.deployment.DeploymentState.ACCEPTED)");
    }

    @Test
    void anEmptyListIsNoQuery() {
        assertThatThrownBy(() -> HqlEnums.list(List.<LicenseState>of())).isInstanceOf(IllegalArgumentException.class);
    }
}
