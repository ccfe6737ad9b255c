-- An event may be published to more than one topic (licensing's deployment events also go to the
-- operator's own topic): one outbox row per topic, all with the event's one ce_id.
alter table outbox_event drop constraint outbox_event_event_id_key;
alter table outbox_event add constraint outbox_event_event_id_topic_key unique (event_id, topic);
