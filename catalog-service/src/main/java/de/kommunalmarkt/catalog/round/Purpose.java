package de.kommunalmarkt.catalog.round;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/** What part of a round's target is for: further development, a bigger team, infrastructure, marketing ... */
@Embeddable
public class Purpose {

    @Column(nullable = false)
    public String purpose;

    @Column(nullable = false)
    public BigDecimal amount;

    public Purpose() {
    }

    public Purpose(String purpose, BigDecimal amount) {
        this.purpose = purpose;
        this.amount = amount;
    }
}
