//! Reading what the plan's monitoring needs: targets, the silence a district may keep, and
//! the priority topics a news item names.

use super::{At, Known, Object, Problem, Reader, RefKind, MAX_SILENCE_DAYS, MAX_TARGET_ITEMS};
use crate::domain::bundle::{Monitoring, Per, Plan, Target};
use serde_json::Value;
use std::collections::HashMap;

/// Each priority topic's id with its theme's; `None` for an id two themes share.
pub(super) fn topic_themes(plan: Option<&Plan>) -> HashMap<String, Option<String>> {
    let mut topics: HashMap<String, Option<String>> = HashMap::new();
    for theme in plan.iter().flat_map(|plan| &plan.themes) {
        for topic in &theme.priority_topics {
            topics
                .entry(topic.id.clone())
                .and_modify(|shared| *shared = None)
                .or_insert_with(|| Some(theme.id.clone()));
        }
    }
    topics
}

/// A news item's themes and topics, with the theme of each topic added where the item did
/// not name it: a topic implies its theme, as a district implies its group.
pub(super) fn with_topic_themes(
    themes: Option<Vec<String>>,
    topics: Option<Vec<(String, String)>>,
) -> (Vec<String>, Vec<String>) {
    let mut themes = themes.unwrap_or_default();
    let mut ids = Vec::new();
    for (topic, theme) in topics.unwrap_or_default() {
        if !themes.contains(&theme) {
            themes.push(theme);
        }
        if !ids.contains(&topic) {
            ids.push(topic);
        }
    }
    (themes, ids)
}

impl Reader {
    pub(super) fn target(&mut self, value: &Value, at: &At) -> Option<Target> {
        let obj: &Object = self.object(value, at)?;
        let items = self.required(obj, "items", at, |r, v, at| {
            r.bounded(v, at, 1, MAX_TARGET_ITEMS)
        });
        let per = self.required(obj, "per", at, |r, v, at| {
            let found = r.string(v, at)?;
            let per = Per::ALL.into_iter().find(|per| per.as_str() == found);
            if per.is_none() {
                r.report(
                    at,
                    Problem::BadPer {
                        found: found.to_owned(),
                    },
                );
            }
            per
        });
        Some(Target {
            items: items?,
            per: per?,
        })
    }

    pub(super) fn monitoring(&mut self, value: &Value, at: &At) -> Option<Monitoring> {
        let obj: &Object = self.object(value, at)?;
        let silence_days = self.optional(obj, "silence_days", at, |r, v, at| {
            r.bounded(v, at, 1, MAX_SILENCE_DAYS)
        });
        Some(Monitoring {
            silence_days: silence_days.unwrap_or(Monitoring::default().silence_days),
        })
    }

    /// A priority topic's id, with its theme's.
    pub(super) fn topic_ref(
        &mut self,
        value: &Value,
        at: &At,
        known: &Known,
    ) -> Option<(String, String)> {
        let id = self.string(value, at)?;
        match known.topics.get(id) {
            Some(Some(theme)) => Some((id.to_owned(), theme.clone())),
            Some(None) => {
                self.report(at, Problem::AmbiguousTopic { id: id.to_owned() });
                None
            }
            None => {
                let problem = Problem::UnknownReference {
                    kind: RefKind::Topic,
                    id: id.to_owned(),
                };
                self.report(at, problem);
                None
            }
        }
    }

    fn bounded(&mut self, value: &Value, at: &At, min: u32, max: u32) -> Option<u32> {
        let found = self.whole_number(value, at)?;
        if (u64::from(min)..=u64::from(max)).contains(&found) {
            u32::try_from(found).ok()
        } else {
            let (min, max) = (u64::from(min), u64::from(max));
            self.report(at, Problem::OutOfRange { found, min, max });
            None
        }
    }
}
