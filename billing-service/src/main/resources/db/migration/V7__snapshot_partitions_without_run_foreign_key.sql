-- Creating a partition of a table with a foreign key to billing_run adds the key's triggers to billing_run, which
-- takes a SHARE ROW EXCLUSIVE lock on it. The execution that takes a run's snapshot holds the run's row lock and
-- creates its partitions; another start of the same period inserting or updating billing_run holds ROW EXCLUSIVE
-- and waits for that row: a deadlock PostgreSQL resolves by failing one of them. The snapshot belongs to its run
-- by partition (LIST on run_id, created in the run's own transaction, dropped whole by retention), so the key adds
-- nothing and is dropped, whatever V6 named it (the renamed V5 table still held the default name then).
do $$
declare
    fk record;
begin
    for fk in select conname from pg_constraint
              where conrelid = 'billing_run_municipality'::regclass and contype = 'f'
                and confrelid = 'billing_run'::regclass loop
        execute format('alter table billing_run_municipality drop constraint %I', fk.conname);
    end loop;
end $$;
