-- The one VAT rule (event-contracts VatCategory, DOMAIN.md "VAT categories"): category O, not subject
-- to VAT, needs an exemption reason like E (EN 16931 BR-O-10). Until now the catalog accepted O only
-- without a reason, and billing dead-lettered every licence of such a plan. Stored plans are repaired
-- where that is safe:
-- * O without a reason gets 'Nicht steuerbar', which only restates the category (VATEX-EU-O, "not
--   subject to VAT"): no legal ground is made up. A provider who wants a more specific text adds a new
--   plan. The reason does not change a price, so plans referred to by licences may take it.
-- * Nothing else the rule refuses was ever accepted (S with rate 0, a rate on Z/E/O, E without a
--   reason, a reason on S or Z were refused since V3), so nothing else is touched: a guessed rate or
--   exemption ground would put a wrong invoice into the world.
-- The published solutions whose plans changed are queued to be announced again (SolutionUpdated, by
-- solution/RepairedPlansAnnouncement at start), so licensing's read model freezes the repaired terms
-- into new licences.
create table solution_announcement_due (
    solution_id uuid primary key references solution (id) on delete cascade
);

with repaired as (
    update plan set vat_exemption_reason = 'Nicht steuerbar'
    where vat_category = 'O' and (vat_exemption_reason is null or btrim(vat_exemption_reason) = '')
    returning solution_id
)
insert into solution_announcement_due (solution_id)
select distinct r.solution_id from repaired r join solution s on s.id = r.solution_id where s.state = 'PUBLISHED';
