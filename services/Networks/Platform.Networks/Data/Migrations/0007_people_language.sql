-- The language a person prefers for their survey mail and pages (issue 24); null: English.
alter table people add column preferred_language text check (preferred_language in ('en', 'es'));
