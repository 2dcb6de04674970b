//! HTML to readable text: the words a reader sees, in paragraphs, without scripts, styles or
//! navigation.

use ego_tree::iter::Edge;
use scraper::{Html, Node, Selector};

/// The readable form of an HTML page.
#[derive(Debug, Default, PartialEq)]
pub struct Readable {
    /// The page's `<title>`, or failing that its first `<h1>`, whitespace collapsed.
    pub title: Option<String>,
    /// Block elements separated by a blank line, list items as "- " lines.
    pub text: String,
}

/// Elements whose content is never part of the article text.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button",
    "select", "textarea", "iframe", "svg", "canvas", "object", "video", "audio",
];

/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Elements that start a new line within a paragraph.
const LINES: &[&str] = &["br", "tr", "li"];

/// Extract the readable text and title of a page.
pub fn to_readable(source: &str) -> Readable {
    let doc = Html::parse_document(&flatten_deep_nesting(source));
    let title = first_text(&doc, "title").or_else(|| first_text(&doc, "h1"));
    Readable {
        title,
        text: body_text(&doc),
    }
}

/// Elements nested deeper than this are dropped (their content is kept). The HTML parser looks
/// through every open element for each new block, so a page of 100k nested `<div>` cost it
/// minutes; a real page nests a few dozen deep.
const MAX_NESTING: usize = 512;

/// Elements that never hold content (so open no level of nesting).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements that the next of their kind closes without an end tag (`<p>a<p>b`), so they are not
/// counted as nesting: a page of unclosed `<p>` or `<li>` is flat, however many there are.
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dd", "dt", "option", "optgroup", "rb", "rp", "rt", "rtc", "tr", "td", "th",
    "tbody", "thead", "tfoot", "colgroup", "caption",
];

/// Elements whose content is raw text, read to their end tag without looking for tags.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed",
];

/// The page with start tags past [`MAX_NESTING`] levels (and as many end tags after them)
/// left out, or the page itself when it nests no deeper, which is every real page. A rough
/// tag scanner is enough here: it only has to count the nesting of a page, not to read it.
fn flatten_deep_nesting(source: &str) -> std::borrow::Cow<'_, str> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut excess = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `source` already in `out`
    let mut i = 0;
    while let Some(rel) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        let at = i + rel;
        let rest = source.get(at..).unwrap_or_default();
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(bytes.len(), |e| at + e + 3);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = at + if closing { 2 } else { 1 };
        let name_len = bytes
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let Some(name) = source
            .get(name_start..name_start + name_len)
            .filter(|n| n.starts_with(|c: char| c.is_ascii_alphabetic()))
        else {
            i = at + 1;
            continue;
        };
        let name = name.to_ascii_lowercase();
        let end = source
            .get(name_start..)
            .and_then(|r| r.find('>'))
            .map_or(bytes.len(), |e| name_start + e + 1);
        let self_closed = source.get(at..end).is_some_and(|t| t.ends_with("/>"));
        let counted = !VOID.contains(&name.as_str())
            && !SELF_CLOSING.contains(&name.as_str())
            && !self_closed;
        let mut drop = false;
        if counted && closing {
            if excess > 0 {
                excess -= 1;
                drop = true;
            } else {
                depth = depth.saturating_sub(1);
            }
        } else if counted {
            if depth >= MAX_NESTING {
                excess += 1;
                drop = true;
            } else {
                depth += 1;
            }
        }
        if drop {
            let kept = out.get_or_insert_with(|| String::with_capacity(source.len()));
            kept.push_str(source.get(copied..at).unwrap_or_default());
            copied = end;
        }
        i = end;
        if !closing && RAW_TEXT.contains(&name.as_str()) {
            // Its end tag is then met, and counted, by the loop.
            i = end_tag_at(bytes, end, &name);
        }
    }
    match out {
        Some(mut kept) => {
            kept.push_str(source.get(copied..).unwrap_or_default());
            std::borrow::Cow::Owned(kept)
        }
        None => std::borrow::Cow::Borrowed(source),
    }
}

/// Where the first `</name` (any case) at or after `from` starts, or the end of the page.
fn end_tag_at(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(rel) = bytes
        .get(i..)
        .and_then(|r| r.windows(2).position(|w| w == b"</"))
    {
        let at = i + rel;
        let tag = bytes.get(at + 2..at + 2 + name.len());
        if tag.is_some_and(|t| t.eq_ignore_ascii_case(name.as_bytes())) {
            return at;
        }
        i = at + 2;
    }
    bytes.len()
}

/// The collapsed text of the first element matching a simple tag selector, if not empty.
fn first_text(doc: &Html, tag: &str) -> Option<String> {
    let selector = Selector::parse(tag).ok()?;
    let element = doc.select(&selector).next()?;
    let mut text = String::new();
    push_collapsed(&mut text, &element.text().collect::<String>());
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// Walk the tree without recursion (deeply nested pages cannot overflow the stack), writing
/// text nodes with whitespace collapsed and breaks at block boundaries.
fn body_text(doc: &Html) -> String {
    let mut out = String::new();
    let mut skip_depth = 0usize;
    let mut pre_depth = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if skip_depth > 0 || SKIPPED.contains(&name) {
                        skip_depth += 1;
                        continue;
                    }
                    if name == "pre" {
                        pre_depth += 1;
                    }
                    if BLOCKS.contains(&name) {
                        block_break(&mut out);
                    } else if LINES.contains(&name) {
                        line_break(&mut out);
                    }
                    if name == "li" {
                        out.push_str("- ");
                    }
                }
                Node::Text(text) if skip_depth == 0 => {
                    if pre_depth > 0 {
                        out.push_str(text);
                    } else {
                        push_collapsed(&mut out, text);
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    if name == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                    if BLOCKS.contains(&name) {
                        block_break(&mut out);
                    }
                }
            }
        }
    }
    out.trim().to_owned()
}

/// Append text with every run of whitespace turned into one space, and no space at the start
/// of a line.
fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            let at_line_start = out.is_empty() || out.ends_with('\n');
            if !at_line_start && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn trim_end_spaces(out: &mut String) {
    let kept = out.trim_end_matches([' ', '\t']).len();
    out.truncate(kept);
}

fn block_break(out: &mut String) {
    trim_end_spaces(out);
    if out.is_empty() || out.ends_with("\n\n") {
        return;
    }
    out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
}

fn line_break(out: &mut String) {
    trim_end_spaces(out);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_flattened_only_past_the_limit() {
        let page = "<html><body><div><p>One<p>Two</div><script>if (a <b) {}</script></body></html>";
        assert!(matches!(
            flatten_deep_nesting(page),
            std::borrow::Cow::Borrowed(_)
        ));
        let deep = |n: usize| {
            format!(
                "<html><body>{}<p>The convoy struck.</p>{}<p>After.</p></body></html>",
                "<div>".repeat(n),
                "</div>".repeat(n)
            )
        };
        // Within the limit the page is read as it is; past it, the text is the same.
        let within = deep(MAX_NESTING - 10);
        assert!(matches!(
            flatten_deep_nesting(&within),
            std::borrow::Cow::Borrowed(_)
        ));
        let past = deep(MAX_NESTING * 4);
        let flat = flatten_deep_nesting(&past);
        assert!(flat.len() < past.len());
        assert_eq!(to_readable(&past), to_readable(&within));
        assert_eq!(to_readable(&past).text, "The convoy struck.\n\nAfter.");
    }

    #[test]
    fn readable_text_of_a_page() {
        let page = r#"<!doctype html><html><head><title> Strike &amp; response </title>
            <style>p { color: red }</style><script>var x = "<p>no</p>";</script></head>
            <body><nav><a href="/">Home</a> | <a href="/w">World</a></nav>
            <article><h1>Strike   near <em>Deir ez-Zor</em></h1>
            <p>First   paragraph,
               wrapped.</p><div>Second<br>line</div>
            <ul><li>one</li><li>two <b>bold</b></li></ul></article>
            <footer>© Paper</footer><noscript>enable JS</noscript></body></html>"#;
        let r = to_readable(page);
        assert_eq!(r.title.as_deref(), Some("Strike & response"));
        assert_eq!(
            r.text,
            "Strike near Deir ez-Zor\n\nFirst paragraph, wrapped.\n\nSecond\nline\n\n- one\n- two bold"
        );
    }

    #[test]
    fn h1_is_the_title_without_title_element() {
        let r = to_readable("<h1>Head</h1><p>Body.</p>");
        assert_eq!(r.title.as_deref(), Some("Head"));
        assert_eq!(r.text, "Head\n\nBody.");
    }
}
