//! Server-only queries of accounts, sign-in failures and the audit log.

use super::{Email, Role, StaffUser};
use sqlx::{SqliteConnection, SqlitePool};

/// An account row with its password hash: server-only, not serialisable.
pub struct UserRow {
    pub user: StaffUser,
    pub password_hash: PasswordHash,
    pub disabled: bool,
}

/// An Argon2id PHC string. Deliberately neither `Serialize` nor `Debug`.
pub struct PasswordHash(pub String);

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    email: String,
    display_name: String,
    role: String,
    password_hash: String,
    disabled: bool,
    must_change_password: bool,
}

async fn communes_of(pool: &SqlitePool, user_id: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT commune_code FROM user_communes WHERE user_id = ? ORDER BY commune_code",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await
}

async fn finish(pool: &SqlitePool, row: Option<Row>) -> Result<Option<UserRow>, sqlx::Error> {
    let Some(row) = row else { return Ok(None) };
    let Some(role) = Role::parse(&row.role) else {
        tracing::error!(user = row.id, "account with an unknown role");
        return Ok(None);
    };
    let communes = communes_of(pool, row.id).await?;
    Ok(Some(UserRow {
        user: StaffUser {
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            role,
            communes,
            must_change_password: row.must_change_password,
        },
        password_hash: PasswordHash(row.password_hash),
        disabled: row.disabled,
    }))
}

const COLUMNS: &str = "SELECT id, email, display_name, role, password_hash, disabled,
        must_change_password FROM users";

/// The account with this e-mail address.
pub async fn by_email(pool: &SqlitePool, email: &Email) -> Result<Option<UserRow>, sqlx::Error> {
    let row = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!("{COLUMNS} WHERE email = ?")))
        .bind(email.as_str())
        .fetch_optional(pool)
        .await?;
    finish(pool, row).await
}

/// The account with this id.
pub async fn by_id(pool: &SqlitePool, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    let row = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!("{COLUMNS} WHERE id = ?")))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    finish(pool, row).await
}

/// Creates an account; a taken e-mail address is a unique violation.
pub async fn insert(
    pool: &SqlitePool,
    email: &Email,
    display_name: &str,
    role: Role,
    hash: &PasswordHash,
    communes: &[String],
) -> Result<i64, sqlx::Error> {
    let mut tx = crate::system::begin_write(pool).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, display_name, role, password_hash) VALUES (?, ?, ?, ?)
         RETURNING id",
    )
    .bind(email.as_str())
    .bind(display_name)
    .bind(role.as_str())
    .bind(&hash.0)
    .fetch_one(&mut *tx)
    .await?;
    for code in communes {
        sqlx::query("INSERT INTO user_communes (user_id, commune_code) VALUES (?, ?)")
            .bind(id)
            .bind(code)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Replaces an account's password hash. `set_by_admin`: the owner is
/// asked to choose their own at the next sign-in.
pub async fn set_password(
    pool: &SqlitePool,
    id: i64,
    hash: &PasswordHash,
    set_by_admin: bool,
) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?")
            .bind(&hash.0)
            .bind(set_by_admin)
            .bind(id)
            .execute(pool)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Asks the account's owner to choose their own password (an account an
/// administrator created).
pub async fn require_password_change(pool: &SqlitePool, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET must_change_password = 1 WHERE id = ?")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// How many accounts there are with this role.
pub async fn count_role(pool: &SqlitePool, role: Role) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE role = ?")
        .bind(role.as_str())
        .fetch_one(pool)
        .await
}

/// Failures allowed per address within [`FAILURE_WINDOW_SECS`].
pub const MAX_FAILURES: i64 = 5;
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;

/// Whether sign-in for this address is locked at `now` (Unix seconds).
pub async fn locked(pool: &SqlitePool, email: &str, now: i64) -> Result<bool, sqlx::Error> {
    let failures: Option<i64> = sqlx::query_scalar(
        "SELECT failures FROM sign_in_failures WHERE email = ? AND window_start > ?",
    )
    .bind(email)
    .bind(now - FAILURE_WINDOW_SECS)
    .fetch_optional(pool)
    .await?;
    Ok(failures.unwrap_or(0) >= MAX_FAILURES)
}

/// Counts a failed sign-in for this address (a new window when the last one
/// is over).
pub async fn record_failure(pool: &SqlitePool, email: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sign_in_failures (email, failures, window_start) VALUES (?, 1, ?)
         ON CONFLICT (email) DO UPDATE SET
           failures = CASE WHEN window_start > ? THEN failures + 1 ELSE 1 END,
           window_start = CASE WHEN window_start > ? THEN window_start ELSE excluded.window_start END",
    )
    .bind(email)
    .bind(now)
    .bind(now - FAILURE_WINDOW_SECS)
    .bind(now - FAILURE_WINDOW_SECS)
    .execute(pool)
    .await?;
    Ok(())
}

/// Forgets the failures of an address after a successful sign-in.
pub async fn clear_failures(pool: &SqlitePool, email: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE email = ?")
        .bind(email)
        .execute(pool)
        .await?;
    Ok(())
}

/// Whether the account signed in from `ip` within the last `days` days.
pub async fn signed_in_from(
    pool: &SqlitePool,
    user_id: i64,
    ip: &str,
    days: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM audit_log
         WHERE user_id = ? AND action = 'sign_in' AND ip = ?
           AND at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', printf('-%d days', ?)))",
    )
    .bind(user_id)
    .bind(ip)
    .bind(days)
    .fetch_one(pool)
    .await
}

/// Deletes failure counts whose window is over (they lock nothing).
pub async fn delete_old_failures(pool: &SqlitePool, now: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sign_in_failures WHERE window_start <= ?")
        .bind(now - FAILURE_WINDOW_SECS)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// One entry of the audit log.
pub struct Audit<'a> {
    pub user_id: Option<i64>,
    pub action: &'a str,
    pub target: Option<&'a str>,
    pub target_id: Option<i64>,
    pub detail: &'a str,
    pub ip: Option<&'a str>,
}

/// Writes an audit entry (inside the caller's transaction when it has one).
pub async fn audit(conn: &mut SqliteConnection, entry: Audit<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (user_id, action, target, target_id, detail, ip)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(entry.user_id)
    .bind(entry.action)
    .bind(entry.target)
    .bind(entry.target_id)
    .bind(entry.detail)
    .bind(entry.ip)
    .execute(conn)
    .await?;
    Ok(())
}

/// The newest audit entries.
pub async fn recent_audit(
    pool: &SqlitePool,
    limit: i64,
) -> Result<Vec<super::AuditEntry>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.at, u.email AS who, a.action, a.target, a.target_id, a.detail, a.ip
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
         ORDER BY a.id DESC LIMIT ?",
    )
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// What the audit log is narrowed to.
#[derive(Clone, Copy, Debug, Default)]
pub struct AuditFilter<'a> {
    /// Of these actions (none: all).
    pub actions: &'a [&'a str],
    /// By this account.
    pub user_id: Option<i64>,
    /// At or after this moment, before that one (UTC, as stored).
    pub from: Option<&'a str>,
    pub until: Option<&'a str>,
}

/// Audit entries older than `before` (an entry id; `None`: the newest)
/// that `filter` keeps, newest first.
pub async fn audit_page(
    pool: &SqlitePool,
    filter: AuditFilter<'_>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<super::AuditEntry>, sqlx::Error> {
    let mut q = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
        "SELECT a.id, a.at, u.email AS who, a.action, a.target, a.target_id, a.detail, a.ip
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id WHERE a.id < ",
    );
    q.push_bind(before.unwrap_or(i64::MAX));
    if !filter.actions.is_empty() {
        q.push(" AND a.action IN (");
        let mut list = q.separated(", ");
        for action in filter.actions {
            list.push_bind(*action);
        }
        q.push(")");
    }
    if let Some(user) = filter.user_id {
        q.push(" AND a.user_id = ").push_bind(user);
    }
    if let Some(from) = filter.from {
        q.push(" AND a.at >= ").push_bind(from.to_owned());
    }
    if let Some(until) = filter.until {
        q.push(" AND a.at < ").push_bind(until.to_owned());
    }
    q.push(" ORDER BY a.id DESC LIMIT ").push_bind(limit);
    q.build_query_as().fetch_all(pool).await
}

/// When each account last signed in (UTC, as stored), by account id.
pub async fn last_sign_ins(pool: &SqlitePool) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT user_id, MAX(at) FROM audit_log
         WHERE action = 'sign_in' AND user_id IS NOT NULL GROUP BY user_id",
    )
    .fetch_all(pool)
    .await
}

/// Every account, with whether it is disabled, by e-mail address.
pub async fn all_accounts(pool: &SqlitePool) -> Result<Vec<(StaffUser, bool)>, sqlx::Error> {
    let rows = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(format!("{COLUMNS} ORDER BY email")))
        .fetch_all(pool)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(user) = finish(pool, Some(row)).await? {
            out.push((user.user, user.disabled));
        }
    }
    Ok(out)
}

/// Enables or disables an account.
pub async fn set_disabled(pool: &SqlitePool, id: i64, disabled: bool) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("UPDATE users SET disabled = ? WHERE id = ?")
        .bind(disabled)
        .bind(id)
        .execute(pool)
        .await?
        .rows_affected()
        == 1)
}
