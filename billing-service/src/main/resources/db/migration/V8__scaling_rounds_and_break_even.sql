-- Scaling rounds (catalog.rounds) and break-even (catalog.solutions): README, "Scaling rounds: contributions" and
-- "Break-even".

-- Billing's view of the catalog, for break-even only: each solution's provider and its plans' current terms
-- (invoices keep billing by the terms a licence froze on grant, table contract).
create table catalog_solution (
    solution_id  varchar(64)  primary key,
    provider_ags varchar(8)   not null,
    name         varchar(200) not null,
    state        varchar(20)  not null,
    updated_at   timestamptz  not null
);
create index catalog_solution_provider on catalog_solution (provider_ags);

create table catalog_plan (
    plan_id     varchar(64)  primary key,
    solution_id varchar(64)  not null references catalog_solution (solution_id),
    position    integer      not null,
    name        varchar(200) not null,
    price_model varchar(20)  not null,
    -- PlanTerms as JSON, as the catalog published them last
    terms       text         not null
);
create index catalog_plan_solution on catalog_plan (solution_id);

-- Licence requests not (yet) granted, for the pipeline of break-even: REQUESTED until licensing grants, rejects or
-- the adopter cancels. A granted licence not yet active is the licence itself (activated_on null), unless cancelled.
create table license_request (
    license_id   uuid        primary key,
    solution_id  varchar(64) not null,
    plan_id      varchar(64) not null,
    adopter_ags  varchar(8)  not null,
    state        varchar(10) not null check (state in ('REQUESTED', 'GRANTED', 'REJECTED', 'CANCELLED')),
    requested_at timestamptz not null
);
create index license_request_solution on license_request (solution_id) where state = 'REQUESTED';
alter table license add column cancelled_at timestamptz;

-- Scaling rounds as billing needs them: break-even's investment (target) and the open round's commitments.
create table scaling_round (
    round_id      varchar(64)   primary key,
    solution_id   varchar(64)   not null,
    solution_name varchar(200),
    provider_ags  varchar(8)    not null,
    state         varchar(10)   not null check (state in ('OPEN', 'SUCCEEDED', 'FAILED')),
    target        numeric(14,2) not null,
    opened_at     timestamptz,
    closed_at     timestamptz
);
create index scaling_round_solution on scaling_round (solution_id);

-- The standing pledge of each municipality in a round (one per municipality and round; a new one replaces it,
-- a withdrawal deletes it).
create table scaling_round_pledge (
    round_id         varchar(64)   not null,
    municipality_ags varchar(8)    not null,
    contribution     numeric(14,2) not null,
    commit_plan_id   varchar(64),
    pledged_at       timestamptz   not null,
    primary key (round_id, municipality_ags)
);

-- The contributions of succeeded rounds, each billed once as a one-off line "Skalierungsbeitrag" on the pledger's
-- next invoice. run_id: the run that bills it, fixed by the transaction that takes that run's snapshot (the first
-- snapshot after the contribution was recorded); invoice_id: set in the transaction that writes that invoice.
create table scaling_contribution (
    id                   uuid          primary key,
    round_id             varchar(64)   not null,
    municipality_ags     varchar(8)    not null,
    amount               numeric(14,2) not null check (amount > 0),
    vat_category         varchar(1)    not null,
    vat_rate             numeric(5,4)  not null,
    vat_exemption_reason varchar(1000),
    provider_ags         varchar(8)    not null,
    solution_id          varchar(64)   not null,
    solution_name        varchar(200)  not null,
    closed_at            timestamptz   not null,
    recorded_at          timestamptz   not null,
    run_id               uuid          references billing_run (id),
    invoice_id           uuid          references invoice (id),
    billed_at            timestamptz,
    constraint contribution_once_per_round_and_municipality unique (round_id, municipality_ags),
    check (invoice_id is null or run_id is not null)
);
create index scaling_contribution_pending on scaling_contribution (municipality_ags) where run_id is null;
create index scaling_contribution_run on scaling_contribution (run_id) where run_id is not null;

-- A contribution line has no licence and no contract; it names its contribution. Existing rows are all licence
-- lines, so the checks are not validated against them (NOT VALID: no scan of a large table on migration).
-- kind CONTRIBUTION has 12 letters (widening a varchar is a catalog change, no rewrite); the ledger view reads the
-- column, so it is dropped first and created again below.
drop view billing_ledger;
alter table invoice_line alter column kind type varchar(12);
alter table invoice_line alter column license_id drop not null;
alter table invoice_line alter column contract_id drop not null;
alter table invoice_line add column contribution_id uuid;
alter table invoice_line add constraint invoice_line_licence_or_contribution
    check ((contribution_id is null) = (license_id is not null and contract_id is not null)) not valid;
-- Whatever happens, a contribution is on one invoice line at most.
create unique index invoice_line_contribution on invoice_line (contribution_id) where contribution_id is not null;

alter table credit_note_line alter column kind type varchar(12);
alter table credit_note_line alter column license_id drop not null;
alter table credit_note_line alter column contract_id drop not null;
alter table credit_note_line add column contribution_id uuid;
alter table credit_note_line add constraint credit_note_line_licence_or_contribution
    check ((contribution_id is null) = (license_id is not null and contract_id is not null)) not valid;

-- The ledger is what pricing billed per licence: contributions are no licence charges and never re-priced.
create view billing_ledger as
select l.license_id, coalesce(l.corrects_period, i.period) as period, l.kind, l.net_amount as amount,
       i.id as document_id, 'INVOICE' as document_type
from invoice_line l join invoice i on i.id = l.invoice_id
where l.license_id is not null
union all
select cl.license_id, cl.period, cl.kind, -cl.net_amount, c.id, 'CREDIT_NOTE'
from credit_note_line cl join credit_note c on c.id = cl.credit_note_id
where c.run_id is not null and cl.license_id is not null;
