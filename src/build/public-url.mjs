// The folder a build is published in, as its page's <base href> says (Trunk writes it from
// --public-url): split.mjs and finish.mjs write their files there, and prerender.mjs
// renders the pages there. `/` when the page names none.
export const publicUrlOf = (html) => html.match(/<base\b[^>]*\bhref=["']?([^"' >]+)/)?.[1] ?? '/';
