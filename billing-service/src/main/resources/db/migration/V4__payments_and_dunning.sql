-- Payments and dunning: payments against invoices (by a billing admin or from camt.053 bank statements),
-- the entries of imported statements, what credit balances were used for (offsets, refunds), dunning
-- levels raised, and the platform fee rate each run billed its period with.

-- Fixed when the run is opened, so a later change of billing.platform-fee-rate does not rewrite the
-- provider statements of periods already billed. Runs opened before this column existed have none; their
-- statements use the configured rate.
alter table billing_run add column platform_fee_rate numeric(5,4) check (platform_fee_rate between 0 and 1);

create table payment (
    id               uuid          primary key,
    invoice_id       uuid          not null references invoice (id),
    municipality_ags varchar(8)    not null,
    amount           numeric(14,2) not null check (amount > 0),
    paid_on          date          not null,
    reference        varchar(140)  not null,
    source           varchar(10)   not null check (source in ('MANUAL', 'CAMT053')),
    booked_by        varchar(100)  not null,
    booked_at        timestamptz   not null
);
create index payment_invoice on payment (invoice_id);
create index payment_municipality on payment (municipality_ags);

-- Every credit entry of an imported camt.053 statement, once: the bank's reference of the entry
-- (AcctSvcrRef, else NtryRef) is unique per account, so importing a statement again books nothing twice.
-- An entry without payment is unmatched until a billing admin assigns it to an invoice; payment_id is
-- unique, so an entry pays at most one payment.
create table bank_entry (
    id               uuid          primary key,
    account_iban     varchar(34)   not null,
    entry_reference  varchar(140)  not null,
    amount           numeric(14,2) not null check (amount > 0),
    currency         varchar(3)    not null,
    booked_on        date          not null,
    debtor_name      varchar(140),
    remittance       varchar(2000),
    unmatched_reason varchar(300),
    payment_id       uuid          unique references payment (id),
    imported_by      varchar(100)  not null,
    imported_at      timestamptz   not null,
    constraint bank_entry_once_per_account unique (account_iban, entry_reference)
);
create index bank_entry_unmatched on bank_entry (booked_on) where payment_id is null;

-- What credit balances were used for: an offset against one of the municipality's invoices (at most one
-- per invoice: invoice_id is unique) or a refund. The balance itself is what the municipality's invoices
-- were paid beyond their gross (payments, credit notes and offsets against them) less these uses: computed
-- from the documents, it cannot get lost.
create table credit_balance_use (
    id               uuid          primary key,
    municipality_ags varchar(8)    not null,
    kind             varchar(10)   not null check (kind in ('OFFSET', 'REFUND')),
    amount           numeric(14,2) not null check (amount > 0),
    invoice_id       uuid          unique references invoice (id),
    used_on          date          not null,
    reference        varchar(1000) not null,
    created_by       varchar(100)  not null,
    created_at       timestamptz   not null,
    constraint credit_balance_offset_names_its_invoice check ((kind = 'OFFSET') = (invoice_id is not null))
);
create index credit_balance_use_municipality on credit_balance_use (municipality_ags);

-- Each invoice's payments, credit notes (gross) and offsets from a credit balance, and what is still open
-- (negative: paid beyond its gross). A predicate on invoice_id or municipality_ags reaches the invoice
-- indexes; the sums use the indexes on invoice_id of each table.
create view invoice_settlement as
select i.id as invoice_id, i.number, i.municipality_ags, i.issue_date, i.due_date, i.gross_total,
       coalesce(p.amount, 0) as paid, coalesce(c.amount, 0) as credited, coalesce(o.amount, 0) as offset_amount,
       i.gross_total - coalesce(p.amount, 0) - coalesce(c.amount, 0) - coalesce(o.amount, 0) as open_amount
from invoice i
left join lateral (select sum(amount) as amount from payment where invoice_id = i.id) p on true
left join lateral (select sum(gross_total) as amount from credit_note where invoice_id = i.id) c on true
left join lateral (select sum(amount) as amount from credit_balance_use where invoice_id = i.id) o on true;

create index invoice_due_date on invoice (due_date);

-- Dunning levels raised: each at most once per invoice (the primary key), rank 1-3 in order of escalation.
create table dunning_notice (
    invoice_id   uuid          not null references invoice (id),
    level        varchar(12)   not null check (level in ('REMINDER', 'FIRST_NOTICE', 'FINAL_NOTICE')),
    level_rank   smallint      not null check (level_rank between 1 and 3),
    raised_on    date          not null,
    days_overdue integer       not null check (days_overdue > 0),
    open_amount  numeric(14,2) not null check (open_amount > 0),
    raised_at    timestamptz   not null,
    primary key (invoice_id, level)
);
