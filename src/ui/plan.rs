//! The communication plan: foreword, the nine policies and the themes.

use super::gate::{set_page_title, with_bundle};
use super::link::Link;
use crate::domain::bundle::paragraphs;
use crate::domain::i18n::{pick, plan_period, PlanMsg};
use crate::state::mode::link;
use leptos::prelude::*;

/// The plan page, `/plan`.
#[component]
pub fn PlanPage() -> impl IntoView {
    with_bundle(|loaded, lang| {
        let bundle = &loaded.bundle;
        let plan = &bundle.plan;
        set_page_title(plan.title.get(lang), lang);
        let foreword = paragraphs(plan.foreword.get(lang))
            .into_iter()
            .map(|paragraph| view! { <p>{paragraph}</p> })
            .collect_view();
        let policies = bundle
            .policies
            .iter()
            .map(|policy| {
                let summary = policy.summary.as_ref().map(|summary| {
                    view! { <p class="policy-card__summary">{summary.get(lang).to_owned()}</p> }
                });
                view! {
                    <li class="policy-card">
                        <h3 class="policy-card__name">{policy.name.get(lang).to_owned()}</h3>
                        {summary}
                    </li>
                }
            })
            .collect_view();
        let themes = plan
            .themes
            .iter()
            .map(|theme| {
                let topics = theme.priority_topics.len();
                let name = theme.name.get(lang).to_owned();
                view! {
                    <li class="theme-card">
                        <h3 class="theme-card__name">
                            <Link href=link(&format!("/plan/{}", theme.id))>{name}</Link>
                        </h3>
                        <p>{theme.summary.get(lang).to_owned()}</p>
                        <p class="theme-card__meta">{format!("{} {topics}", PlanMsg::PriorityTopics.text(lang))}</p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="plan">
                <h1>{plan.title.get(lang).to_owned()}</h1>
                <p class="plan__period">
                    {PlanMsg::PlanPeriod.text(lang)} " " {plan_period(plan.period.from_be, plan.period.to_be, lang)}
                </p>
                <section aria-labelledby="foreword">
                    <h2 id="foreword">{PlanMsg::Foreword.text(lang)}</h2>
                    <div class="plan__foreword" lang=plan.foreword.lang_of(lang).as_str()>{foreword}</div>
                </section>
                <section aria-labelledby="policies">
                    <h2 id="policies">{PlanMsg::PolicyDimensions.text(lang)}</h2>
                    <p>{PlanMsg::PolicyDimensionsIntro.text(lang)}</p>
                    <ol class="policy-grid">{policies}</ol>
                </section>
                <section aria-labelledby="themes">
                    <h2 id="themes">{PlanMsg::ContentThemes.text(lang)}</h2>
                    <ul class="theme-grid">{themes}</ul>
                </section>
                <p class="plan__coverage">
                    <Link href=link("/plan/coverage")>
                        {pick(lang, "ติดตามผล: ข่าวครอบคลุมแผนมากน้อยเพียงใด", "Monitoring: how much of the plan the news covers")}
                    </Link>
                </p>
            </div>
        }
    })
}
