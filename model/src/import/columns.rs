//! Which field each column of a file holds: headers are compared with the
//! fields' labels in Vietnamese and English and with their keys, without
//! marks, case, spaces or punctuation ("Mã số thuế", "ma so thue",
//! "Tax code", "tax_code" are one header); a header one or two letters
//! away from a label is a guess, put to staff to confirm.

use super::{Column, ID};
use crate::editing::fields::FieldSpec;
use crate::i18n::Lang;
use crate::text::fold;

/// A header reduced to letters and digits, without marks or case.
pub fn header_key(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The names a field's column may carry, reduced by [`header_key`]: its
/// labels in both languages (with and without a note in brackets) and its
/// key.
pub fn names(field: &FieldSpec) -> Vec<String> {
    let mut out = Vec::new();
    for lang in [Lang::Vi, Lang::En] {
        let label = field.label(lang);
        out.push(header_key(label));
        if let Some((bare, _)) = label.split_once(" (") {
            out.push(header_key(bare));
        }
    }
    out.push(header_key(field.key));
    out.retain(|n| !n.is_empty());
    out.dedup();
    out
}

/// The field of each header cell: an exact name is sure; otherwise the
/// closest field within two letters (or whose name starts the header) is
/// a guess; headers in `ignored` (the export's public address, in both
/// languages) and empty ones are not read. A field is taken by one column
/// at most (the first).
pub fn recognise(spec: &[FieldSpec], header: &[String], ignored: &[&str]) -> Vec<Column> {
    let ignored: Vec<String> = ignored.iter().map(|i| header_key(i)).collect();
    let named: Vec<(&str, Vec<String>)> = spec.iter().map(|f| (f.key, names(f))).collect();
    let mut taken: Vec<&str> = Vec::new();
    let mut out = Vec::with_capacity(header.len());
    for text in header {
        let key = header_key(text);
        let column = |key: &str, sure: bool| Column {
            header: text.clone(),
            key: key.to_owned(),
            sure,
        };
        if key.is_empty() || ignored.contains(&key) {
            out.push(column("", true));
            continue;
        }
        if key == ID && !taken.contains(&ID) {
            taken.push(ID);
            out.push(column(ID, true));
            continue;
        }
        let free = named.iter().filter(|(k, _)| !taken.contains(k));
        if let Some((field, _)) = free.clone().find(|(_, names)| names.contains(&key)) {
            taken.push(field);
            out.push(column(field, true));
            continue;
        }
        let guess = free
            .filter_map(|(field, names)| {
                names
                    .iter()
                    .filter_map(|name| {
                        let distance = strsim::levenshtein(name, &key);
                        let close = distance <= 2 && name.len() >= 5;
                        let starts = name.len() >= 4 && key.starts_with(name.as_str());
                        (close || starts).then_some(distance)
                    })
                    .min()
                    .map(|d| (d, *field))
            })
            .min();
        match guess {
            Some((_, field)) => {
                taken.push(field);
                out.push(column(field, false));
            }
            None => out.push(column("", false)),
        }
    }
    out
}
