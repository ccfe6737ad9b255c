-- EN 16931 (BR-O-11 to BR-O-14): an invoice with lines not subject to VAT (category O) has no lines of any
-- other category. An adopter with both gets two invoices for the period, one per VAT scope; never more.
alter table invoice add column vat_scope varchar(12) not null default 'TAXABLE'
    check (vat_scope in ('TAXABLE', 'OUT_OF_SCOPE'));
alter table invoice alter column vat_scope drop default;
alter table invoice drop constraint invoice_once_per_municipality_and_period;
alter table invoice add constraint invoice_once_per_municipality_period_and_vat_scope
    unique (municipality_ags, period, vat_scope);
