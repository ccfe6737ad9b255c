-- Billing at scale: a run's municipalities are split into work units that several instances claim, and each
-- run's snapshot lives in partitions of its own, so that it can be dropped whole once no correction needs it.

-- Work units: consecutive positions of the municipalities a run bills (in AGS order), created with the run's
-- inputs. An instance claims a unit with SELECT ... FOR UPDATE SKIP LOCKED in the transaction that writes the
-- unit's invoices and marks it done: the claim lasts exactly as long as that transaction, so a crashed
-- instance's claim ends with its connection and another instance takes the unit over.
create table billing_run_unit (
    run_id         uuid        not null references billing_run (id),
    unit_no        integer     not null,
    first_position integer     not null,
    end_position   integer     not null,
    done_at        timestamptz,
    done_by        varchar(100),
    primary key (run_id, unit_no),
    check (end_position > first_position)
);
create index billing_run_unit_open on billing_run_unit (run_id, unit_no) where done_at is null;

-- When the run's snapshot was dropped (billing.retention.keep-months after its period); null while it is kept.
alter table billing_run add column snapshot_pruned_at timestamptz;

-- The snapshot tables become LIST partitioned by run: one partition per run and table, named after the period
-- (billing_run_license_2026_10), created by the transaction that takes the snapshot and dropped by retention.
alter table billing_run_municipality rename to billing_run_municipality_v5;
alter table billing_run_license rename to billing_run_license_v5;
alter table billing_run_suspension rename to billing_run_suspension_v5;
alter table billing_run_municipality_v5 drop constraint billing_run_municipality_pkey;

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
) partition by list (run_id);

-- One run per partition: no index on run_id is needed, the partition is the run.
create table billing_run_license (
    run_id       uuid       not null,
    license_id   uuid       not null,
    contract_id  bigint     not null,
    adopter_ags  varchar(8) not null,
    activated_on date       not null,
    ends_on      date
) partition by list (run_id);

create table billing_run_suspension (
    run_id       uuid not null,
    license_id   uuid not null,
    suspended_on date not null,
    resumed_on   date
) partition by list (run_id);

-- The snapshots taken before: a partition per run, rows moved over.
do $$
declare
    r record;
    suffix text;
begin
    for r in select id, period from billing_run where snapshot_at is not null loop
        suffix := replace(r.period, '-', '_');
        execute format('create table billing_run_municipality_%s partition of billing_run_municipality for values in (%L)', suffix, r.id);
        execute format('create table billing_run_license_%s partition of billing_run_license for values in (%L)', suffix, r.id);
        execute format('create table billing_run_suspension_%s partition of billing_run_suspension for values in (%L)', suffix, r.id);
        execute format('insert into billing_run_municipality select * from billing_run_municipality_v5 where run_id = %L', r.id);
        execute format('insert into billing_run_license select * from billing_run_license_v5 where run_id = %L', r.id);
        execute format('insert into billing_run_suspension select * from billing_run_suspension_v5 where run_id = %L', r.id);
    end loop;
end $$;

drop table billing_run_municipality_v5;
drop table billing_run_license_v5;
drop table billing_run_suspension_v5;
