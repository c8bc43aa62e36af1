-- Whether an account signed in from an address before (a locked address
-- still lets its owner in from a place they used): looked up by account.
CREATE INDEX audit_log_user_action ON audit_log (user_id, action, at);
