//! The band at the top of every page: the app's name, the main menu and the language switch.

use super::lang_switch::LangSwitch;
use crate::domain::i18n::Msg;
use crate::state::lang::t;
use leptos::prelude::*;
use leptos_router::components::A;

/// The site header.
#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <A href="/" attr:class="site-header__brand">
                    <span class="site-header__mark" aria-hidden="true">"กทม"</span>
                    <span>{t(Msg::AppName)}</span>
                </A>
                <nav class="site-nav" aria-label=t(Msg::MainMenu)>
                    <ul class="site-nav__list">
                        <li><A href="/" exact=true attr:class="site-nav__link">{t(Msg::NavHome)}</A></li>
                        <li><A href="/news" attr:class="site-nav__link">{t(Msg::NavNews)}</A></li>
                        <li><A href="/plan" attr:class="site-nav__link">{t(Msg::NavPlan)}</A></li>
                        <li><A href="/stories" attr:class="site-nav__link">{t(Msg::NavStories)}</A></li>
                    </ul>
                </nav>
                <LangSwitch />
            </div>
        </header>
    }
}
