-- Dead letters (common module): records a consumer could never apply, kept where they can be listed
-- and replayed after a fix. The same record also goes to <topic>.dlq for tools that read Kafka.
create table dead_letter (
    id              bigint generated always as identity primary key,
    consumer        varchar(100)  not null,
    topic           varchar(249)  not null,
    record_partition integer      not null,
    record_offset   bigint        not null,
    record_key      text,
    headers         text          not null,
    payload         text,
    error_class     varchar(300)  not null,
    error_message   text,
    failed_at       timestamptz   not null default now(),
    replayed_at     timestamptz,
    replay_outcome  varchar(20),
    -- a record redelivered after it was dead-lettered (rebalance before the commit) is kept once
    unique (consumer, topic, record_partition, record_offset)
);
create index dead_letter_open on dead_letter (consumer) where replayed_at is null;
create index dead_letter_topic on dead_letter (topic, id);
