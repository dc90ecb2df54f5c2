//! The journal as a PDF: A4 landscape, PT Sans embedded (a subset, with a ToUnicode map, so
//! the Cyrillic text can be selected and extracted), a title with the person's name and
//! the period, a table whose header repeats on every page, rows that never split unless a
//! single row is taller than a page, and "page N of M" at the foot of every page.

use std::collections::HashMap;
use std::sync::LazyLock;

use kabinet_shared::Locale;
use kabinet_shared::i18n::{text, text_with};
use kabinet_shared::model::HistoryView;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use crate::error::{Error, Result};

static REGULAR_DATA: &[u8] = include_bytes!("../../fonts/PTSans-Regular.ttf");
static BOLD_DATA: &[u8] = include_bytes!("../../fonts/PTSans-Bold.ttf");

/// A4 landscape, in points.
const PAGE_WIDTH: f32 = 842.0;
const PAGE_HEIGHT: f32 = 595.0;
const MARGIN: f32 = 36.0;
const FONT_SIZE: f32 = 8.5;
const LINE_HEIGHT: f32 = 11.0;
const CELL_PADDING: f32 = 3.0;
const TITLE_SIZE: f32 = 14.0;
/// Space taken by the title and period on the first page.
const TITLE_BLOCK: f32 = 44.0;
/// Space kept for the page number at the bottom.
const FOOTER: f32 = 20.0;

/// Column widths in points; they add up to the width between the margins (770).
const WIDTHS: [f32; 7] = [88.0, 186.0, 62.0, 150.0, 64.0, 130.0, 90.0];
/// Translation keys of the column headers.
const HEADERS: [&str; 7] = [
    "export-column-time",
    "export-column-action",
    "export-column-status",
    "export-column-service",
    "export-column-application",
    "export-column-comment",
    "export-column-operation",
];

/// Glyph advances of one font, for wrapping text before it is drawn.
pub(crate) struct Metrics {
    font: Font,
    advances: HashMap<char, f32>,
    fallback: f32,
}

impl Metrics {
    fn load(data: &'static [u8]) -> Metrics {
        let face = ttf_parser::Face::parse(data, 0).expect("the bundled font parses");
        let units = f32::from(face.units_per_em());
        let mut advances = HashMap::new();
        face.tables()
            .cmap
            .iter()
            .flat_map(|cmap| cmap.subtables)
            .for_each(|subtable| {
                if !subtable.is_unicode() {
                    return;
                }
                subtable.codepoints(|code| {
                    if let Some(c) = char::from_u32(code)
                        && let Some(glyph) = subtable.glyph_index(code)
                        && let Some(advance) = face.glyph_hor_advance(glyph)
                    {
                        advances.insert(c, f32::from(advance) / units);
                    }
                });
            });
        let font = Font::new(data.into(), 0).expect("the bundled font loads");
        Metrics {
            font,
            advances,
            fallback: 0.6,
        }
    }

    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advances.get(&c).copied().unwrap_or(self.fallback))
            .sum::<f32>()
            * size
    }

    /// Splits `text` into lines no wider than `width`, breaking at spaces and inside
    /// words only when one word is wider than a line.
    pub(crate) fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for c in word.chars() {
                    line.push(c);
                    if self.width(&line, size) > width {
                        line.pop();
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

pub(crate) static REGULAR: LazyLock<Metrics> = LazyLock::new(|| Metrics::load(REGULAR_DATA));
pub(crate) static BOLD: LazyLock<Metrics> = LazyLock::new(|| Metrics::load(BOLD_DATA));

/// Contents of the document's title.
pub struct Title {
    /// The person's full name.
    pub name: String,
    /// The period, e.g. "с 01.12.2026 по 04.12.2026" or "за всё время".
    pub period: String,
}

/// A table row laid out in lines, one list per column.
struct Row {
    cells: Vec<Vec<String>>,
}

impl Row {
    fn height(&self) -> f32 {
        let lines = self.cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        lines as f32 * LINE_HEIGHT + 2.0 * CELL_PADDING
    }

    /// Splits a row taller than `max_height` into rows that fit, keeping column order.
    fn split(self, max_height: f32) -> Vec<Row> {
        let max_lines = (((max_height - 2.0 * CELL_PADDING) / LINE_HEIGHT).floor() as usize).max(1);
        let total = self.cells.iter().map(Vec::len).max().unwrap_or(1);
        if total <= max_lines {
            return vec![self];
        }
        (0..total)
            .step_by(max_lines)
            .map(|start| Row {
                cells: self
                    .cells
                    .iter()
                    .map(|lines| lines.iter().skip(start).take(max_lines).cloned().collect())
                    .collect(),
            })
            .collect()
    }
}

fn lay_out(entry: &HistoryView, locale: Locale) -> Row {
    let status = text(locale, &super::csv::status_key(entry));
    let mut service = entry.service.clone().unwrap_or_default();
    if !entry.attachments.is_empty() {
        let files: Vec<&str> = entry
            .attachments
            .iter()
            .map(|file| file.file_name.as_str())
            .collect();
        if !service.is_empty() {
            service.push('\n');
        }
        service.push_str(&files.join(", "));
    }
    let values = [
        entry.at.format("%d.%m.%Y %H:%M:%S").to_string(),
        entry.text.clone(),
        status,
        service,
        entry.application_number.clone().unwrap_or_default(),
        entry.comment.clone().unwrap_or_default(),
        entry.id.to_string(),
    ];
    let cells = values
        .iter()
        .zip(WIDTHS)
        .map(|(value, width)| REGULAR.wrap(value, FONT_SIZE, width - 2.0 * CELL_PADDING))
        .collect();
    Row { cells }
}

/// Renders the entries (newest first) as a PDF document.
pub fn render(title: &Title, entries: &[HistoryView], locale: Locale) -> Result<Vec<u8>> {
    let header = Row {
        cells: HEADERS
            .iter()
            .zip(WIDTHS)
            .map(|(key, width)| {
                BOLD.wrap(&text(locale, key), FONT_SIZE, width - 2.0 * CELL_PADDING)
            })
            .collect(),
    };
    let body_bottom = PAGE_HEIGHT - MARGIN - FOOTER;
    let max_row = body_bottom - MARGIN - header.height();

    // Assign rows to pages first, so every page can show the number of pages.
    let mut pages: Vec<Vec<Row>> = vec![Vec::new()];
    let mut y = MARGIN + TITLE_BLOCK + header.height();
    for entry in entries {
        for row in lay_out(entry, locale).split(max_row) {
            if y + row.height() > body_bottom {
                pages.push(Vec::new());
                y = MARGIN + header.height();
            }
            y += row.height();
            pages.last_mut().expect("there is a page").push(row);
        }
    }

    let mut document = krilla::Document::new();
    let heading = text_with(locale, "export-title", &[("name", title.name.as_str())]);
    document.set_metadata(
        Metadata::new()
            .title(heading.clone())
            .language(locale.code().to_string())
            .creator("Kabinet".to_string()),
    );
    let count = pages.len();
    for (index, rows) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| Error::Internal("invalid PDF page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let mut y = MARGIN;
        if index == 0 {
            draw_text(
                &mut surface,
                &BOLD,
                TITLE_SIZE,
                MARGIN,
                y + TITLE_SIZE,
                &heading,
            );
            let period = text_with(
                locale,
                "export-period",
                &[("period", title.period.as_str())],
            );
            draw_text(
                &mut surface,
                &REGULAR,
                10.0,
                MARGIN,
                y + TITLE_SIZE + 16.0,
                &period,
            );
            y += TITLE_BLOCK;
        }
        if entries.is_empty() && index == 0 {
            draw_text(
                &mut surface,
                &REGULAR,
                10.0,
                MARGIN,
                y + 12.0,
                &text(locale, "history-empty"),
            );
        } else {
            draw_row(&mut surface, &header, y, &BOLD, true);
            y += header.height();
            for row in rows {
                draw_row(&mut surface, row, y, &REGULAR, false);
                y += row.height();
            }
        }
        draw_page_number(
            &mut surface,
            locale,
            (index + 1, count),
            (PAGE_WIDTH, PAGE_HEIGHT, MARGIN),
            FONT_SIZE,
        );
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|error| Error::Internal(format!("PDF export failed: {error:?}")))
}

/// Draws "page N of M" at the bottom right inside the margin. `page` is the page number
/// from 1 and the total; `layout` is the page's width, height and margin in points.
pub(crate) fn draw_page_number(
    surface: &mut Surface<'_>,
    locale: Locale,
    page: (usize, usize),
    layout: (f32, f32, f32),
    size: f32,
) {
    let (width, height, margin) = layout;
    let number = text_with(
        locale,
        "export-page",
        &[("page", page.0.to_string()), ("pages", page.1.to_string())],
    );
    let text_width = REGULAR.width(&number, size);
    draw_text(
        surface,
        &REGULAR,
        size,
        width - margin - text_width,
        height - margin,
        &number,
    );
}

pub(crate) fn draw_text(
    surface: &mut Surface<'_>,
    metrics: &Metrics,
    size: f32,
    x: f32,
    baseline: f32,
    text: &str,
) {
    surface.set_fill(Some(Fill::default()));
    surface.draw_text(
        Point::from_xy(x, baseline),
        metrics.font.clone(),
        size,
        text,
        false,
        TextDirection::Auto,
    );
}

fn draw_row(surface: &mut Surface<'_>, row: &Row, top: f32, metrics: &Metrics, shaded: bool) {
    let height = row.height();
    let width: f32 = WIDTHS.iter().sum();
    if shaded && let Some(rect) = Rect::from_xywh(MARGIN, top, width, height) {
        let mut builder = PathBuilder::new();
        builder.push_rect(rect);
        if let Some(path) = builder.finish() {
            surface.set_fill(Some(Fill {
                paint: rgb::Color::new(232, 236, 241).into(),
                ..Fill::default()
            }));
            surface.draw_path(&path);
        }
    }

    let mut x = MARGIN;
    for (lines, column_width) in row.cells.iter().zip(WIDTHS) {
        for (index, line) in lines.iter().enumerate() {
            let baseline = top + CELL_PADDING + FONT_SIZE + index as f32 * LINE_HEIGHT;
            draw_text(
                surface,
                metrics,
                FONT_SIZE,
                x + CELL_PADDING,
                baseline,
                line,
            );
        }
        x += column_width;
    }

    // Borders: the bottom line of the row and its vertical separators.
    let mut builder = PathBuilder::new();
    builder.move_to(MARGIN, top + height);
    builder.line_to(MARGIN + width, top + height);
    if shaded {
        builder.move_to(MARGIN, top);
        builder.line_to(MARGIN + width, top);
    }
    let mut x = MARGIN;
    builder.move_to(x, top);
    builder.line_to(x, top + height);
    for column_width in WIDTHS {
        x += column_width;
        builder.move_to(x, top);
        builder.line_to(x, top + height);
    }
    if let Some(path) = builder.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: rgb::Color::new(150, 158, 168).into(),
            width: 0.5,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}
