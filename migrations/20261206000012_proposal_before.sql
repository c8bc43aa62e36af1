-- Both sides of a proposal, kept for good: the values the proposed ones
-- replace (recorded when proposed, updated when decided). Proposals made
-- before this column have '{}' (their earlier values were not recorded).
ALTER TABLE proposals ADD COLUMN before TEXT NOT NULL DEFAULT '{}';
