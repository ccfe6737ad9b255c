-- E-mail notifications: the directory's contact addresses of municipalities (adopters, providers) and
-- operators. Null for rows projected before this column; the next MunicipalityUpdated/OperatorUpdated
-- (or a replay of catalog.directory) fills it, and a notification without an address is skipped (logged).
alter table catalog_municipality add column contact_email varchar(254);
alter table catalog_operator add column contact_email varchar(254);
