-- Solutions, their plans and reference environments, and the full-text search over published ones.

-- array_to_string is only STABLE in general (it calls the element type's output function); for text[]
-- that function is immutable, so this wrapper may be used in the generated search column.
create function catalog_words(words text[]) returns text
    language sql immutable parallel safe
    as $$ select coalesce(array_to_string(words, ' '), '') $$;

create table solution (
    id                            uuid          primary key,
    provider_ags                  varchar(8)    not null references municipality (ags),
    state                         varchar(20)   not null,
    name                          varchar(200)  not null,
    summary                       varchar(500)  not null,
    description                   text          not null,
    category                      varchar(40)   not null,
    source_license                varchar(64),
    maturity                      varchar(20)   not null,
    hosting_modes                 text[]        not null,
    supported_operator_types      text[]        not null,
    standards                     text[]        not null,
    documentation_url             varchar(500),
    data_protection_statement_url varchar(500),
    security_concept_url          varchar(500),
    accessibility_statement_url   varchar(500),
    no_user_interface             boolean       not null,
    support_contact               varchar(254),
    support_response_hours        integer,
    approval_policy               varchar(10)   not null,
    readiness_score               numeric(3, 2) not null,
    -- kept by the licence-event projection and the reviews with atomic increments, never by the entity
    adoption_count                integer       not null default 0 check (adoption_count >= 0),
    rating_count                  integer       not null default 0 check (rating_count >= 0),
    rating_sum                    integer       not null default 0 check (rating_sum >= 0),
    version                       bigint        not null default 0,
    created_at                    timestamptz   not null,
    updated_at                    timestamptz   not null,
    published_at                  timestamptz,
    deprecated_at                 timestamptz,
    -- German stems and the words as written (names, abbreviations such as OParl), weighted
    -- name A, summary and standards B, description C
    search_vector tsvector generated always as (
        setweight(to_tsvector('german', name), 'A') || setweight(to_tsvector('simple', name), 'A') ||
        setweight(to_tsvector('german', summary), 'B') || setweight(to_tsvector('simple', summary), 'B') ||
        setweight(to_tsvector('german', catalog_words(standards)), 'B') ||
        setweight(to_tsvector('simple', catalog_words(standards)), 'B') ||
        setweight(to_tsvector('german', description), 'C') || setweight(to_tsvector('simple', description), 'C')
    ) stored,
    -- the same without the description, for ts_rank: ranking reads a third of the data per match
    rank_vector tsvector generated always as (
        setweight(to_tsvector('german', name), 'A') || setweight(to_tsvector('simple', name), 'A') ||
        setweight(to_tsvector('german', summary), 'B') || setweight(to_tsvector('simple', summary), 'B') ||
        setweight(to_tsvector('german', catalog_words(standards)), 'B') ||
        setweight(to_tsvector('simple', catalog_words(standards)), 'B')
    ) stored
);
-- fastupdate off: the catalog is read far more often than written; no pending list for searches to scan
create index solution_search on solution using gin (search_vector) with (fastupdate = off);
create index solution_published_by_adoption on solution (adoption_count desc, name, id) where state = 'PUBLISHED';
create index solution_provider on solution (provider_ags, created_at desc);

create table solution_reference_environment (
    solution_id    uuid         not null references solution (id) on delete cascade,
    position       integer      not null,
    municipality   varchar(200) not null,
    ags            varchar(8),
    operator       varchar(200) not null,
    hosting_mode   varchar(20)  not null,
    primary key (solution_id, position)
);

create table plan (
    id                    uuid          primary key,
    solution_id           uuid          not null references solution (id) on delete cascade,
    name                  varchar(100)  not null,
    model                 varchar(20)   not null,
    monthly_fee           numeric(12, 2),
    rate_per_1000         numeric(12, 2),
    min_monthly           numeric(12, 2),
    max_monthly           numeric(12, 2),
    monthly_pool          numeric(12, 2),
    cost_sharing_key      varchar(20),
    inhabitant_weight     numeric(5, 4),
    setup_fee             numeric(12, 2) not null,
    minimum_term_months   integer       not null check (minimum_term_months between 0 and 60),
    notice_period_days    integer       not null check (notice_period_days between 0 and 365),
    vat_rate              numeric(5, 4) not null check (vat_rate between 0 and 0.25),
    vat_category          varchar(1)    not null,
    vat_exemption_reason  varchar(500),
    currency              varchar(3)    not null,
    created_at            timestamptz   not null,
    retired_at            timestamptz
);
create index plan_by_solution on plan (solution_id, created_at);

create table plan_tier (
    plan_id      uuid           not null references plan (id) on delete cascade,
    position     integer        not null,
    up_to        bigint,
    monthly_fee  numeric(12, 2) not null,
    primary key (plan_id, position)
);
