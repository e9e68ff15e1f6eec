#!/bin/bash
# DEV ONLY: run once by the postgres image's entrypoint on an empty data directory (docker-entrypoint-initdb.d).
# The same shape as DatabaseProvisioner (./dev up): per service a database owned by <db>_owner (runs migrations)
# and a login role <db>_app that owns nothing and has no BYPASSRLS, so row-level security applies to it.
set -euo pipefail
for db in identity networks surveys assessments improvement reporting; do
  owner_pw_var="${db^^}_OWNER_PASSWORD"
  app_pw_var="${db^^}_APP_PASSWORD"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v db="$db" -v owner="${db}_owner" -v app="${db}_app" \
    -v owner_pw="${!owner_pw_var}" -v app_pw="${!app_pw_var}" <<'SQL'
create role :"owner" login nosuperuser nobypassrls nocreatedb nocreaterole password :'owner_pw';
create role :"app" login nosuperuser nobypassrls nocreatedb nocreaterole password :'app_pw';
create database :"db" owner :"owner";
SQL
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$db" \
    -v db="$db" -v owner="${db}_owner" -v app="${db}_app" <<'SQL'
revoke all on database :"db" from public;
grant connect, temporary on database :"db" to :"app";
alter schema public owner to :"owner";
revoke create on schema public from public;
grant usage on schema public to :"app";
alter default privileges for role :"owner" in schema public grant select, insert, update, delete on tables to :"app";
alter default privileges for role :"owner" in schema public grant usage, select on sequences to :"app";
SQL
done
