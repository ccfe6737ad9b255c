-- Read model of the catalog, fed by catalog.solutions and catalog.directory (never written by REST).
create table catalog_solution (
    id                       varchar(36)  primary key,
    provider_ags             varchar(8)   not null,
    name                     varchar(300) not null,
    state                    varchar(20)  not null,
    approval_policy          varchar(10)  not null,
    -- enum names joined by ',' (small, closed sets)
    supported_operator_types varchar(200) not null,
    hosting_modes            varchar(100) not null,
    -- occurredAt of the last applied solution event: an older event is stale and skipped
    catalog_time             timestamptz  not null,
    updated_at               timestamptz  not null
);

create table catalog_plan (
    id          varchar(36) primary key,
    solution_id varchar(36) not null references catalog_solution (id),
    -- the plan's PlanTerms as JSON, exactly as the catalog published them
    terms       text        not null
);
create index catalog_plan_solution on catalog_plan (solution_id);

create table catalog_operator (
    id            varchar(63)  primary key,
    name          varchar(300) not null,
    operator_type varchar(30)  not null,
    capacity      integer      not null check (capacity >= 1),
    updated_at    timestamptz  not null
);

create table catalog_municipality (
    ags         varchar(8)   primary key,
    name        varchar(300) not null,
    inhabitants bigint       not null,
    updated_at  timestamptz  not null
);

-- Licences: the contract between adopter and provider, with the plan's terms frozen.
create table license (
    id                 uuid          primary key,
    state              varchar(20)   not null,
    solution_id        varchar(36)   not null,
    solution_name      varchar(300)  not null,
    hosting_modes      varchar(100)  not null,
    plan_id            varchar(36)   not null,
    operator_id        varchar(63)   not null,
    adopter_ags        varchar(8)    not null,
    provider_ags       varchar(8)    not null,
    approval_policy    varchar(10)   not null,
    terms              text          not null,
    requested_at       timestamptz   not null,
    granted_at         timestamptz,
    rejected_at        timestamptz,
    rejection_reason   varchar(1000),
    cancelled_at       timestamptz,
    activated_on       date,
    notice_given_on    date,
    ends_on            date,
    suspended_on       date,
    resumed_on         date,
    version            bigint        not null default 0
);
-- At most one open licence per municipality and solution, also against parallel requests.
create unique index license_one_open_per_solution on license (adopter_ags, solution_id)
    where state not in ('REJECTED', 'CANCELLED', 'TERMINATED');
create index license_adopter on license (adopter_ags, requested_at);
create index license_provider on license (provider_ags, requested_at);
create index license_ending on license (ends_on) where ends_on is not null and state in ('ACTIVE', 'SUSPENDED');

create table license_history (
    id          bigint generated always as identity primary key,
    license_id  uuid          not null references license (id),
    from_state  varchar(20),
    to_state    varchar(20)   not null,
    action      varchar(30)   not null,
    actor       varchar(200)  not null,
    detail      varchar(1000),
    at          timestamptz   not null
);
create index license_history_license on license_history (license_id, id);

-- Deployments of licences by operators; queue_seq orders an operator's queue first-in first-out.
create sequence deployment_queue_seq;
create table deployment (
    id             uuid          primary key,
    license_id     uuid          not null references license (id),
    operator_id    varchar(63)   not null,
    state          varchar(20)   not null,
    queue_seq      bigint        not null,
    created_at     timestamptz   not null,
    requested_at   timestamptz,
    accepted_at    timestamptz,
    completed_at   timestamptz,
    live_on        date,
    failed_at      timestamptz,
    failure_reason varchar(1000),
    cancelled_at   timestamptz,
    version        bigint        not null default 0
);
create index deployment_operator_state on deployment (operator_id, state, queue_seq);
create index deployment_license on deployment (license_id, queue_seq);
create unique index deployment_one_open_per_license on deployment (license_id)
    where state in ('QUEUED', 'REQUESTED', 'ACCEPTED');

-- The SSE stream of each operator: its deployment events with a gap-free sequence, written in the
-- same transaction as the outbox row. operator_stream.last_seq is taken with a row lock held until
-- commit, so sequence numbers become visible in order (a reader never skips one).
create table operator_stream (
    operator_id varchar(63) primary key,
    last_seq    bigint      not null
);
create table operator_deployment_event (
    operator_id   varchar(63)  not null,
    seq           bigint       not null,
    event_id      uuid         not null,
    event_type    varchar(50)  not null,
    deployment_id uuid         not null,
    license_id    uuid         not null,
    payload       text         not null,
    occurred_at   timestamptz  not null,
    primary key (operator_id, seq)
);
