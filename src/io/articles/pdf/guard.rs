//! What `pdf-extract` must not be given. A panic in it is caught, but some files would make
//! it recurse without end, and a stack overflow aborts the process, which nothing catches:
//! a page tree whose `/Parent` links loop (it walks them up for inherited resources), and form
//! XObjects (drawings reused by name with `Do`) that name themselves, directly or through
//! others, or nest thousands deep. Those are found here first, with a budget on the work.
//!
//! It also empties every image before the walk: `pdf-extract` follows `Do` into an image as
//! into a form, decompressing the picture and reading its pixels as drawing operators, which
//! costs time and can throw up operators that make it panic. Text never lives in images.

use std::collections::HashSet;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// The deepest chain of forms inside forms followed; real files nest a handful.
const MAX_FORM_DEPTH: usize = 32;

/// The most forms visited over the whole check (a form drawn many times counts each time).
const MAX_FORM_VISITS: usize = 100_000;

/// Empty the data of every image XObject (and drop its filters, which would now fail).
pub fn strip_images(doc: &mut Document) {
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object
            && stream
                .dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|name| name == b"Image")
        {
            stream.dict.remove(b"Filter");
            stream.dict.remove(b"DecodeParms");
            stream.set_content(Vec::new());
        }
    }
}

/// Why the walk would not end: `None` when it will.
pub fn endless(doc: &Document) -> Option<&'static str> {
    let mut visits = 0;
    for page in doc.get_pages().into_values() {
        let Ok(dict) = doc.get_dictionary(page) else {
            continue;
        };
        let resources = match inherited(doc, dict, b"Resources") {
            Ok(resources) => resources,
            Err(()) => return Some("its page tree loops"),
        };
        let Some(content) = doc.get_page_content(page).ok() else {
            continue;
        };
        if !forms_end(doc, &content, resources, 0, &mut visits) {
            return Some("its drawings nest in a loop or too deep");
        }
    }
    None
}

/// The dictionary under `key` in `dict` or the nearest ancestor that has one (as pages
/// inherit resources); `Err` when the `/Parent` links loop.
fn inherited<'a>(
    doc: &'a Document,
    mut dict: &'a Dictionary,
    key: &[u8],
) -> Result<Option<&'a Dictionary>, ()> {
    let mut seen: HashSet<ObjectId> = HashSet::new();
    loop {
        if let Some(found) = dict
            .get(key)
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
        {
            return Ok(Some(found));
        }
        let Ok(parent) = dict.get(b"Parent").and_then(Object::as_reference) else {
            return Ok(None);
        };
        if !seen.insert(parent) {
            return Err(());
        }
        let Ok(next) = doc.get_dictionary(parent) else {
            return Ok(None);
        };
        dict = next;
    }
}

/// Whether every form the content draws (and every form they draw) ends within
/// [`MAX_FORM_DEPTH`], following names the way `pdf-extract` does: in the form's own
/// resources, else in those of whoever drew it.
fn forms_end(
    doc: &Document,
    content: &[u8],
    resources: Option<&Dictionary>,
    depth: usize,
    visits: &mut usize,
) -> bool {
    let Ok(content) = Content::decode(content) else {
        // pdf-extract fails on it as well, with an error or a caught panic, not a loop.
        return true;
    };
    let xobjects = resources
        .and_then(|r| r.get(b"XObject").ok())
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    for operation in content.operations.iter().filter(|op| op.operator == "Do") {
        let Some(name) = operation.operands.first().and_then(|o| o.as_name().ok()) else {
            continue;
        };
        let Some((_, Object::Stream(form))) = xobjects
            .and_then(|x| x.get(name).ok())
            .and_then(|o| doc.dereference(o).ok())
        else {
            continue;
        };
        if form.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            continue;
        }
        *visits += 1;
        if depth >= MAX_FORM_DEPTH || *visits > MAX_FORM_VISITS {
            return false;
        }
        let own = form
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok());
        let inner = form
            .decompressed_content()
            .unwrap_or_else(|_| form.content.clone());
        if !forms_end(doc, &inner, own.or(resources), depth + 1, visits) {
            return false;
        }
    }
    true
}
