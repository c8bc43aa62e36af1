//! The craft taxonomy and the six trade groups of Decree 52/2018/NĐ-CP.

#[cfg(feature = "ssr")]
pub mod db;

use crate::base::i18n::Lang;
use serde::{Deserialize, Serialize};

/// One of the six rural trade groups of Decree 52/2018/NĐ-CP, Article 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TradeGroup(u8);

impl TradeGroup {
    /// Accepts 1..=6.
    pub fn new(group: i64) -> Option<TradeGroup> {
        u8::try_from(group)
            .ok()
            .filter(|g| (1..=6).contains(g))
            .map(TradeGroup)
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// The group's name as the decree words it.
    pub fn name(self, lang: Lang) -> &'static str {
        lang.t().trade_groups[usize::from(self.0.saturating_sub(1)).min(5)]
    }
}

/// A craft of the taxonomy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Craft {
    pub slug: String,
    pub name_vi: String,
    pub name_en: String,
    pub trade_group: TradeGroup,
}

impl Craft {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_vi, &self.name_en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_six_groups_exist() {
        assert!(TradeGroup::new(0).is_none());
        assert!(TradeGroup::new(7).is_none());
        assert!(TradeGroup::new(-1).is_none());
        assert_eq!(TradeGroup::new(6).map(TradeGroup::number), Some(6));
        assert_eq!(
            TradeGroup::new(4).map(|g| g.name(Lang::En)),
            Some("Fine-art handicrafts")
        );
    }
}
