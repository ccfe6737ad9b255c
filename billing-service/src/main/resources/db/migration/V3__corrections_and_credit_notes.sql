-- Late facts and corrections: what changed after a period was billed, catch-up lines on a later invoice,
-- and credit notes (type 381) from the same gap-free number sequence as invoices.

-- When billing last learnt a fact about the licence that changes what it costs (grant, activation, end,
-- suspension, resumption). A run re-prices an earlier period only for licences whose facts changed after
-- that period's run fixed its inputs (and the cost-sharing plans they take part in).
alter table license add column facts_changed_at timestamptz;
update license set facts_changed_at = granted_at;
alter table license alter column facts_changed_at set not null;
create index license_facts_changed on license (facts_changed_at);
-- A late participant of a cost-sharing plan changes every participant's share: re-pricing finds them by plan.
create index license_contract on license (contract_id);

-- When billing first learnt of the municipality: its licences billable in periods billed before that are
-- billed late, as catch-up lines.
alter table municipality add column registered_at timestamptz;
update municipality set registered_at = updated_at;
alter table municipality alter column registered_at set not null;

-- A catch-up line bills a difference for an earlier period (XRechnung BG-26) and names the invoice of that
-- period where there was one (BG-3).
alter table invoice_line add column corrects_period varchar(7);
alter table invoice_line add column corrects_invoice uuid;

-- The corrections a run found when it fixed its inputs: one row per (licence, earlier period, kind) whose
-- billed amount differs from the re-priced one. Positive amounts become catch-up lines on the adopter's
-- invoice of the run's period, negative ones credit-note lines; both are written in the transaction that
-- writes the adopter's documents, so each correction is issued exactly once.
create table billing_run_correction (
    run_id           uuid          not null references billing_run (id),
    adopter_ags      varchar(8)    not null,
    license_id       uuid          not null,
    contract_id      bigint        not null,
    period           varchar(7)    not null,
    kind             varchar(10)   not null,
    amount           numeric(12,2) not null check (amount <> 0),
    billable_days    smallint,
    period_days      smallint      not null,
    corrects_invoice uuid,
    corrects_line_no smallint,
    primary key (run_id, license_id, period, kind)
);
create index billing_run_correction_adopter on billing_run_correction (run_id, adopter_ags);

alter table billing_run add column corrections_planned integer not null default 0;
alter table billing_run add column credit_notes_issued integer not null default 0;

-- Credit notes: against one invoice (BG-3); issued by a run (corrections, one per adopter, corrected
-- invoice and run) or by a billing admin (run_id null, with a reason).
create table credit_note (
    id                 uuid          primary key,
    number             varchar(14)   not null unique,
    invoice_id         uuid          not null references invoice (id),
    run_id             uuid          references billing_run (id),
    municipality_ags   varchar(8)    not null,
    reason             varchar(1000) not null,
    issue_date         date          not null,
    net_total          numeric(14,2) not null check (net_total > 0),
    vat_total          numeric(14,2) not null,
    gross_total        numeric(14,2) not null,
    currency           varchar(3)    not null,
    line_count         integer       not null,
    created_by         varchar(100)  not null,
    created_at         timestamptz   not null,
    constraint credit_note_once_per_invoice_and_run unique (invoice_id, run_id)
);
create index credit_note_municipality on credit_note (municipality_ags, issue_date);
create index credit_note_invoice on credit_note (invoice_id);

-- Credit-note lines carry positive amounts (EN 16931); period and kind say what they correct. A manual
-- credit note's lines name the invoice line they credit (invoice_line_no).
create table credit_note_line (
    credit_note_id  uuid          not null references credit_note (id),
    line_no         smallint      not null,
    invoice_line_no smallint,
    license_id      uuid          not null,
    contract_id     bigint        not null,
    kind            varchar(10)   not null,
    period          varchar(7)    not null,
    billable_days   smallint,
    period_days     smallint      not null,
    net_amount      numeric(12,2) not null check (net_amount > 0),
    vat_category    varchar(1)    not null,
    vat_rate        numeric(5,4)  not null,
    primary key (credit_note_id, line_no)
);
create index credit_note_line_license on credit_note_line (license_id);

create table credit_note_vat (
    credit_note_id   uuid          not null references credit_note (id),
    group_no         smallint      not null,
    vat_category     varchar(1)    not null,
    vat_rate         numeric(5,4)  not null,
    exemption_reason varchar(1000),
    net_amount       numeric(14,2) not null,
    vat_amount       numeric(14,2) not null,
    primary key (credit_note_id, group_no)
);

-- The ledger: what pricing billed per (licence, period, kind), from the documents themselves — regular and
-- catch-up invoice lines, less the credit-note lines of runs' corrections. Manual credit notes are a
-- billing admin's decision about money, not a fact about the licence, so re-pricing leaves them alone.
create view billing_ledger as
select l.license_id, coalesce(l.corrects_period, i.period) as period, l.kind, l.net_amount as amount,
       i.id as document_id, 'INVOICE' as document_type
from invoice_line l join invoice i on i.id = l.invoice_id
union all
select cl.license_id, cl.period, cl.kind, -cl.net_amount, c.id, 'CREDIT_NOTE'
from credit_note_line cl join credit_note c on c.id = cl.credit_note_id
where c.run_id is not null;
