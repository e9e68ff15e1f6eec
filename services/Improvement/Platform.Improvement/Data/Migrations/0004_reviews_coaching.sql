-- Cycle reviews: a network meeting that looked at the cycles completed since the last review and recorded decisions
-- on change ideas and a short learning synthesis. window_from is the previous review's date (null for the first).
create table cycle_reviews (
    id          uuid primary key,
    tenant_id   uuid not null,
    network_id  uuid not null,
    held_on     date not null,
    window_from date,
    synthesis   text not null check (length(synthesis) between 1 and 4000),
    recorded_by text not null,
    created_at  timestamptz not null
);
create index cycle_reviews_network on cycle_reviews (network_id, held_on);
select enable_tenant_isolation('cycle_reviews');

-- The cycles a review looked at. A cycle is looked at by one review only (the primary key): the next agenda is the
-- completed cycles no review has looked at yet.
create table cycle_review_cycles (
    cycle_id  uuid primary key references pdsa_cycles (id),
    review_id uuid not null references cycle_reviews (id),
    tenant_id uuid not null
);
create index cycle_review_cycles_review on cycle_review_cycles (review_id);
select enable_tenant_isolation('cycle_review_cycles');

-- The decisions a review recorded: a change idea's status from -> to (applied to the idea in the same transaction).
create table cycle_review_decisions (
    review_id      uuid not null references cycle_reviews (id),
    change_idea_id uuid not null references change_ideas (id),
    tenant_id      uuid not null,
    position       int not null,
    from_status    text not null,
    to_status      text not null check (to_status in ('Idea', 'Testing', 'Adopted', 'Adapted', 'Abandoned', 'Spreading')),
    note           text check (length(note) <= 1000),
    primary key (review_id, change_idea_id)
);
select enable_tenant_isolation('cycle_review_decisions');

-- Hub-staff seats, from the Networks events (HubStaffAssigned / HubStaffDeparted): who holds an ImprovementCoach seat
-- in a network. A departure may arrive before its assignment, so assignment facts are nullable; an end date is the
-- first day out.
create table hub_staff (
    assignment_id uuid primary key,
    tenant_id     uuid not null,
    network_id    uuid not null,
    person_id     uuid not null,
    hub_role      text,
    start_date    date,
    end_date      date
);
create index hub_staff_network on hub_staff (network_id);
select enable_tenant_isolation('hub_staff');

-- Coaching touchpoints: a coach's meeting with an improvement team (date, focus, what was agreed, the next step).
-- The text stays here; only ids and the date leave (CoachingTouchpointLogged).
create table coaching_touchpoints (
    id         uuid primary key,
    tenant_id  uuid not null,
    network_id uuid not null,
    team_id    uuid not null,
    held_on    date not null,
    focus      text not null check (length(focus) between 1 and 500),
    agreed     text check (length(agreed) <= 2000),
    next_step  text check (length(next_step) <= 2000),
    logged_by  text not null,
    created_at timestamptz not null
);
create index coaching_touchpoints_network on coaching_touchpoints (network_id, held_on);
select enable_tenant_isolation('coaching_touchpoints');
