//! The band at the top of every page: the app's name, the main menu and the language switch.

use super::hand_off::HandOff;
use super::lang_switch::LangSwitch;
use super::link::Link;
use crate::domain::i18n::Msg;
use crate::domain::mode::Mode;
use crate::state::lang::{t, use_lang};
use crate::state::mode::link;
use crate::state::mode::ModeContext;
use leptos::prelude::*;

/// The site header.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let lang = use_lang();
    // A kiosk can hand whatever page is on screen to the citizen's own phone.
    let kiosk = (ModeContext::get().mode() == Mode::Kiosk).then_some(
        move || view! { <HandOff url=None label=Msg::ContinueOnPhone lang=lang.get() /> },
    );
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <Link href=link("/") attr:class="site-header__brand">
                    <span class="site-header__mark" aria-hidden="true">"กทม"</span>
                    <span>{t(Msg::AppName)}</span>
                </Link>
                <nav class="site-nav" aria-label=t(Msg::MainMenu)>
                    <ul class="site-nav__list">
                        <li><Link href=link("/") exact=true attr:class="site-nav__link">{t(Msg::NavHome)}</Link></li>
                        <li><Link href=link("/news") attr:class="site-nav__link">{t(Msg::NavNews)}</Link></li>
                        <li><Link href=link("/plan") attr:class="site-nav__link">{t(Msg::NavPlan)}</Link></li>
                        <li><Link href=link("/stories") attr:class="site-nav__link">{t(Msg::NavStories)}</Link></li>
                    </ul>
                </nav>
                {kiosk}
                <LangSwitch />
            </div>
        </header>
    }
}
