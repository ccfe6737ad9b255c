package de.kommunalmarkt.common.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A consumed record that could not be applied, as it arrived: enough to replay it through its consumer. */
@Entity
@Table(name = "dead_letter")
public class DeadLetter {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String consumer;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_partition", nullable = false)
    public int partition;

    @Column(name = "record_offset", nullable = false)
    public long offset;

    @Column(name = "record_key")
    public String key;

    /** The record's headers as a JSON object of text values. */
    @Column(nullable = false)
    public String headers;

    public String payload;

    @Column(name = "error_class", nullable = false)
    public String errorClass;

    @Column(name = "error_message")
    public String errorMessage;

    @Column(name = "failed_at", nullable = false)
    public Instant failedAt;

    @Column(name = "replayed_at")
    public Instant replayedAt;

    @Column(name = "replay_outcome")
    public String replayOutcome;
}
