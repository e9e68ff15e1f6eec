-- Failed sign-ins per account name and per client address (SignInThrottle): shared by every Identity replica.
-- Keyed by the name typed, whether or not an account has it, so a throttled answer tells nothing about which exist.
create table sign_in_failures (
    key             text primary key check (length(key) between 1 and 400),
    failures        int not null check (failures > 0),
    last_failure_at timestamptz not null
);
