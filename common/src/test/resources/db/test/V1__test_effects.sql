create table test_effect (id bigint generated always as identity primary key, label varchar(100) not null);
