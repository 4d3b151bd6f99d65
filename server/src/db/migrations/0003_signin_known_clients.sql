-- Clients (account, IP network) that signed in successfully: the account-wide
-- sign-in lock does not apply to them, so failures from elsewhere cannot lock
-- a user out of the places they normally sign in from.
CREATE TABLE signin_known_clients (
  email text NOT NULL,
  network text NOT NULL,
  last_success_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (email, network)
);
