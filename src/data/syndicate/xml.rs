//! Text made safe for XML 1.0: the five special characters escaped, and the characters XML
//! cannot carry at all (most control characters, U+FFFE, U+FFFF) left out, so that a
//! feed stays well-formed whatever a district office typed.

/// `text` as element content or an attribute value in double quotes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_is_escaped_and_what_xml_cannot_hold_is_left_out() {
        assert_eq!(
            escape("<b>\"A\" & 'B'</b>"),
            "&lt;b&gt;&quot;A&quot; &amp; &apos;B&apos;&lt;/b&gt;"
        );
        assert_eq!(escape("ก\u{0}ข\u{1b}ค\u{FFFF}\nง"), "กขค\nง");
    }
}
