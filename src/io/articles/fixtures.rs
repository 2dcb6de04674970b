//! PDF and DOCX files built for the tests, here and in `tests/integration/documents.rs`
//! (which includes this file by path), so no binary file is committed. Only `lopdf` and `zip`
//! are used, never the crate itself, for the include to compile in both places.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is its failure message
#![allow(dead_code)] // each includer uses its own part

use std::collections::BTreeSet;
use std::io::{Cursor, Write};

use lopdf::{Dictionary, Document, Object, Stream, StringFormat, dictionary};

/// Something drawn on a PDF page.
#[derive(Clone, Copy, Debug)]
pub enum Piece<'a> {
    /// Text with its baseline starting at (x, y), 10 pt. ASCII is set in Helvetica (a standard
    /// font, its widths built into every reader); anything else in a Type0 font with
    /// Identity-H codes and a ToUnicode map, as PDF writers embed a subset of a real font.
    Text(f64, f64, &'a str),
    /// A full-page image, as a scanner writes its pages.
    Image,
    /// A photo: a JPEG-compressed image (its bytes are not a real JPEG: no reader here
    /// decodes images, they only must not be taken for text).
    Photo,
    /// ASCII text drawn by a form XObject (a drawing reused by name), as some writers put
    /// whole pages in one.
    Form(f64, f64, &'a str),
    /// A form XObject that draws itself: a file that would recurse without end.
    LoopingForm,
}

/// A PDF to build.
#[derive(Clone, Debug, Default)]
pub struct Pdf<'a> {
    /// The pieces of each page, in the order the content stream draws them.
    pub pages: Vec<Vec<Piece<'a>>>,
    /// The Info dictionary's Title.
    pub title: Option<&'a str>,
    /// The Info dictionary's CreationDate, as written (`D:20240315103000+02'00'`).
    pub created: Option<&'a str>,
    /// Give the trailer an /Encrypt dictionary (a password nobody knows).
    pub encrypt: bool,
    /// Encrypt the file for real (RC4, 40 bits) with this user password; an empty one opens
    /// without asking, as for files that only restrict printing or copying.
    pub user_password: Option<&'a str>,
}

/// The bytes of a PDF file.
pub fn pdf(spec: &Pdf) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let helvetica = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let unicode = unicode_font(&mut doc, spec);
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => 2,
            "Height" => 2,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
        },
        vec![0, 255, 255, 0],
    ));
    // Bytes that look like content operators if anything reads them as such.
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0];
    jpeg.extend_from_slice(b" (x) Tj [ << /A 1 >> ] TJ BT ET q Q 1 0 0 1 0 0 cm /Im2 Do ");
    jpeg.extend((0..400u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    let photo = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => 8,
            "Height" => 8,
            "ColorSpace" => "DeviceRGB",
            "BitsPerComponent" => 8,
            "Filter" => "DCTDecode",
        },
        jpeg,
    ));
    let fonts = dictionary! { "F1" => helvetica, "F2" => unicode };
    let mut xobjects = dictionary! { "Im1" => image, "Im2" => photo };
    for (i, piece) in spec.pages.iter().flatten().enumerate() {
        let form = match *piece {
            Piece::Form(x, y, text) => form(
                &mut doc,
                dictionary! { "Font" => fonts.clone() },
                text_op("F1", x, y, &ascii_hex(text)),
            ),
            Piece::LoopingForm => {
                let id = doc.new_object_id();
                let resources = dictionary! { "XObject" => dictionary! { "Self" => id } };
                let stream = form_stream(resources, "/Self Do\n".into());
                doc.objects.insert(id, Object::Stream(stream));
                id
            }
            _ => continue,
        };
        xobjects.set(format!("Fm{i}"), form);
    }
    let resources = doc.add_object(dictionary! { "Font" => fonts, "XObject" => xobjects });
    let mut kids = Vec::new();
    let mut index = 0;
    for page in &spec.pages {
        let content = page_content(page, index);
        index += page.len();
        let content = doc.add_object(Stream::new(dictionary! {}, content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        kids.push(Object::Reference(page_id));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut info = Dictionary::new();
    if let Some(title) = spec.title {
        info.set("Title", lopdf::text_string(title));
    }
    if let Some(created) = spec.created {
        info.set(
            "CreationDate",
            Object::String(created.as_bytes().to_vec(), StringFormat::Literal),
        );
    }
    let info = doc.add_object(info);
    doc.trailer.set("Info", info);
    if let Some(user_password) = spec.user_password {
        doc.trailer.set(
            "ID",
            vec![
                Object::String(vec![7; 16], StringFormat::Hexadecimal),
                Object::String(vec![7; 16], StringFormat::Hexadecimal),
            ],
        );
        let state = lopdf::EncryptionState::try_from(lopdf::EncryptionVersion::V1 {
            document: &doc,
            owner_password: "owner",
            user_password,
            permissions: lopdf::Permissions::PRINTABLE,
        })
        .unwrap();
        doc.encrypt(&state).unwrap();
    }
    if spec.encrypt {
        let secret = || Object::String(vec![0x5A; 32], StringFormat::Hexadecimal);
        let encrypt = doc.add_object(dictionary! {
            "Filter" => "Standard",
            "V" => 1,
            "R" => 2,
            "O" => secret(),
            "U" => secret(),
            "P" => -4,
        });
        doc.trailer.set("Encrypt", encrypt);
        doc.trailer.set(
            "ID",
            vec![
                Object::String(vec![1; 16], StringFormat::Hexadecimal),
                Object::String(vec![1; 16], StringFormat::Hexadecimal),
            ],
        );
    }
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// The content stream of one page whose first piece is the document's `first`th.
fn page_content(pieces: &[Piece], first: usize) -> Vec<u8> {
    let mut out = String::new();
    for (i, piece) in pieces.iter().enumerate() {
        match *piece {
            Piece::Text(x, y, text) => {
                if text.is_ascii() {
                    out.push_str(&text_op("F1", x, y, &ascii_hex(text)));
                } else {
                    let codes: String = text
                        .encode_utf16()
                        .map(|unit| format!("{unit:04X}"))
                        .collect();
                    out.push_str(&text_op("F2", x, y, &codes));
                }
            }
            Piece::Image => out.push_str("q 595 0 0 842 0 0 cm /Im1 Do Q\n"),
            Piece::Photo => out.push_str("q 200 0 0 150 72 400 cm /Im2 Do Q\n"),
            Piece::Form(..) | Piece::LoopingForm => {
                out.push_str(&format!("/Fm{} Do\n", first + i));
            }
        }
    }
    out.into_bytes()
}

fn ascii_hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02X}")).collect()
}

/// Show the hex-coded string at (x, y) in a 10 pt font.
fn text_op(font: &str, x: f64, y: f64, hex: &str) -> String {
    format!("BT /{font} 10 Tf 1 0 0 1 {x} {y} Tm <{hex}> Tj ET\n")
}

fn form_stream(resources: Dictionary, content: String) -> Stream {
    Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => resources,
        },
        content.into_bytes(),
    )
}

fn form(doc: &mut Document, resources: Dictionary, content: String) -> lopdf::ObjectId {
    doc.add_object(form_stream(resources, content))
}

/// A Type0 font whose codes are the UTF-16 units of the text (Identity-H) and whose
/// ToUnicode map says so for every char the document uses.
fn unicode_font(doc: &mut Document, spec: &Pdf) -> lopdf::ObjectId {
    let chars: BTreeSet<u16> = spec
        .pages
        .iter()
        .flatten()
        .filter_map(|piece| match piece {
            Piece::Text(_, _, text) if !text.is_ascii() => Some(text.encode_utf16()),
            _ => None,
        })
        .flatten()
        .collect();
    let chars: Vec<u16> = chars.into_iter().collect();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in chars.chunks(100) {
        cmap.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for unit in chunk {
            cmap.push_str(&format!("<{unit:04X}> <{unit:04X}>\n"));
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "TestSans",
        "Flags" => 32,
        "FontBBox" => vec![0.into(), (-200).into(), 1000.into(), 900.into()],
        "ItalicAngle" => 0,
        "Ascent" => 900,
        "Descent" => -200,
        "CapHeight" => 700,
        "StemV" => 80,
    });
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "TestSans",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "DW" => 600,
    });
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "TestSans",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(descendant)],
        "ToUnicode" => to_unicode,
    })
}

/// A DOCX to build.
#[derive(Clone, Debug, Default)]
pub struct Docx<'a> {
    /// Paragraphs, each the texts of its runs.
    pub paragraphs: &'a [&'a [&'a str]],
    /// Text of a header part, referenced from the section properties as Word does.
    pub header: Option<&'a str>,
    /// Text of a footer part.
    pub footer: Option<&'a str>,
    /// `dc:title` of docProps/core.xml.
    pub title: Option<&'a str>,
    /// `dcterms:created` of docProps/core.xml.
    pub created: Option<&'a str>,
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn paragraph_xml(runs: &[&str]) -> String {
    let runs: String = runs
        .iter()
        .map(|run| {
            format!(
                r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
                escape(run)
            )
        })
        .collect();
    format!("<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>{runs}</w:p>")
}

/// The bytes of a DOCX file (deflated, as Word writes it).
pub fn docx(spec: &Docx) -> Vec<u8> {
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut rels = String::new();
    let mut section = String::new();
    for (kind, text) in [("header", spec.header), ("footer", spec.footer)] {
        let Some(text) = text else { continue };
        let tag = if kind == "header" { "hdr" } else { "ftr" };
        parts.push((
            format!("word/{kind}1.xml"),
            format!(
                r#"<w:{tag} xmlns:w="{W}">{}</w:{tag}>"#,
                paragraph_xml(&[text])
            ),
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="{kind}" Type="{R}/{kind}" Target="{kind}1.xml"/>"#
        ));
        section.push_str(&format!(
            r#"<w:{kind}Reference w:type="default" r:id="{kind}"/>"#
        ));
    }
    let body: String = spec.paragraphs.iter().map(|p| paragraph_xml(p)).collect();
    parts.push((
        "word/document.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}<w:sectPr>{section}</w:sectPr></w:body></w:document>"#
        ),
    ));
    parts.push((
        "word/_rels/document.xml.rels".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
        ),
    ));
    parts.push((
        "_rels/.rels".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#
        ),
    ));
    let mut core = String::new();
    if let Some(title) = spec.title {
        core.push_str(&format!("<dc:title>{}</dc:title>", escape(title)));
    }
    if let Some(created) = spec.created {
        core.push_str(&format!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>"#
        ));
    }
    parts.push((
        "docProps/core.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Desk</dc:creator>{core}</cp:coreProperties>"#
        ),
    ));
    parts.push((
        "[Content_Types].xml".into(),
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>"#.into(),
    ));
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
