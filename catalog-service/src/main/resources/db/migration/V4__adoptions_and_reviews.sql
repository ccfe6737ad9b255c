-- What the catalog knows about licences (from licensing.licenses): one row per licence, so a
-- redelivered or out-of-order event cannot count an adoption twice, and reviewers can be checked.
create table license_holding (
    license_id   uuid        primary key,
    solution_id  uuid        not null,
    adopter_ags  varchar(8)  not null,
    state        varchar(20) not null,
    counted      boolean     not null,
    activated_on date,
    ends_on      date,
    updated_at   timestamptz not null
);
create index license_holding_by_adopter on license_holding (solution_id, adopter_ags);

-- Experience exchange: one review per municipality and solution.
create table review (
    id          uuid        primary key,
    solution_id uuid        not null references solution (id),
    author_ags  varchar(8)  not null,
    stars       smallint    not null check (stars between 1 and 5),
    report      text        not null,
    version     bigint      not null default 0,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    constraint review_one_per_municipality unique (solution_id, author_ags)
);
create index review_by_solution on review (solution_id, created_at desc);
