-- Mail outbox (common module): a notification is written in the transaction of the fact it reports and
-- sent by MailRelay afterwards; the unique notification key makes writing it a second time a no-op.
create table mail_outbox (
    id               bigint generated always as identity primary key,
    message_id       varchar(200) not null unique,
    notification_key varchar(300) not null unique,
    recipient        varchar(254) not null,
    subject          varchar(300) not null,
    body             text         not null,
    attachment_name  varchar(200),
    attachment_type  varchar(100),
    attachment       bytea,
    created_at       timestamptz  not null,
    attempts         integer      not null default 0,
    next_attempt_at  timestamptz  not null,
    last_error       text,
    sent_at          timestamptz
);
create index mail_outbox_due on mail_outbox (next_attempt_at) where sent_at is null;
