-- The directory, part 2: operators (by slug), who run solutions for adopters.
create table operator (
    id             varchar(63)  primary key,
    name           varchar(200) not null,
    operator_type  varchar(30)  not null,
    states_served  text[]       not null check (cardinality(states_served) >= 1),
    capacity       integer      not null check (capacity >= 1),
    contact_email  varchar(254) not null,
    version        bigint       not null default 0,
    registered_at  timestamptz  not null,
    updated_at     timestamptz  not null
);
create index operator_type on operator (operator_type);
