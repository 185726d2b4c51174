// Runs in the page's head, before its first paint. The build (src/build/finish.mjs) writes it
// into the build as before-paint-<hash>.js, a file of its own for the Content Security Policy.
//
// A prerendered page carries itself in both languages (src/build/prerender.mjs). This picks
// the one the app will speak, by the app's own rule (domain::i18n::Lang::choose: the
// address's lang=, else the choice saved on this device, else the browser's languages, else
// Thai), and marks the setting (mode=) as the app will (state::mode), so that the first paint
// is already the page the app is about to show: in the right language, without a site header
// in a frame, in large type on a kiosk. The style sheets do the rest (style/layout.css).
// Without JavaScript the page stays Thai, as the HTML says.
//
// The names it reads (the storage key, the parameters, the languages and modes) are the
// app's own, from src/domain/names.rs, written in by the build.
(function (names) {
  var root = document.documentElement;
  var params = new URLSearchParams(location.search);
  var known = function (tag) {
    var primary = String(tag || '').trim().split(/[-_]/)[0].toLowerCase();
    return names.languages.indexOf(primary) >= 0 ? primary : null;
  };
  var saved = null;
  try {
    saved = localStorage.getItem(names.langKey);
  } catch (refused) {
    // A frame on another site may be refused storage; the address and browser still count.
  }
  var browser = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  var lang = known(params.get(names.langParam)) || known(saved);
  for (var i = 0; !lang && i < browser.length; i += 1) lang = known(browser[i]);
  root.lang = lang || names.defaultLanguage;

  var mode = String(params.get(names.modeParam) || '').trim();
  root.setAttribute('data-mode', names.modes.indexOf(mode) >= 0 ? mode : names.modes[0]);

  // The prerendered page's search box takes typing before the app has started, and the app
  // carries it into its own page: Enter there must not send its form, which would load the
  // page again and lose the start made so far.
  document.addEventListener('submit', function (event) {
    if (event.target.closest && event.target.closest('#boot')) event.preventDefault();
  });

  // The prerendered page's English title, beside the Thai one.
  var title = document.querySelector('title[data-en]');
  if (title && root.lang === 'en') document.title = title.getAttribute('data-en');
})(__CITY_COMMS_NAMES__);
