//! Escaping of text that comes from the image (file names, strings, banners) for each output: HTML, Markdown
//! and a terminal. A file name is attacker-chosen; it must render as text, never as markup or as a control
//! sequence that rewrites the reader's screen.

/// Escape text for HTML element content and double-quoted attributes; control characters other than newline
/// and tab become U+FFFD.
pub fn html(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => o.push('\u{fffd}'),
            c => o.push(c),
        }
    }
    o
}

/// Escape the characters Markdown reads as markup or raw HTML (CommonMark backslash escapes); control
/// characters, newlines included, become spaces so that a value stays on its table row.
pub fn markdown(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '&' | '~' => {
                o.push('\\');
                o.push(c);
            }
            c if c.is_control() => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// Make text safe for a terminal: every control character but newline and tab (ESC and CSI sequences, BEL,
/// backspace, carriage return, the C1 controls) is shown as `\u{…}` instead of being sent to the terminal.
pub fn terminal(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            o.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            o.push(c);
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_markup_and_controls() {
        assert_eq!(html("<img src=x onerror='a'>&\u{1b}"), "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;\u{fffd}");
    }

    #[test]
    fn markdown_markup_raw_html_and_newlines() {
        assert_eq!(markdown("<b>x</b>|[l](u)\nnext"), "\\<b\\>x\\</b\\>\\|\\[l\\](u) next");
    }

    #[test]
    fn terminal_sequences_are_shown_not_sent() {
        assert_eq!(terminal("a\u{1b}[2Jb\r\u{9b}c\n"), "a\\u{1b}[2Jb\\u{d}\\u{9b}c\n");
    }
}
