-- Licences from the commitments of a scaling round that succeeded (catalog.rounds, ScalingRoundClosed):
-- each carries its round, and a round has at most one licence per municipality, however often or on
-- however many instances its close is delivered or replayed. Ordinary requests have no round.
alter table license add column scaling_round_id uuid;
create unique index license_one_per_round_commitment on license (scaling_round_id, adopter_ags)
    where scaling_round_id is not null;

-- A commitment the rules refuse is recorded as a request rejected at once, also when its plan is not a
-- plan of the solution (no terms to record) or licensing does not know the solution (no approval policy).
alter table license alter column terms drop not null;
alter table license alter column approval_policy drop not null;
