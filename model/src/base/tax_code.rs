//! The Vietnamese enterprise tax code (mã số thuế), parsed the same way in
//! the browser and on the server.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A valid tax code: ten digits whose tenth is the check digit of the first
/// nine, optionally followed by `-` and a three-digit branch number.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TaxCode {
    digits: [u8; 10],
    branch: Option<[u8; 3]>,
}

/// Why a text is not a tax code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaxCodeError {
    /// Not 10 digits, or 10 digits, a hyphen and 3 digits.
    Shape,
    /// The tenth digit does not match the first nine.
    CheckDigit,
    /// The branch number `000` does not exist.
    Branch,
}

const WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/// The check digit of the first nine digits, or `None` when the rule gives
/// 10 (such a sequence is never issued).
pub fn check_digit(first_nine: &[u8; 9]) -> Option<u8> {
    let sum: u32 = first_nine
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(*d) * w)
        .sum();
    let check = 10 - sum % 11;
    u8::try_from(check).ok().filter(|c| *c < 10)
}

fn digits<const N: usize>(text: &str) -> Option<[u8; N]> {
    let bytes = text.as_bytes();
    if bytes.len() != N || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut out = [0u8; N];
    for (slot, b) in out.iter_mut().zip(bytes) {
        *slot = b - b'0';
    }
    Some(out)
}

impl TaxCode {
    /// Parses a tax code; spaces around it are ignored.
    pub fn parse(input: &str) -> Result<TaxCode, TaxCodeError> {
        let input = input.trim();
        let (main, branch) = match input.split_once('-') {
            Some((main, branch)) => (main, Some(branch)),
            None => (input, None),
        };
        let main: [u8; 10] = digits(main).ok_or(TaxCodeError::Shape)?;
        let branch = match branch {
            Some(b) => Some(digits::<3>(b).ok_or(TaxCodeError::Shape)?),
            None => None,
        };
        if branch == Some([0, 0, 0]) {
            return Err(TaxCodeError::Branch);
        }
        let mut first_nine = [0u8; 9];
        first_nine.copy_from_slice(&main[..9]);
        if check_digit(&first_nine) != Some(main[9]) {
            return Err(TaxCodeError::CheckDigit);
        }
        Ok(TaxCode {
            digits: main,
            branch,
        })
    }

    /// The ten-digit code of the enterprise (without branch).
    pub fn main_code(&self) -> String {
        self.digits.iter().map(|d| char::from(b'0' + d)).collect()
    }

    pub fn is_branch(&self) -> bool {
        self.branch.is_some()
    }
}

impl fmt::Display for TaxCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.main_code())?;
        if let Some(branch) = self.branch {
            f.write_str("-")?;
            for d in branch {
                write!(f, "{d}")?;
            }
        }
        Ok(())
    }
}

impl TryFrom<String> for TaxCode {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        TaxCode::parse(&value).map_err(|e| format!("invalid tax code: {e:?}"))
    }
}

impl From<TaxCode> for String {
    fn from(code: TaxCode) -> String {
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn real_codes_pass() {
        // Published codes of two large companies (Viettel, Vinamilk).
        assert!(TaxCode::parse("0100109106").is_ok());
        assert!(TaxCode::parse("0300588569").is_ok());
        assert_eq!(
            TaxCode::parse(" 0300588569-001 ").map(|c| c.to_string()),
            Ok("0300588569-001".to_owned())
        );
    }

    #[test]
    fn malformed_codes_fail_with_the_reason() {
        assert_eq!(TaxCode::parse("0100109107"), Err(TaxCodeError::CheckDigit));
        assert_eq!(TaxCode::parse("010010910"), Err(TaxCodeError::Shape));
        assert_eq!(TaxCode::parse("01001091066"), Err(TaxCodeError::Shape));
        assert_eq!(TaxCode::parse("0100109106-01"), Err(TaxCodeError::Shape));
        assert_eq!(TaxCode::parse("0100109106-000"), Err(TaxCodeError::Branch));
        assert_eq!(TaxCode::parse("01001O9106"), Err(TaxCodeError::Shape));
        assert_eq!(
            TaxCode::parse("０１００１０９１０６"),
            Err(TaxCodeError::Shape)
        );
        assert_eq!(TaxCode::parse(""), Err(TaxCodeError::Shape));
    }

    proptest! {
        #[test]
        fn every_nine_digits_give_at_most_one_valid_code(first in proptest::array::uniform9(0u8..10)) {
            let prefix: String = first.iter().map(|d| char::from(b'0' + d)).collect();
            let valid: Vec<u8> = (0..10u8)
                .filter(|last| TaxCode::parse(&format!("{prefix}{last}")).is_ok())
                .collect();
            match check_digit(&first) {
                Some(c) => prop_assert_eq!(valid, vec![c]),
                None => prop_assert!(valid.is_empty()),
            }
        }

        #[test]
        fn parsing_round_trips(first in proptest::array::uniform9(0u8..10), branch in proptest::option::of(1u16..1000)) {
            prop_assume!(check_digit(&first).is_some());
            let mut text: String = first.iter().map(|d| char::from(b'0' + d)).collect();
            text.push(char::from(b'0' + check_digit(&first).unwrap_or(0)));
            if let Some(b) = branch {
                text.push_str(&format!("-{b:03}"));
            }
            let code = TaxCode::parse(&text).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            prop_assert_eq!(code.to_string(), text);
        }

        #[test]
        fn any_text_is_handled_without_panic(text in ".{0,40}") {
            let _ = TaxCode::parse(&text);
        }
    }
}
