//! Reading the plan of a bundle: its period, themes, priority topics and guidelines.

use super::{At, Known, Problem, Reader, RefKind};
use crate::domain::bundle::{Guideline, Owner, Period, Plan, PriorityTopic, Theme};
use serde_json::Value;

impl Reader {
    pub(super) fn plan(&mut self, value: &Value, at: &At, known: &Known) -> Option<Plan> {
        let obj = self.object(value, at)?;
        let title = self.required(obj, "title", at, Self::text);
        let period = self.required(obj, "period", at, Self::period);
        let foreword = self.required(obj, "foreword", at, Self::text);
        let themes = self.required(obj, "themes", at, |r, v, at| {
            r.unique_list(v, at, |r, v, at| r.theme(v, at, known), |t: &Theme| &t.id)
        });
        let monitoring = self.optional(obj, "monitoring", at, Self::monitoring);
        Some(Plan {
            title: title?,
            period: period?,
            foreword: foreword?,
            themes: themes?,
            monitoring: monitoring.unwrap_or_default(),
        })
    }

    fn period(&mut self, value: &Value, at: &At) -> Option<Period> {
        let obj = self.object(value, at)?;
        let from_be = self.required(obj, "from_be", at, Self::year);
        let to_be = self.required(obj, "to_be", at, Self::year);
        let period = Period {
            from_be: from_be?,
            to_be: to_be?,
        };
        if period.from_be > period.to_be {
            self.report(at, Problem::BadPeriod);
            return None;
        }
        Some(period)
    }

    fn theme(&mut self, value: &Value, at: &At, known: &Known) -> Option<Theme> {
        let obj = self.object(value, at)?;
        let id = self.required(obj, "id", at, Self::id);
        let name = self.required(obj, "name", at, Self::text);
        let summary = self.required(obj, "summary", at, Self::text);
        let policies = self.required(obj, "policies", at, |r, v, at| {
            r.references(v, at, RefKind::Policy, &known.policies)
        });
        let priority_topics = self.required(obj, "priority_topics", at, |r, v, at| {
            r.unique_list(v, at, Self::priority_topic, |t: &PriorityTopic| &t.id)
        });
        let target = self.optional(obj, "target", at, Self::target);
        Some(Theme {
            id: id?,
            name: name?,
            summary: summary?,
            policies: policies?,
            priority_topics: priority_topics?,
            target,
        })
    }

    fn priority_topic(&mut self, value: &Value, at: &At) -> Option<PriorityTopic> {
        let obj = self.object(value, at)?;
        let id = self.required(obj, "id", at, Self::id);
        let title = self.required(obj, "title", at, Self::text);
        let guidelines = self.required(obj, "guidelines", at, |r, v, at| {
            r.unique_list(v, at, Self::guideline, |g: &Guideline| &g.id)
        });
        let target = self.optional(obj, "target", at, Self::target);
        Some(PriorityTopic {
            id: id?,
            title: title?,
            guidelines: guidelines?,
            target,
        })
    }

    fn guideline(&mut self, value: &Value, at: &At) -> Option<Guideline> {
        let obj = self.object(value, at)?;
        let id = self.required(obj, "id", at, Self::id);
        let text = self.required(obj, "text", at, Self::text);
        let channels = self.required(obj, "channels", at, |r, v, at| r.strings(v, at));
        let owner = self.required(obj, "owner", at, |r, v, at| {
            let found = r.string(v, at)?;
            match found {
                "central" => Some(Owner::Central),
                "district" => Some(Owner::District),
                _ => {
                    r.report(
                        at,
                        Problem::BadOwner {
                            found: found.to_owned(),
                        },
                    );
                    None
                }
            }
        });
        Some(Guideline {
            id: id?,
            text: text?,
            channels: channels?,
            owner: owner?,
        })
    }
}
