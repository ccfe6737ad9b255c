-- Every instance keeps the published catalog in memory (search index, rendered views). A committed
-- change of a solution, of anything shown with it (plans, tiers, reference environments) or of a
-- provider's name is announced on the channel catalog_changed, whichever instance or tool made it;
-- PostgreSQL delivers a notification only when its transaction commits, once per distinct payload.
-- Payloads: 's:<solution id>' and 'm:<ags>'.

create function catalog_notify_solution() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform pg_notify('catalog_changed', 's:' || old.id::text);
    else
        perform pg_notify('catalog_changed', 's:' || new.id::text);
    end if;
    return null;
end $$;

create function catalog_notify_solution_part() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform pg_notify('catalog_changed', 's:' || old.solution_id::text);
    else
        perform pg_notify('catalog_changed', 's:' || new.solution_id::text);
    end if;
    return null;
end $$;

create function catalog_notify_plan_tier() returns trigger
    language plpgsql as $$
begin
    perform pg_notify('catalog_changed', 's:' || p.solution_id::text)
        from plan p where p.id = (case when tg_op = 'DELETE' then old.plan_id else new.plan_id end);
    return null;
end $$;

create function catalog_notify_municipality() returns trigger
    language plpgsql as $$
begin
    if new.name is distinct from old.name then
        perform pg_notify('catalog_changed', 'm:' || new.ags);
    end if;
    return null;
end $$;

create trigger solution_changed after insert or update or delete on solution
    for each row execute function catalog_notify_solution();
create trigger plan_changed after insert or update or delete on plan
    for each row execute function catalog_notify_solution_part();
create trigger reference_environment_changed after insert or update or delete on solution_reference_environment
    for each row execute function catalog_notify_solution_part();
create trigger plan_tier_changed after insert or update or delete on plan_tier
    for each row execute function catalog_notify_plan_tier();
create trigger municipality_renamed after update on municipality
    for each row execute function catalog_notify_municipality();
