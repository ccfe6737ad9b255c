-- Idempotent consumers (common module): the ids of applied events, one row per consumer and event.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    event_type   varchar(100) not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
