-- A licence counts as adopted (adoption count, right to review) from its activation through endsOn,
-- no longer only until the notice (DOMAIN.md, "Late facts and corrections"); licensing now sends
-- LicenseEnded when the day after endsOn has come. Licences the catalog uncounted at their notice
-- whose endsOn is today or later (Europe/Berlin) count again: licensing has not recorded their end
-- yet and will send LicenseEnded for them. Those whose endsOn has passed stay uncounted: licensing
-- may already have recorded their end, without an event, before this release.
with recounted as (
    update license_holding h set state = 'ACTIVE', counted = true, updated_at = now()
    where h.state = 'TERMINATED'
      and not h.counted
      and h.activated_on is not null
      and h.ends_on >= (now() at time zone 'Europe/Berlin')::date
      and exists (select 1 from solution s where s.id = h.solution_id)
    returning h.solution_id
)
update solution s set adoption_count = s.adoption_count + r.licences
from (select solution_id, count(*) as licences from recounted group by solution_id) r
where s.id = r.solution_id;
