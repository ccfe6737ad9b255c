-- One database per service, each owned by its own login role (docker-compose.yml mounts this into
-- /docker-entrypoint-initdb.d/, so it runs once, when the postgres-data volume is first created).
-- The passwords equal the role names: for a local machine only, never for a shared or public one.
--
-- No service reads another service's database (docs/ARCHITECTURE.md), so CONNECT is taken away from
-- PUBLIC: each role can connect to its own database only. Each role owns its database and, through
-- pg_database_owner, its public schema, so Flyway can create the tables.

CREATE ROLE catalog LOGIN PASSWORD 'catalog';
CREATE DATABASE catalog OWNER catalog;
REVOKE CONNECT, TEMPORARY ON DATABASE catalog FROM PUBLIC;

CREATE ROLE licensing LOGIN PASSWORD 'licensing';
CREATE DATABASE licensing OWNER licensing;
REVOKE CONNECT, TEMPORARY ON DATABASE licensing FROM PUBLIC;

CREATE ROLE billing LOGIN PASSWORD 'billing';
CREATE DATABASE billing OWNER billing;
REVOKE CONNECT, TEMPORARY ON DATABASE billing FROM PUBLIC;
