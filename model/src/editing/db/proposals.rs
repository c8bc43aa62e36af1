//! Partners' proposals: recorded, listed, decided.

use super::super::Values;
use crate::listing::Kind;
use crate::listing::db::table;
use crate::staff::db::{Audit, audit};
use sqlx::SqlitePool;

/// A stored proposal.
pub struct ProposalRow {
    pub id: i64,
    pub kind: Kind,
    pub target_id: i64,
    pub user_id: i64,
    pub who: String,
    pub at: String,
    pub state: String,
    pub reason: String,
    /// The proposed values of the fields it changes.
    pub fields: Values,
    /// The values they replace: when proposed, then when decided (empty
    /// for proposals older than this record).
    pub before: Values,
    /// The partner's note justifying it.
    pub note: String,
}

/// What a partner sends with a proposal.
pub struct Proposed<'a> {
    pub kind: Kind,
    pub id: i64,
    pub user_id: i64,
    pub fields: &'a Values,
    pub before: &'a Values,
    pub note: &'a str,
    /// The rejected or withdrawn proposal this one sends again.
    pub resubmits: Option<i64>,
    pub ip: Option<&'a str>,
}

/// Records a partner's proposal; returns its id.
pub async fn insert_proposal(pool: &SqlitePool, p: Proposed<'_>) -> Result<i64, sqlx::Error> {
    let mut tx = crate::system::begin_write(pool).await?;
    let proposal: i64 = sqlx::query_scalar(
        "INSERT INTO proposals (target, target_id, user_id, fields, before, note, resubmits)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(table(p.kind))
    .bind(p.id)
    .bind(p.user_id)
    .bind(json(p.fields)?)
    .bind(json(p.before)?)
    .bind(p.note)
    .bind(p.resubmits)
    .fetch_one(&mut *tx)
    .await?;
    let keys = p.fields.keys().cloned().collect::<Vec<_>>().join(", ");
    audit(
        &mut tx,
        Audit {
            user_id: Some(p.user_id),
            action: if p.resubmits.is_some() {
                "propose_again"
            } else {
                "propose"
            },
            target: Some(table(p.kind)),
            target_id: Some(p.id),
            detail: &keys,
            ip: p.ip,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(proposal)
}

/// Withdraws its partner's pending proposal; false when it was no longer
/// pending (decided or withdrawn meanwhile) or is someone else's.
pub async fn withdraw(
    pool: &SqlitePool,
    id: i64,
    user_id: i64,
    ip: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let mut tx = crate::system::begin_write(pool).await?;
    let done = sqlx::query(
        "UPDATE proposals SET state = 'withdrawn',
                reviewed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
          WHERE id = ? AND user_id = ? AND state = 'pending'",
    )
    .bind(id)
    .bind(user_id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if done {
        audit(
            &mut tx,
            Audit {
                user_id: Some(user_id),
                action: "proposal_withdrawn",
                target: Some("proposals"),
                target_id: Some(id),
                detail: "",
                ip,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(done)
}

fn json(values: &Values) -> Result<String, sqlx::Error> {
    serde_json::to_string(values).map_err(|e| sqlx::Error::Encode(Box::new(e)))
}

type ProposalTuple = (
    String,
    String,
    i64,
    String,
    i64,
    i64,
    String,
    String,
    String,
    String,
    String,
);

fn proposal_row(t: ProposalTuple) -> Option<ProposalRow> {
    let (note, before, id, target, target_id, user_id, who, at, state, reason, fields) = t;
    Some(ProposalRow {
        id,
        kind: crate::listing::db::kind_of_table(&target)?,
        target_id,
        user_id,
        who,
        at,
        state,
        reason,
        fields: serde_json::from_str(&fields).ok()?,
        before: serde_json::from_str(&before).unwrap_or_default(),
        note,
    })
}

const PROPOSAL_COLUMNS: &str =
    "SELECT p.note, p.before, p.id, p.target, p.target_id, p.user_id, u.display_name,
        p.created_at, p.state, p.reason, p.fields
   FROM proposals p JOIN users u ON u.id = p.user_id";

/// Pending proposals, oldest first.
pub async fn pending_proposals(pool: &SqlitePool) -> Result<Vec<ProposalRow>, sqlx::Error> {
    let sql = format!("{PROPOSAL_COLUMNS} WHERE p.state = 'pending' ORDER BY p.id LIMIT 200");
    let rows: Vec<ProposalTuple> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().filter_map(proposal_row).collect())
}

/// One account's proposals, newest first.
pub async fn proposals_of(
    pool: &SqlitePool,
    user_id: i64,
) -> Result<Vec<ProposalRow>, sqlx::Error> {
    let sql = format!("{PROPOSAL_COLUMNS} WHERE p.user_id = ? ORDER BY p.id DESC LIMIT 100");
    let rows: Vec<ProposalTuple> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(user_id)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().filter_map(proposal_row).collect())
}

/// One proposal.
pub async fn proposal(pool: &SqlitePool, id: i64) -> Result<Option<ProposalRow>, sqlx::Error> {
    let sql = format!("{PROPOSAL_COLUMNS} WHERE p.id = ?");
    let row: Option<ProposalTuple> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(row.and_then(proposal_row))
}

/// Marks a pending proposal decided, with the values it replaced (or
/// would have) at that moment; false when it was decided already.
pub async fn decide(
    pool: &SqlitePool,
    id: i64,
    accepted: bool,
    reviewer: i64,
    reason: &str,
    before: &Values,
    ip: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let mut tx = crate::system::begin_write(pool).await?;
    let done = sqlx::query(
        "UPDATE proposals SET state = ?, reviewer_id = ?, reason = ?, before = ?,
                reviewed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
          WHERE id = ? AND state = 'pending'",
    )
    .bind(if accepted { "accepted" } else { "rejected" })
    .bind(reviewer)
    .bind(reason)
    .bind(json(before)?)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if done {
        audit(
            &mut tx,
            Audit {
                user_id: Some(reviewer),
                action: if accepted {
                    "proposal_accepted"
                } else {
                    "proposal_rejected"
                },
                target: Some("proposals"),
                target_id: Some(id),
                detail: reason,
                ip,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(done)
}

/// How many proposals wait for a decision.
/// Whether the proposal `id` was sent again already (a newer proposal
/// resubmits it).
pub async fn resent(pool: &SqlitePool, id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM proposals WHERE resubmits = ?)")
        .bind(id)
        .fetch_one(pool)
        .await
}

pub async fn pending_count(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM proposals WHERE state = 'pending'")
        .fetch_one(pool)
        .await
}
