-- A stored response keeps only the role, team and school that at least the minimum of its wave's invitations share
-- (issue 25): with all three kept, some responses matched a single invitation, so anyone reading this database could
-- tell whose answers they were. The rule is InvitedGroups.Kept; this function is the same rule for the rows stored
-- before, and a test pins the two together.
alter table survey_responses alter column role drop not null;

create function kept_response_groups(p_wave uuid, p_role text, p_team uuid, p_organization uuid, p_minimum int)
returns table (role text, team_id uuid, organization_id uuid)
language sql stable set search_path = public as $$
    select c.role, c.team_id, c.organization_id
    from (values (1, p_role, p_team, p_organization), (2, null, p_team, p_organization), (3, p_role, null, null),
                 (4, null, null, p_organization), (5, null, null, null)) as c(rank, role, team_id, organization_id)
    where c.rank = 5
       or (select count(*) from survey_invitations i
           where i.wave_id = p_wave and (c.role is null or i.role = c.role) and (c.team_id is null or i.team_id = c.team_id)
             and (c.organization_id is null or i.organization_id = c.organization_id)) >= p_minimum
    order by c.rank
    limit 1
$$;

-- Row-level security hides every row from a migration (no tenant is set): lifted for this one update.
alter table survey_responses no force row level security;
alter table survey_invitations no force row level security;
update survey_responses r set (role, team_id, organization_id) =
    (select k.role, k.team_id, k.organization_id from kept_response_groups(r.wave_id, r.role, r.team_id, r.organization_id, 5) k);
alter table survey_responses force row level security;
alter table survey_invitations force row level security;
