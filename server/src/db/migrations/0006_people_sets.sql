-- People sets: a group may carry a rule on a profile attribute ("every member
-- whose location is Lyon"); members matching it are added to the group and
-- removed when they stop matching. Only memberships the rule created
-- (source = 'rule') are ever removed by it. Kept in step by triggers, in the
-- same transaction as the profile or rule change, under the caller's RLS scope.
ALTER TABLE groups ADD COLUMN people_rule jsonb CHECK (
  people_rule IS NULL OR (
    people_rule ? 'attribute' AND people_rule ? 'value'
    AND people_rule->>'attribute' IN ('department', 'location', 'jobTitle', 'field')
    AND length(people_rule->>'value') BETWEEN 1 AND 100
    AND (people_rule->>'attribute' <> 'field' OR people_rule ? 'fieldId')));
ALTER TABLE group_members ADD COLUMN source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'rule'));

-- (p).user_id, not "p IS NOT NULL": a row with any NULL column (no avatar) is not "NOT NULL".
CREATE FUNCTION people_rule_matches(rule jsonb, p profiles) RETURNS boolean
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT (p).user_id IS NOT NULL AND lower(CASE rule->>'attribute'
      WHEN 'department' THEN p.department
      WHEN 'location' THEN p.location
      WHEN 'jobTitle' THEN p.job_title
      WHEN 'field' THEN p.fields->>(rule->>'fieldId')
    END) = lower(rule->>'value')
  $$;

-- Brings one group's rule-made memberships in line with its rule (all members, or one).
CREATE FUNCTION sync_people_set(target_group uuid, only_user uuid) RETURNS void
  LANGUAGE plpgsql
  AS $$
  DECLARE g groups;
  BEGIN
    SELECT * INTO g FROM groups WHERE id = target_group;
    IF g.id IS NULL THEN RETURN; END IF;
    DELETE FROM group_members gm
    WHERE gm.group_id = g.id AND gm.source = 'rule' AND (only_user IS NULL OR gm.user_id = only_user)
      AND (g.people_rule IS NULL OR g.archived_at IS NOT NULL OR NOT EXISTS (
        SELECT 1 FROM profiles p JOIN memberships m ON m.instance_id = p.instance_id AND m.user_id = p.user_id
        WHERE p.instance_id = g.instance_id AND p.user_id = gm.user_id AND m.status = 'active' AND m.role <> 'guest'
          AND people_rule_matches(g.people_rule, p)));
    IF g.people_rule IS NULL OR g.archived_at IS NOT NULL THEN RETURN; END IF;
    INSERT INTO group_members (instance_id, group_id, user_id, role, source)
    SELECT g.instance_id, g.id, p.user_id, 'member', 'rule'
    FROM profiles p JOIN memberships m ON m.instance_id = p.instance_id AND m.user_id = p.user_id
    WHERE p.instance_id = g.instance_id AND m.status = 'active' AND m.role <> 'guest'
      AND (only_user IS NULL OR p.user_id = only_user) AND people_rule_matches(g.people_rule, p)
    ON CONFLICT (group_id, user_id) DO NOTHING;
  END $$;

-- For a changed profile or membership row (both carry instance_id and user_id): re-check that person against every rule.
CREATE FUNCTION people_sets_after_person_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  DECLARE gid uuid;
  BEGIN
    FOR gid IN SELECT id FROM groups WHERE instance_id = NEW.instance_id AND people_rule IS NOT NULL LOOP
      PERFORM sync_people_set(gid, NEW.user_id);
    END LOOP;
    RETURN NULL;
  END $$;

CREATE TRIGGER people_sets_profile AFTER INSERT OR UPDATE OF job_title, department, location, fields ON profiles
  FOR EACH ROW EXECUTE FUNCTION people_sets_after_person_change();

CREATE FUNCTION people_sets_after_rule_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    PERFORM sync_people_set(NEW.id, NULL);
    RETURN NULL;
  END $$;

CREATE TRIGGER people_sets_rule AFTER UPDATE OF people_rule, archived_at ON groups
  FOR EACH ROW WHEN (OLD.people_rule IS DISTINCT FROM NEW.people_rule OR OLD.archived_at IS DISTINCT FROM NEW.archived_at)
  EXECUTE FUNCTION people_sets_after_rule_change();

-- A member disabled or turned into a guest leaves the groups a rule put them in (and comes back when it changes again).
CREATE TRIGGER people_sets_membership AFTER UPDATE OF status, role ON memberships
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.role IS DISTINCT FROM NEW.role)
  EXECUTE FUNCTION people_sets_after_person_change();
