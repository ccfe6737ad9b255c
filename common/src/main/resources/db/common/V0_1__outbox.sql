-- Transactional outbox (common module): events written with the state change, relayed to Kafka.
create table outbox_event (
    id          bigint generated always as identity primary key,
    event_id    uuid         not null unique,
    topic       varchar(200) not null,
    record_key  varchar(200) not null,
    event_type  varchar(100) not null,
    subject     varchar(200) not null,
    occurred_at timestamptz  not null,
    payload     text         not null,
    sent_at     timestamptz
);
create index outbox_event_pending on outbox_event (id) where sent_at is null;
