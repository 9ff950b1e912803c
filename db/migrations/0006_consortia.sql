-- 0006_consortia.sql: the index the shared resources list of db/list.c walks. Wrapped in a transaction
-- by the migration runner (no BEGIN/COMMIT here).

-- A consortium's shared resources by description: its first 200 characters, since a whole description
-- (up to 1000 characters, three bytes each in Chinese) can outgrow a btree entry; the list keys on the
-- same expression.
CREATE INDEX shared_resource_consortium_description_idx
	ON iedesk.shared_resource (consortium_id, left(description, 200), id);

-- The other new lists walk indexes of 0001: consortium (district_id, name, id), training (held_on, id)
-- backwards; members and attendees are found by their unique (consortium_id, school_id) and
-- (training_id, person_id) and sorted by the joined name (a consortium's or a training's few rows).
