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
    let doc = Html::parse_document(source);
    let title = first_text(&doc, "title").or_else(|| first_text(&doc, "h1"));
    Readable {
        title,
        text: body_text(&doc),
    }
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
