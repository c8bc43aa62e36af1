//! Server-only search queries: keeping the index and querying it.

use super::{HitKind, MAX_QUERY_CHARS, MAX_TERMS, SearchHit};
use crate::text::fold;
use sqlx::{SqliteConnection, SqlitePool};

/// The words of a user's text, folded (lowercase, no diacritics, đ → d):
/// letters and digits only, at most [`MAX_TERMS`] of them.
pub fn terms(input: &str) -> Vec<String> {
    let clipped: String = input.chars().take(MAX_QUERY_CHARS).collect();
    fold(&clipped)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(MAX_TERMS)
        .map(str::to_owned)
        .collect()
}

/// Words this long or longer tolerate one typo.
pub const TYPO_MIN_CHARS: usize = 5;

/// The FTS5 query: every word required, each as a prefix or as one of the
/// listed alternatives (typo corrections). Words are letters and digits
/// only and always quoted, so no user text reaches FTS5's query syntax.
/// `None` when there is no word.
pub fn fts_query(words: &[(String, Vec<String>)]) -> Option<String> {
    let parts: Vec<String> = words
        .iter()
        .map(|(word, alternatives)| {
            if alternatives.is_empty() {
                format!("\"{word}\"*")
            } else {
                let mut options = vec![format!("\"{word}\"*")];
                options.extend(alternatives.iter().map(|a| format!("\"{a}\"")));
                format!("({})", options.join(" OR "))
            }
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

/// Indexed words one edit (insertion, deletion, substitution or swap of
/// neighbours) away from `word`, when `word` is long enough and is not
/// itself the start of an indexed word.
async fn corrections(pool: &SqlitePool, word: &str) -> Result<Vec<String>, sqlx::Error> {
    let len = word.chars().count();
    if len < TYPO_MIN_CHARS {
        return Ok(Vec::new());
    }
    let upper = format!("{word}\u{10FFFF}");
    let known: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM search_vocab WHERE term >= ? AND term < ? LIMIT 1")
            .bind(word)
            .bind(&upper)
            .fetch_optional(pool)
            .await?;
    if known.is_some() {
        return Ok(Vec::new());
    }
    let candidates: Vec<String> =
        sqlx::query_scalar("SELECT term FROM search_vocab WHERE length(term) BETWEEN ? AND ?")
            .bind(i64::try_from(len - 1).unwrap_or(0))
            .bind(i64::try_from(len + 1).unwrap_or(i64::MAX))
            .fetch_all(pool)
            .await?;
    Ok(candidates
        .into_iter()
        .filter(|c| strsim::damerau_levenshtein(word, c) == 1)
        .take(10)
        .collect())
}

/// The texts of a village that go into the index.
#[derive(sqlx::FromRow)]
struct VillageText {
    name: String,
    crafts: String,
    description_vi: Option<String>,
    description_en: Option<String>,
    former_commune: Option<String>,
    places: String,
}

/// Indexes (or re-indexes) one village; unpublished villages leave the index.
pub async fn index_village(
    conn: &mut SqliteConnection,
    village_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM search_index WHERE kind = 'village' AND ref_id = ?")
        .bind(village_id)
        .execute(&mut *conn)
        .await?;
    let row: Option<VillageText> = sqlx::query_as(
            "SELECT v.name_vi || ' ' || v.name_en || ' ' || v.place_name AS name,
                    COALESCE((SELECT group_concat(c.name_vi || ' ' || c.name_en, ' ')
                              FROM village_crafts vc JOIN crafts c ON c.id = vc.craft_id
                              WHERE vc.village_id = v.id), '') AS crafts,
                    v.description_vi, v.description_en, lc.name AS former_commune,
                    cm.name || ' ' || COALESCE((SELECT group_concat(d.name, ' ')
                              FROM village_districts vd JOIN legacy_districts d ON d.code = vd.district_code
                              WHERE vd.village_id = v.id), '') AS places
             FROM villages v
             JOIN communes cm ON cm.code = v.commune_code
             LEFT JOIN legacy_communes lc ON lc.code = v.legacy_commune_code
             WHERE v.id = ? AND v.status = 'published'",
        )
        .bind(village_id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(VillageText {
        name,
        crafts,
        description_vi,
        description_en,
        former_commune,
        places,
    }) = row
    else {
        return Ok(());
    };
    let body = [Some(crafts), description_vi, description_en]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let places = [Some(places), former_commune]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    sqlx::query("INSERT INTO search_index (kind, ref_id, name, body, places) VALUES ('village', ?, ?, ?, ?)")
        .bind(village_id)
        .bind(fold(&name))
        .bind(fold(&body))
        .bind(fold(&places))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Rebuilds the whole index.
pub async fn rebuild(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM search_index")
        .execute(&mut *conn)
        .await?;
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM villages WHERE status = 'published' ORDER BY id")
            .fetch_all(&mut *conn)
            .await?;
    for id in ids {
        index_village(conn, id).await?;
    }
    Ok(())
}

/// Whether the index misses published listings (e.g. after an upgrade).
pub async fn is_stale(pool: &SqlitePool) -> Result<bool, sqlx::Error> {
    let (indexed, published): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM search_index),
                (SELECT COUNT(*) FROM villages WHERE status = 'published')",
    )
    .fetch_one(pool)
    .await?;
    Ok(indexed != published)
}

#[derive(sqlx::FromRow)]
struct HitRow {
    slug: String,
    name_vi: String,
    name_en: String,
    place: String,
}

/// Published listings matching the text, best first (a match in the name
/// weighs ten times one in the description, places three times).
pub async fn search(
    pool: &SqlitePool,
    input: &str,
    limit: i64,
) -> Result<Vec<SearchHit>, sqlx::Error> {
    let mut words = Vec::new();
    for word in terms(input) {
        let alternatives = corrections(pool, &word).await?;
        words.push((word, alternatives));
    }
    let Some(query) = fts_query(&words) else {
        return Ok(Vec::new());
    };
    let rows: Vec<HitRow> = sqlx::query_as(
        "SELECT v.slug, v.name_vi, v.name_en, c.name AS place
         FROM search_index s
         JOIN villages v ON s.kind = 'village' AND v.id = s.ref_id
         JOIN communes c ON c.code = v.commune_code
         WHERE search_index MATCH ? AND v.status = 'published'
         ORDER BY bm25(search_index, 0.0, 0.0, 10.0, 1.0, 3.0), v.slug
         LIMIT ?",
    )
    .bind(query)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SearchHit {
            kind: HitKind::Village,
            slug: r.slug,
            name_vi: r.name_vi,
            name_en: r.name_en,
            place: r.place,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::{fts_query, terms};

    fn plain(input: &str) -> Option<String> {
        let words: Vec<_> = terms(input).into_iter().map(|w| (w, Vec::new())).collect();
        fts_query(&words)
    }

    #[test]
    fn queries_are_folded_quoted_and_prefixed() {
        assert_eq!(
            plain("Làng nghề Mai Châu").as_deref(),
            Some("\"lang\"* AND \"nghe\"* AND \"mai\"* AND \"chau\"*")
        );
        assert_eq!(plain("ĐÁ CẢNH").as_deref(), Some("\"da\"* AND \"canh\"*"));
        assert_eq!(
            plain("\"* NEAR( -x ) OR").as_deref(),
            Some("\"near\"* AND \"x\"* AND \"or\"*")
        );
        assert_eq!(plain("  ***  ((( "), None);
        assert_eq!(plain("🧵🪡"), None);
        assert_eq!(
            plain(&"a ".repeat(5000)).map(|q| q.matches('*').count()),
            Some(12)
        );
    }

    #[test]
    fn corrections_become_alternatives() {
        let words = vec![("chiemg".to_owned(), vec!["chieng".to_owned()])];
        assert_eq!(
            fts_query(&words).as_deref(),
            Some("(\"chiemg\"* OR \"chieng\")")
        );
    }
}
