-- A stand-in for the next release's migration, used by MigrationsTest only.
ALTER TABLE services ADD COLUMN "next_release" text;
