-- The trace the event belongs to (W3C traceparent of the transaction that wrote it, e.g. the REST call):
-- the relay sends it as the record's traceparent header, so a consumer continues the same trace.
-- Null for rows written outside any trace.
alter table outbox_event add column traceparent varchar(55);
