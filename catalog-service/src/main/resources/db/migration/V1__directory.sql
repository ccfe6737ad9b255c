-- The directory: municipalities (by AGS) and operators.
create table municipality (
    ags                  varchar(8)   primary key,
    name                 varchar(200) not null,
    inhabitants          bigint       not null check (inhabitants > 0),
    leitweg_id           varchar(46)  not null,
    street               varchar(200) not null,
    postal_code          varchar(10)  not null,
    city                 varchar(100) not null,
    country_code         varchar(2)   not null,
    contact_email        varchar(254) not null,
    version              bigint       not null default 0,
    registered_at        timestamptz  not null,
    updated_at           timestamptz  not null
);
create index municipality_name on municipality (lower(name));
