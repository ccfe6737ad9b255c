-- Webhooks (issue #14): an operator's endpoint and signing secret, and one delivery row per deployment
-- event of an operator with a webhook, written in the same transaction as the event (outbox-style), so
-- a crash loses no delivery. The CloudEvent sent is built from operator_deployment_event (operator_id, seq).
create table operator_webhook (
    operator_id   varchar(63)   primary key,
    url           varchar(2000) not null,
    -- "whsec_" + base64 of the random key; needed in clear text to sign (Standard Webhooks), never shown again
    secret        varchar(100)  not null,
    registered_at timestamptz   not null
);

create table webhook_delivery (
    id               bigserial     primary key,
    operator_id      varchar(63)   not null,
    seq              bigint        not null,
    event_id         uuid          not null,
    event_type       varchar(50)   not null,
    -- PENDING until a 2xx (DELIVERED) or until retries end 24 h after the first attempt (FAILED)
    state            varchar(20)   not null,
    attempts         integer       not null default 0,
    created_at       timestamptz   not null,
    first_attempt_at timestamptz,
    last_attempt_at  timestamptz,
    next_attempt_at  timestamptz   not null,
    last_status      integer,
    last_error       varchar(1000),
    delivered_at     timestamptz,
    unique (operator_id, seq),
    foreign key (operator_id, seq) references operator_deployment_event (operator_id, seq)
);
-- the dispatcher's look for due heads of line
create index webhook_delivery_pending on webhook_delivery (operator_id, seq) where state = 'PENDING';
-- the operator's delivery log, newest first
create index webhook_delivery_log on webhook_delivery (operator_id, id desc);
