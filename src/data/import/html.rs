//! Feed HTML made plain text, since nothing in a bundle is ever read as HTML: block elements
//! become line and paragraph breaks, every tag is dropped, character references are decoded,
//! and what scripts, styles and the like contain is dropped whole.
//!
//! Written by hand: the feeds' HTML is only read for its words, never rendered or cleaned
//! for display, so a sanitizer such as `ammonia` (with html5ever under it) would be far more
//! than is used.

/// Elements whose content is never text for a reader.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "svg", "math", "title", "head",
    "select", "textarea",
];

/// Elements that end a line.
const LINE_BREAKS: &[&str] = &["br", "li", "tr", "dt", "dd", "figcaption", "option"];

/// Elements that end a paragraph.
const PARAGRAPH_BREAKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "pre",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "figure",
    "hr",
    "address",
    "main",
    "form",
    "fieldset",
    "details",
    "summary",
    "body",
    "html",
];

/// Plain text from HTML: paragraphs separated by blank lines, lines by line breaks, runs of
/// spaces made one, nothing left of any tag.
pub fn to_text(html: &str) -> String {
    let mut out = Plain::default();
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.words(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('&') {
            let (decoded, used) = reference(rest);
            out.words(&decoded);
            rest = &rest[used..];
        } else {
            rest = out.markup(rest);
        }
    }
    out.words(rest);
    out.text
}

/// One line: every break made a space.
pub fn to_line(html: &str) -> String {
    to_text(html)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether plain text holds something a browser would take as a tag or a comment.
pub fn looks_like_markup(text: &str) -> bool {
    text.match_indices('<').any(|(at, _)| {
        let next = text[at + 1..].chars().next();
        next.is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?')
    })
}

#[derive(Default)]
struct Plain {
    text: String,
    /// A space is owed before the next word.
    space: bool,
    /// Line breaks owed before the next word: 1 for a line, 2 for a paragraph.
    breaks: u8,
}

impl Plain {
    fn words(&mut self, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else if c.is_control() {
                // Controls other than whitespace never belong in news text.
            } else {
                if !self.text.is_empty() {
                    match self.breaks {
                        0 if self.space => self.text.push(' '),
                        0 => {}
                        1 => self.text.push('\n'),
                        _ => self.text.push_str("\n\n"),
                    }
                }
                self.space = false;
                self.breaks = 0;
                self.text.push(c);
            }
        }
    }

    fn owe_break(&mut self, breaks: u8) {
        self.breaks = self.breaks.max(breaks);
    }

    /// Reads the markup at the start of `rest` (which starts with `<`); what follows it.
    fn markup<'a>(&mut self, rest: &'a str) -> &'a str {
        if let Some(comment) = rest.strip_prefix("<!--") {
            return comment.find("-->").map_or("", |end| &comment[end + 3..]);
        }
        if let Some(cdata) = rest.strip_prefix("<![CDATA[") {
            let end = cdata.find("]]>").unwrap_or(cdata.len());
            self.words(&cdata[..end]);
            return cdata.get(end + 3..).unwrap_or("");
        }
        let after = &rest[1..];
        let closing = after.starts_with('/');
        let name_start = usize::from(closing);
        let starts_tag = after[name_start..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic());
        if !starts_tag && !after.starts_with(['!', '?']) {
            // A `<` that opens no tag is text, as a browser reads it.
            self.words("<");
            return after;
        }
        let name: String = after[name_start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let after_tag = skip_tag(after);
        if LINE_BREAKS.contains(&name.as_str()) {
            self.owe_break(1);
        } else if PARAGRAPH_BREAKS.contains(&name.as_str()) {
            self.owe_break(2);
        } else if matches!(name.as_str(), "td" | "th") {
            self.space = true;
        }
        if !closing
            && DROPPED.contains(&name.as_str())
            && !after[..after.len() - after_tag.len()].ends_with("/>")
        {
            return skip_content(after_tag, &name);
        }
        after_tag
    }
}

/// What follows the `>` that ends a tag, with quoted attribute values passed over whole.
fn skip_tag(tag: &str) -> &str {
    let mut quote = None;
    for (at, c) in tag.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return &tag[at + 1..],
            (None, _) => {}
        }
    }
    ""
}

/// What follows the end tag of `name`, its content unread; nothing if it never ends.
fn skip_content<'a>(content: &'a str, name: &str) -> &'a str {
    let mut from = 0;
    while let Some(found) = content[from..].find("</") {
        let at = from + found;
        let tail = &content.as_bytes()[at + 2..];
        let ends_name = tail.len() >= name.len()
            && tail[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && !tail.get(name.len()).is_some_and(u8::is_ascii_alphanumeric);
        if ends_name {
            return skip_tag(&content[at + 2..]);
        }
        from = at + 2;
    }
    ""
}

/// The character a reference at the start of `text` (which starts with `&`) stands for, and
/// how many bytes it took; a lone `&` stays as written.
fn reference(text: &str) -> (String, usize) {
    let body_end = text[1..]
        .char_indices()
        .take(32)
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))
        .map(|(at, c)| (at + 1, c));
    let Some((end, ';')) = body_end else {
        return ("&".to_owned(), 1);
    };
    let name = &text[1..end];
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse::<u32>().ok(),
        };
        code.map(|code| match char::from_u32(code) {
            Some(c) if code != 0 => c.to_string(),
            _ => '\u{FFFD}'.to_string(),
        })
    } else {
        named(name).map(str::to_owned)
    };
    match decoded {
        Some(decoded) => (decoded, end + 1),
        None => ("&".to_owned(), 1),
    }
}

fn named(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "ensp" | "emsp" | "thinsp" => " ",
        "shy" | "zwj" | "zwnj" | "lrm" | "rlm" => "",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "times" => "×",
        "divide" => "÷",
        "deg" => "°",
        "plusmn" => "±",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "sect" => "§",
        "para" => "¶",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_plain_text_with_paragraphs_and_lines() {
        let cases = [
            ("<p>หนึ่ง</p><p>สอง</p>", "หนึ่ง\n\nสอง"),
            ("บรรทัด<br>ต่อไป<br/>อีก", "บรรทัด\nต่อไป\nอีก"),
            ("<ul><li>ก</li><li>ข</li></ul>หลัง", "ก\nข\n\nหลัง"),
            ("<h2>หัว</h2>\n\n   <div>เนื้อ   ความ</div>", "หัว\n\nเนื้อ ความ"),
            (
                "<b>ตัว</b><i>หนา</i> และ <a href=\"x\">ลิงก์</a>",
                "ตัวหนา และ ลิงก์",
            ),
            (
                "<script>alert(1)</script><p>ข่าว</p><img onerror=alert(1) src=x>",
                "ข่าว",
            ),
            (
                "<STYLE type=text/css>p { color: red }</STYLE>ข้อความ",
                "ข้อความ",
            ),
            ("<script>if (a < b) { x = '</p>' }</script>ต่อ", "ต่อ"),
            ("<img alt=\"a > b\" src=x>ภาพ", "ภาพ"),
            ("<!-- <p>ซ่อน</p> -->เห็น", "เห็น"),
            (
                "AT&amp;T &lt;b&gt; &#3585; &#x0E01; &nbsp;x &unknown; & y",
                "AT&T <b> ก ก x &unknown; & y",
            ),
            ("a < b", "a < b"),
            ("<p>ไม่ปิด", "ไม่ปิด"),
            ("ก่อน<script>ไม่จบ", "ก่อน"),
            ("<p", ""),
            (
                "&#0; &#xD800; &#99999999999;",
                "\u{FFFD} \u{FFFD} &#99999999999;",
            ),
            ("<![CDATA[ใน]]>นอก", "ในนอก"),
            (
                "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>",
                "1 2\n3",
            ),
            ("<svg><text>ไอคอน</text></svg>คำ", "คำ"),
            ("<br/><br/><p></p>  ", ""),
        ];
        for (html, text) in cases {
            assert_eq!(to_text(html), text, "{html}");
        }
    }

    #[test]
    fn a_title_is_one_line() {
        assert_eq!(
            to_line("<b>หัวข้อ</b><br>ย่อย\n\n ต่อ"),
            "หัวข้อ\nย่อย ต่อ".replace('\n', " ")
        );
    }

    #[test]
    fn markup_is_told_from_a_lone_less_than_sign() {
        let cases = [
            ("a < b", false),
            ("a<b", true),
            ("</p>", true),
            ("<!-- x -->", true),
            ("1 <2", false),
            ("", false),
            ("<", false),
        ];
        for (text, markup) in cases {
            assert_eq!(looks_like_markup(text), markup, "{text}");
        }
    }

    #[test]
    fn no_tag_survives_hostile_html() {
        let hostile = [
            "<scr<script>ipt>alert(1)</script>",
            "<<p>>",
            "<p <p>>x",
            "<a href='\"'>q</a>",
            "<div\n onclick=x>y</div>",
            "<?xml version=\"1.0\"?><p>z</p>",
            "<!DOCTYPE html><html><head><title>t</title></head><body>w</body></html>",
        ];
        for html in hostile {
            let text = to_text(html);
            assert!(!looks_like_markup(&text), "{html} gave {text}");
        }
    }
}
