//! Thai digits (๐–๙) read as the digits 0–9: one rule for search, phone numbers and dates.

/// The ASCII digit a Thai digit stands for; any other character as it is.
pub fn arabic(c: char) -> char {
    if ('๐'..='๙').contains(&c) {
        char::from(b'0' + (u32::from(c) - u32::from('๐')) as u8)
    } else {
        c
    }
}

/// `text` with its Thai digits as ASCII digits.
pub fn to_arabic(text: &str) -> String {
    text.chars().map(arabic).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_digits_read_as_ascii_digits_and_nothing_else_changes() {
        assert_eq!(to_arabic("๑๐ ต.ค. ๒๕๖๒"), "10 ต.ค. 2562");
        assert_eq!(to_arabic("๐๑๒๓๔๕๖๗๘๙"), "0123456789");
        assert_eq!(to_arabic("abc 123"), "abc 123");
    }
}
