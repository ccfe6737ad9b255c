-- Billing runs, the inputs each run fixed when it started, and the invoices it issued.

create table billing_run (
    id                   uuid          primary key,
    period               varchar(7)    not null unique,
    state                varchar(20)   not null,
    triggered_by         varchar(100)  not null,
    issue_date           date          not null,
    due_date             date          not null,
    created_at           timestamptz   not null,
    started_at           timestamptz,
    snapshot_at          timestamptz,
    completed_at         timestamptz,
    municipalities_total integer       not null default 0,
    municipalities_done  integer       not null default 0,
    last_done_ags        varchar(8),
    licenses_total       integer       not null default 0,
    licenses_skipped     integer       not null default 0,
    invoices_issued      integer       not null default 0,
    lines_issued         bigint        not null default 0,
    net_total            numeric(16,2) not null default 0,
    gross_total          numeric(16,2) not null default 0,
    executions           integer       not null default 0,
    last_error           text
);
create index billing_run_running on billing_run (state) where state = 'RUNNING';

-- The snapshot a run takes when it starts: the directory (inhabitants and buyer data), the licences
-- billable in the period and those licences' suspensions in the period. A run's rows are written
-- together by one INSERT ... SELECT and lie side by side, so a BRIN index finds them at almost no
-- cost on insert (a B-tree over a million equal run ids would cost the run a second).
create table billing_run_municipality (
    run_id        uuid         not null references billing_run (id),
    ags           varchar(8)   not null,
    name          varchar(200) not null,
    inhabitants   bigint       not null,
    leitweg_id    varchar(46)  not null,
    street        varchar(200) not null,
    postal_code   varchar(10)  not null,
    city          varchar(100) not null,
    country_code  varchar(2)   not null,
    contact_email varchar(254) not null,
    primary key (run_id, ags)
);

create table billing_run_license (
    run_id       uuid       not null,
    license_id   uuid       not null,
    contract_id  bigint     not null,
    adopter_ags  varchar(8) not null,
    activated_on date       not null,
    ends_on      date
);
create index billing_run_license_run on billing_run_license using brin (run_id);

create table billing_run_suspension (
    run_id       uuid not null,
    license_id   uuid not null,
    suspended_on date not null,
    resumed_on   date
);
create index billing_run_suspension_run on billing_run_suspension (run_id);

-- The last invoice number issued per year of issue; locked by the transaction that issues the next
-- numbers, so numbers are consecutive and a rollback leaves no gap.
create table invoice_number_counter (
    year        integer primary key,
    last_number bigint  not null
);

create table invoice (
    id                 uuid          primary key,
    number             varchar(14)   not null unique,
    run_id             uuid          not null references billing_run (id),
    period             varchar(7)    not null,
    municipality_ags   varchar(8)    not null,
    buyer_name         varchar(200)  not null,
    buyer_street       varchar(200)  not null,
    buyer_postal_code  varchar(10)   not null,
    buyer_city         varchar(100)  not null,
    buyer_country_code varchar(2)    not null,
    buyer_email        varchar(254)  not null,
    leitweg_id         varchar(46)   not null,
    issue_date         date          not null,
    due_date           date          not null,
    net_total          numeric(14,2) not null,
    vat_total          numeric(14,2) not null,
    gross_total        numeric(14,2) not null,
    currency           varchar(3)    not null,
    line_count         integer       not null,
    constraint invoice_once_per_municipality_and_period unique (municipality_ags, period)
);
create index invoice_period_number on invoice (period, number);

-- Lines are written only by the billing run, by COPY, in the transaction that writes their invoice; a
-- foreign key would cost a lookup per line (a million per run) to check what that transaction guarantees.
create table invoice_line (
    invoice_id    uuid          not null,
    line_no       smallint      not null,
    license_id    uuid          not null,
    contract_id   bigint        not null,
    kind          varchar(10)   not null,
    billable_days smallint,
    period_days   smallint      not null,
    net_amount    numeric(12,2) not null,
    vat_category  varchar(1)    not null,
    vat_rate      numeric(5,4)  not null,
    primary key (invoice_id, line_no)
);

create table invoice_vat (
    invoice_id       uuid          not null references invoice (id),
    group_no         smallint      not null,
    vat_category     varchar(1)    not null,
    vat_rate         numeric(5,4)  not null,
    exemption_reason varchar(1000),
    net_amount       numeric(14,2) not null,
    vat_amount       numeric(14,2) not null,
    primary key (invoice_id, group_no)
);
