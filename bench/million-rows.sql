-- The 1M-row bench dataset: 500k consumers, each with one keyauth credential, inserted as the
-- store writes them (columns plus the entity's JSON). Run on a freshly bootstrapped database:
--   psql -d DB -v ON_ERROR_STOP=1 -f bench/million-rows.sql
INSERT INTO consumers (id, username, custom_id, tags, entity)
SELECT md5('c' || i)::uuid, 'user-' || i, 'cid-' || i, NULL,
  json_build_object('username', 'user-' || i, 'custom_id', 'cid-' || i, 'id', md5('c' || i)::uuid,
    'tags', NULL, 'created_at', 1795648477, 'updated_at', 1795648477)
FROM generate_series(0, 499999) i;
INSERT INTO keyauth_credentials (id, consumer_id, key, cache_key, ttl, tags, entity)
SELECT md5('k' || i)::uuid, md5('c' || i)::uuid, 'key-' || i || '-0123456789abcdef',
  'keyauth_credentials:key-' || i || '-0123456789abcdef', NULL, NULL,
  json_build_object('id', md5('k' || i)::uuid, 'key', 'key-' || i || '-0123456789abcdef',
    'consumer', json_build_object('id', md5('c' || i)::uuid), 'tags', NULL, 'created_at', 1795648477)
FROM generate_series(0, 499999) i;
ANALYZE;
