-- Scaling rounds (Skalierungsrunden): a provider raises money from other municipalities to make a
-- published solution transferable; municipalities pledge a one-off contribution and/or commit to
-- license one of its plans. One pledge per municipality and round; at most one OPEN round per solution.

create table scaling_round (
    id                   uuid           primary key,
    solution_id          uuid           not null references solution (id),
    provider_ags         varchar(8)     not null,
    state                varchar(20)    not null check (state in ('OPEN', 'SUCCEEDED', 'FAILED')),
    target               numeric(14, 2) not null check (target > 0),
    closes_on            date           not null,
    min_participants     integer        not null check (min_participants >= 1),
    vat_rate             numeric(5, 4)  not null check (vat_rate between 0 and 0.25),
    vat_category         varchar(1)     not null,
    vat_exemption_reason varchar(500),
    currency             varchar(3)     not null,
    opened_at            timestamptz    not null,
    closed_at            timestamptz,
    closed_early         boolean        not null default false,
    check ((state = 'OPEN') = (closed_at is null))
);
-- two providers' requests at once cannot open a second round of one solution
create unique index scaling_round_one_open on scaling_round (solution_id) where state = 'OPEN';
create index scaling_round_by_solution on scaling_round (solution_id, opened_at desc);
create index scaling_round_by_opening on scaling_round (opened_at desc, id);
-- the scheduled close looks for open rounds whose date has passed
create index scaling_round_open_by_date on scaling_round (closes_on) where state = 'OPEN';

create table scaling_round_purpose (
    round_id  uuid           not null references scaling_round (id) on delete cascade,
    position  integer        not null,
    purpose   varchar(200)   not null,
    amount    numeric(14, 2) not null check (amount > 0),
    primary key (round_id, position)
);

create table round_pledge (
    id                 uuid           primary key,
    round_id           uuid           not null references scaling_round (id) on delete cascade,
    municipality_ags   varchar(8)     not null references municipality (ags),
    contribution       numeric(14, 2) not null check (contribution >= 0),
    commit_plan_id     uuid           references plan (id),
    commit_operator_id varchar(63)    references operator (id),
    pledged_at         timestamptz    not null,
    constraint round_pledge_one_per_municipality unique (round_id, municipality_ags),
    -- a commitment names the plan and the operator to run it, both or neither
    check ((commit_plan_id is null) = (commit_operator_id is null)),
    -- a pledge gives money, commits to a licence, or both
    check (contribution > 0 or commit_plan_id is not null)
);

-- The solution view shows the solution's current round: a committed change of a round or its pledges
-- is announced like a change of the solution itself (V7), so every instance renders it again.
create function catalog_notify_round_pledge() returns trigger
    language plpgsql as $$
begin
    perform pg_notify('catalog_changed', 's:' || r.solution_id::text)
        from scaling_round r where r.id = (case when tg_op = 'DELETE' then old.round_id else new.round_id end);
    return null;
end $$;

create trigger scaling_round_changed after insert or update or delete on scaling_round
    for each row execute function catalog_notify_solution_part();
create trigger round_pledge_changed after insert or update or delete on round_pledge
    for each row execute function catalog_notify_round_pledge();
