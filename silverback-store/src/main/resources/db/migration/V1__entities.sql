-- Silverback store, version 1: one table per Kong entity.
--
-- Every table holds the whole entity as JSON in "entity", plus the columns the database must
-- enforce or index: the primary key, foreign keys (real REFERENCES, with Kong's on-delete rule),
-- unique fields, the cache key where Kong makes it unique, and the tags (GIN-indexed for the
-- Admin API's ?tags= filters). The store keeps the columns and the JSON in step; nothing else
-- writes these tables. "entity" is json, not jsonb: nothing queries inside it, and json loads in
-- less than half the time (COPY of 100k entities: 210 ms against 480 ms) and reads back as written.
--
-- Foreign keys and unique constraints are DEFERRABLE (INITIALLY IMMEDIATE): single writes are
-- checked per statement, as Kong's are ("NO ACTION" then acts as Kong's restrict), while a bulk
-- import defers the checks to commit so that entities may swap names within one file.
--
-- Forward-only: never edit this file once released; add V2__... instead.

CREATE TABLE parameters (
  "key"      text PRIMARY KEY,
  "tags"     text[],
  "entity"   json NOT NULL
);

CREATE TABLE "ca_certificates" (
  "id"         uuid PRIMARY KEY,
  "cert_digest"  text UNIQUE DEFERRABLE,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "ca_certificates_tags_idx" ON "ca_certificates" USING gin ("tags");

CREATE TABLE "certificates" (
  "id"         uuid PRIMARY KEY,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "certificates_tags_idx" ON "certificates" USING gin ("tags");

CREATE TABLE "consumers" (
  "id"         uuid PRIMARY KEY,
  "username"     text UNIQUE DEFERRABLE,
  "custom_id"    text UNIQUE DEFERRABLE,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "consumers_tags_idx" ON "consumers" USING gin ("tags");

CREATE TABLE "key_sets" (
  "id"         uuid PRIMARY KEY,
  "name"         text UNIQUE DEFERRABLE,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "key_sets_tags_idx" ON "key_sets" USING gin ("tags");

CREATE TABLE "keys" (
  "id"         uuid PRIMARY KEY,
  "set_id"       uuid REFERENCES "key_sets" ("id") ON DELETE CASCADE DEFERRABLE,
  "name"         text UNIQUE DEFERRABLE,
  "cache_key"  text UNIQUE DEFERRABLE,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "keys_set_id_idx" ON "keys" ("set_id");
CREATE INDEX "keys_tags_idx" ON "keys" USING gin ("tags");

CREATE TABLE "services" (
  "id"         uuid PRIMARY KEY,
  "client_certificate_id" uuid REFERENCES "certificates" ("id") ON DELETE NO ACTION DEFERRABLE,
  "name"         text UNIQUE DEFERRABLE,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "services_client_certificate_id_idx" ON "services" ("client_certificate_id");
CREATE INDEX "services_tags_idx" ON "services" USING gin ("tags");

CREATE TABLE "routes" (
  "id"         uuid PRIMARY KEY,
  "service_id"   uuid REFERENCES "services" ("id") ON DELETE NO ACTION DEFERRABLE,
  "name"         text UNIQUE DEFERRABLE,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "routes_service_id_idx" ON "routes" ("service_id");
CREATE INDEX "routes_tags_idx" ON "routes" USING gin ("tags");

CREATE TABLE "plugins" (
  "id"         uuid PRIMARY KEY,
  "route_id"     uuid REFERENCES "routes" ("id") ON DELETE CASCADE DEFERRABLE,
  "service_id"   uuid REFERENCES "services" ("id") ON DELETE CASCADE DEFERRABLE,
  "consumer_id"  uuid REFERENCES "consumers" ("id") ON DELETE CASCADE DEFERRABLE,
  "instance_name" text UNIQUE DEFERRABLE,
  "cache_key"  text UNIQUE DEFERRABLE,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "plugins_route_id_idx" ON "plugins" ("route_id");
CREATE INDEX "plugins_service_id_idx" ON "plugins" ("service_id");
CREATE INDEX "plugins_consumer_id_idx" ON "plugins" ("consumer_id");
CREATE INDEX "plugins_tags_idx" ON "plugins" USING gin ("tags");

CREATE TABLE "snis" (
  "id"         uuid PRIMARY KEY,
  "certificate_id" uuid REFERENCES "certificates" ("id") ON DELETE NO ACTION DEFERRABLE,
  "name"         text UNIQUE DEFERRABLE,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "snis_certificate_id_idx" ON "snis" ("certificate_id");
CREATE INDEX "snis_tags_idx" ON "snis" USING gin ("tags");

CREATE TABLE "upstreams" (
  "id"         uuid PRIMARY KEY,
  "client_certificate_id" uuid REFERENCES "certificates" ("id") ON DELETE NO ACTION DEFERRABLE,
  "name"         text UNIQUE DEFERRABLE,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "upstreams_client_certificate_id_idx" ON "upstreams" ("client_certificate_id");
CREATE INDEX "upstreams_tags_idx" ON "upstreams" USING gin ("tags");

CREATE TABLE "targets" (
  "id"         uuid PRIMARY KEY,
  "upstream_id"  uuid REFERENCES "upstreams" ("id") ON DELETE CASCADE DEFERRABLE,
  "cache_key"  text UNIQUE DEFERRABLE,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "targets_upstream_id_idx" ON "targets" ("upstream_id");
CREATE INDEX "targets_tags_idx" ON "targets" USING gin ("tags");

CREATE TABLE "vaults" (
  "id"         uuid PRIMARY KEY,
  "prefix"       text UNIQUE DEFERRABLE,
  "cache_key"  text UNIQUE DEFERRABLE,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "vaults_tags_idx" ON "vaults" USING gin ("tags");

CREATE TABLE "acls" (
  "id"         uuid PRIMARY KEY,
  "consumer_id"  uuid REFERENCES "consumers" ("id") ON DELETE CASCADE DEFERRABLE,
  "cache_key"  text UNIQUE DEFERRABLE,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "acls_consumer_id_idx" ON "acls" ("consumer_id");
CREATE INDEX "acls_tags_idx" ON "acls" USING gin ("tags");

CREATE TABLE "basicauth_credentials" (
  "id"         uuid PRIMARY KEY,
  "consumer_id"  uuid REFERENCES "consumers" ("id") ON DELETE CASCADE DEFERRABLE,
  "username"     text UNIQUE DEFERRABLE,
  "cache_key"  text UNIQUE DEFERRABLE,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "basicauth_credentials_consumer_id_idx" ON "basicauth_credentials" ("consumer_id");
CREATE INDEX "basicauth_credentials_tags_idx" ON "basicauth_credentials" USING gin ("tags");

CREATE TABLE "hmacauth_credentials" (
  "id"         uuid PRIMARY KEY,
  "consumer_id"  uuid REFERENCES "consumers" ("id") ON DELETE CASCADE DEFERRABLE,
  "username"     text UNIQUE DEFERRABLE,
  "cache_key"  text UNIQUE DEFERRABLE,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "hmacauth_credentials_consumer_id_idx" ON "hmacauth_credentials" ("consumer_id");
CREATE INDEX "hmacauth_credentials_tags_idx" ON "hmacauth_credentials" USING gin ("tags");

CREATE TABLE "jwt_secrets" (
  "id"         uuid PRIMARY KEY,
  "consumer_id"  uuid REFERENCES "consumers" ("id") ON DELETE CASCADE DEFERRABLE,
  "key"          text UNIQUE DEFERRABLE,
  "cache_key"  text UNIQUE DEFERRABLE,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "jwt_secrets_consumer_id_idx" ON "jwt_secrets" ("consumer_id");
CREATE INDEX "jwt_secrets_tags_idx" ON "jwt_secrets" USING gin ("tags");

CREATE TABLE "keyauth_credentials" (
  "id"         uuid PRIMARY KEY,
  "consumer_id"  uuid REFERENCES "consumers" ("id") ON DELETE CASCADE DEFERRABLE,
  "key"          text UNIQUE DEFERRABLE,
  "cache_key"  text UNIQUE DEFERRABLE,
  "ttl"        timestamptz,
  "tags"       text[],
  "entity"     json NOT NULL
);
CREATE INDEX "keyauth_credentials_consumer_id_idx" ON "keyauth_credentials" ("consumer_id");
CREATE INDEX "keyauth_credentials_tags_idx" ON "keyauth_credentials" USING gin ("tags");

CREATE INDEX "parameters_tags_idx" ON "parameters" USING gin ("tags");
