-- Email digests of unread notifications: each member chooses a frequency per
-- instance; digest_sent_at records the last one; the unsubscribe token lets a
-- link in the email switch digests off without signing in.
ALTER TABLE memberships
  ADD COLUMN digest text NOT NULL DEFAULT 'daily' CHECK (digest IN ('hourly', 'daily', 'weekly', 'never')),
  ADD COLUMN digest_sent_at timestamptz,
  -- Two v4 UUIDs: 244 random bits, without needing the pgcrypto extension.
  ADD COLUMN unsubscribe_token text NOT NULL DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
CREATE UNIQUE INDEX memberships_unsubscribe_token ON memberships (unsubscribe_token);
