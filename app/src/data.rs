//! Resources: a page's data, written into the page by the server and read
//! back by the browser when it hydrates.
//!
//! Leptos's default codec reads that data with `serde_json::from_str`,
//! while server functions read their answers (the same types, when a page
//! is opened without reloading) with `serde_json::from_slice`. The two
//! readers are different types to serde, so every data type's
//! deserialiser was compiled into the WASM twice. [`resource`] reads with
//! `from_slice` too, so each is compiled once (measured: the public WASM
//! 1,882,255 → 1,744,765 bytes, 510,007 → 504,297 brotli).

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};

/// JSON written with `serde_json::to_string`, read with
/// `serde_json::from_slice` (as server functions' answers are).
pub struct Json;

impl<T: serde::Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(value)
    }
}

impl<T: serde::de::DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(text.as_bytes())
    }
}

/// A page's data (see the module's text).
pub type Data<T> = Resource<T, Json>;

/// `Resource::new` with [`Json`]: `fetcher(source())` on the server, its
/// value read from the page in the browser, fetched again when `source`
/// changes.
#[track_caller]
pub fn resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Data<T>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
    S: PartialEq + Clone + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back() {
        let value: Result<Vec<(String, Option<i64>)>, String> = Ok(vec![
            ("Bản Lác </script>".to_owned(), Some(3)),
            ("x".to_owned(), None),
        ]);
        let text = <Json as Encoder<_>>::encode(&value).unwrap();
        let back: Result<Vec<(String, Option<i64>)>, String> =
            <Json as Decoder<_>>::decode(&text).unwrap();
        assert_eq!(back, value);
        assert!(<Json as Decoder<Vec<i64>>>::decode("[1,").is_err());
    }
}
