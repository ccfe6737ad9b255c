-- Billing's own view of the directory and of the licences, fed by catalog.directory and licensing.licenses.

create table municipality (
    ags           varchar(8)   primary key,
    name          varchar(200) not null,
    inhabitants   bigint       not null check (inhabitants > 0),
    leitweg_id    varchar(46)  not null,
    street        varchar(200) not null,
    postal_code   varchar(10)  not null,
    city          varchar(100) not null,
    country_code  varchar(2)   not null,
    contact_email varchar(254) not null,
    updated_at    timestamptz  not null
);

-- The frozen terms of licences (LicenseGranted.terms as JSON), stored once per plan: a plan is
-- immutable once licensed (DOMAIN.md), so a million licences share a few thousand contracts.
create table contract (
    id            bigint       generated always as identity primary key,
    plan_id       varchar(64)  not null unique,
    plan_name     varchar(200) not null,
    solution_id   varchar(64)  not null,
    solution_name varchar(200) not null,
    provider_ags  varchar(8)   not null,
    price_model   varchar(20)  not null,
    terms         text         not null
);
create index contract_provider on contract (provider_ags);

create table license (
    license_id   uuid        primary key,
    contract_id  bigint      not null references contract (id),
    adopter_ags  varchar(8)  not null,
    granted_at   timestamptz not null,
    activated_on date,
    ends_on      date
);

-- Billing stops on suspended_on and starts again on resumed_on (exclusive); null while suspended.
create table license_suspension (
    id           bigint generated always as identity primary key,
    license_id   uuid   not null references license (license_id),
    suspended_on date   not null,
    resumed_on   date
);
create index license_suspension_license on license_suspension (license_id);
