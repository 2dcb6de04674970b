//! Markdown to readable text: markup goes, the words and the paragraph structure stay.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// The readable form of a Markdown document.
#[derive(Debug, Default, PartialEq)]
pub struct Readable {
    /// The first `#` heading, when it opens the document (only a date line may come before it).
    pub title: Option<String>,
    /// Paragraphs separated by a blank line; list items as lines starting with "- ".
    pub text: String,
}

/// Strip Markdown to text. Emphasis and link markers disappear, list items become "- " lines
/// (indented two spaces per nesting level), raw HTML is dropped.
pub fn to_readable(markdown: &str) -> Readable {
    let mut w = Writer::default();
    for event in Parser::new(markdown) {
        w.event(event);
    }
    Readable {
        title: w.title,
        text: w.out.trim().to_owned(),
    }
}

#[derive(Default)]
struct Writer {
    out: String,
    title: Option<String>,
    /// Collecting the title heading's text.
    title_buf: Option<String>,
    list_depth: usize,
    /// Just wrote an item's "- " and nothing after it yet.
    item_fresh: bool,
}

impl Writer {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.push(&t)
            }
            Event::SoftBreak => self.push(" "),
            Event::HardBreak => self.push("\n"),
            Event::Rule => self.block_break(),
            Event::TaskListMarker(done) => self.push(if done { "[x] " } else { "[ ] " }),
            Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } if level == HeadingLevel::H1 && self.title_may_start() => {
                self.title_buf = Some(String::new());
            }
            Tag::Paragraph => {
                if self.list_depth == 0 {
                    self.block_break();
                } else if !self.item_fresh {
                    // A second paragraph of a loose list item: keep it in the item.
                    self.line_break();
                }
            }
            Tag::Heading { .. } | Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::HtmlBlock => {
                self.block_break()
            }
            Tag::List(_) => {
                if self.list_depth == 0 {
                    self.block_break();
                } else {
                    self.line_break();
                }
                self.list_depth += 1;
            }
            Tag::Item => {
                self.line_break();
                let indent = "  ".repeat(self.list_depth.saturating_sub(1));
                self.out.push_str(&indent);
                self.out.push_str("- ");
                self.item_fresh = true;
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some(title) = self.title_buf.take() {
                    self.title = Some(title.trim().to_owned());
                }
            }
            TagEnd::List(_) => self.list_depth = self.list_depth.saturating_sub(1),
            _ => {}
        }
    }

    /// The first H1 is the title only if no body text precedes it, apart from a date header.
    fn title_may_start(&self) -> bool {
        self.title.is_none()
            && self.title_buf.is_none()
            && super::rules::strip_date_header(&self.out)
                .1
                .trim()
                .is_empty()
    }

    fn push(&mut self, text: &str) {
        match &mut self.title_buf {
            Some(buf) => buf.push_str(text),
            None => {
                self.out.push_str(text);
                self.item_fresh = false;
            }
        }
    }

    /// End the current block with a blank line (nothing at the very start).
    fn block_break(&mut self) {
        trim_end_spaces(&mut self.out);
        if self.out.is_empty() || self.out.ends_with("\n\n") {
            return;
        }
        self.out.push_str(if self.out.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        });
    }

    /// Start a new line (nothing at the very start or when already on a fresh line).
    fn line_break(&mut self) {
        trim_end_spaces(&mut self.out);
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }
}

fn trim_end_spaces(s: &mut String) {
    let kept = s.trim_end_matches([' ', '\t']).len();
    s.truncate(kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_becomes_title_and_markup_goes() {
        let md = "# Talks in *Amman*\n\n*date 2024-05-02*\n\nThe **Southern Operations Room** met\nin [Amman](https://x).\n\n- one `two`\n- three\n\nEnd.\n";
        let r = to_readable(md);
        assert_eq!(r.title.as_deref(), Some("Talks in Amman"));
        assert_eq!(
            r.text,
            "date 2024-05-02\n\nThe Southern Operations Room met in Amman.\n\n- one two\n- three\n\nEnd."
        );
    }

    #[test]
    fn nested_and_loose_lists() {
        let r = to_readable("- a\n\n  more a\n- b\n  - b1\n");
        assert_eq!(r.text, "- a\nmore a\n- b\n  - b1");
    }

    #[test]
    fn a_later_heading_is_body_text() {
        let r = to_readable("Intro.\n\n# Later\n\nText.");
        assert_eq!(r.title, None);
        assert_eq!(r.text, "Intro.\n\nLater\n\nText.");
    }

    #[test]
    fn heading_after_date_line_is_title() {
        let r = to_readable("*date 2024-05-02*\n\n# Head\n\nText.");
        assert_eq!(r.title.as_deref(), Some("Head"));
        assert_eq!(r.text, "date 2024-05-02\n\nText.");
    }
}
