//! "Скачать мои данные" as a readable PDF. The page is A4 portrait with PT Sans embedded,
//! so the Cyrillic text can be selected and extracted. Each part of the profile is a
//! section of label and value lines, followed by the applications and the staff access,
//! with "page N of M" at the foot of every page. The action journal appears only as its
//! size, because its own exports (CSV and PDF) list the entries.

use kabinet_shared::Locale;
use kabinet_shared::i18n::{text, text_with};
use kabinet_shared::model::{Address, PassportDetails};
use kabinet_shared::validate::{phone, snils};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;

use super::export::PersonalData;
use crate::error::{Error, Result};
use crate::history::pdf::{BOLD, REGULAR, draw_page_number, draw_text};

/// A4 portrait, in points.
const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 48.0;
const FONT_SIZE: f32 = 10.0;
const LINE_HEIGHT: f32 = 13.0;
const HEADING_SIZE: f32 = 12.0;
const TITLE_SIZE: f32 = 15.0;
/// Width of the label column; the value takes the rest.
const LABEL_WIDTH: f32 = 190.0;
const GAP: f32 = 10.0;
/// Space kept for the page number at the bottom.
const FOOTER: f32 = 24.0;

/// One line of the document before it is placed on a page.
pub(crate) enum Line {
    Title(String),
    Subtitle(String),
    Heading(String),
    /// A label and its value, each wrapped to its column.
    Fact(Vec<String>, Vec<String>),
    Text(Vec<String>),
}

impl Line {
    fn height(&self) -> f32 {
        match self {
            Line::Title(_) => TITLE_SIZE + 10.0,
            Line::Subtitle(_) => LINE_HEIGHT + 10.0,
            Line::Heading(_) => HEADING_SIZE + 14.0,
            Line::Fact(label, value) => LINE_HEIGHT * label.len().max(value.len()) as f32 + 3.0,
            Line::Text(lines) => LINE_HEIGHT * lines.len() as f32 + 3.0,
        }
    }
}

/// Collects the lines of the document in order.
pub(crate) struct Builder {
    pub locale: Locale,
    pub lines: Vec<Line>,
}

impl Builder {
    pub(crate) fn new(locale: Locale) -> Builder {
        Builder {
            locale,
            lines: Vec::new(),
        }
    }

    /// Adds a label and its value, both as given.
    pub(crate) fn labelled(&mut self, label: &str, value: &str) {
        let label = BOLD.wrap(label, FONT_SIZE, LABEL_WIDTH);
        let width = PAGE_WIDTH - 2.0 * MARGIN - LABEL_WIDTH - GAP;
        self.lines
            .push(Line::Fact(label, REGULAR.wrap(value, FONT_SIZE, width)));
    }

    pub(crate) fn heading(&mut self, key: &str) {
        self.lines.push(Line::Heading(text(self.locale, key)));
    }

    /// Adds the label of translation key `key` with the value, or "none" without one.
    pub(crate) fn fact(&mut self, key: &str, value: Option<String>) {
        let value = value
            .filter(|value| !value.is_empty())
            .unwrap_or_else(|| text(self.locale, "export-data-none"));
        self.labelled(&text(self.locale, key), &value);
    }

    pub(crate) fn text(&mut self, value: &str) {
        let width = PAGE_WIDTH - 2.0 * MARGIN;
        self.lines
            .push(Line::Text(REGULAR.wrap(value, FONT_SIZE, width)));
    }
}

fn date(value: chrono::NaiveDate) -> String {
    value.format("%d.%m.%Y").to_string()
}

fn address(value: &Address) -> String {
    format!("{}, {}", value.postcode, value.text)
}

/// Renders the person's data as a PDF document in `locale`.
pub fn render(data: &PersonalData, locale: Locale) -> Result<Vec<u8>> {
    let profile = &data.profile;
    let mut builder = Builder {
        locale,
        lines: Vec::new(),
    };
    let full_name = [
        Some(profile.surname.as_str()),
        Some(profile.given_name.as_str()),
        profile.patronymic.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let heading = text_with(locale, "export-data-title", &[("name", full_name.as_str())]);
    builder.lines.push(Line::Title(heading.clone()));
    let exported = data.exported_at.format("%d.%m.%Y %H:%M").to_string();
    builder.lines.push(Line::Subtitle(text_with(
        locale,
        "export-data-exported",
        &[("at", exported.as_str())],
    )));

    builder.heading("profile-section-personal-data");
    builder.fact("field-surname", Some(profile.surname.clone()));
    builder.fact("field-given-name", Some(profile.given_name.clone()));
    builder.fact("field-patronymic", profile.patronymic.clone());
    builder.fact("field-former-names", profile.former_names.clone());
    let sex = profile
        .sex
        .map(|sex| text(locale, &format!("sex-{}", sex.code())));
    builder.fact("field-sex", sex);
    builder.fact("field-birth-date", profile.birth_date.map(date));
    builder.fact("field-birth-place", profile.birth_place.clone());
    builder.fact("field-citizenship", profile.citizenship.clone());

    builder.heading("profile-section-contacts");
    builder.fact(
        "field-phone",
        profile.phone.as_deref().map(phone::format_display),
    );
    builder.fact("field-email", profile.email.clone());
    builder.fact("field-telegram", profile.telegram.clone());

    builder.heading("profile-section-numbers");
    builder.fact("field-snils", profile.snils.as_deref().map(snils::format));
    builder.fact("field-inn", profile.inn.clone());

    builder.heading("profile-passport");
    let passport = profile.documents.passport.as_ref();
    builder.fact(
        "field-passport",
        passport.map(PassportDetails::display_number),
    );
    builder.fact(
        "field-passport-issue-date",
        passport.map(|p| date(p.issue_date)),
    );
    builder.fact(
        "field-passport-issued-by",
        passport.map(|p| p.issued_by.clone()),
    );
    builder.fact(
        "field-subdivision-code",
        passport.map(|p| p.subdivision_code.clone()),
    );

    let licence = profile.documents.driving_licence.as_ref();
    builder.heading("profile-driving-licence");
    builder.fact("field-licence-number", licence.map(|l| l.number.clone()));
    builder.fact(
        "field-licence-issue-date",
        licence.map(|l| date(l.issue_date)),
    );
    builder.fact(
        "field-licence-expiry-date",
        licence.map(|l| date(l.expiry_date)),
    );

    let foreign = profile.documents.foreign_passport.as_ref();
    builder.heading("profile-foreign-passport");
    builder.fact("field-foreign-number", foreign.map(|f| f.number.clone()));
    builder.fact(
        "field-foreign-issue-date",
        foreign.map(|f| date(f.issue_date)),
    );
    builder.fact(
        "field-foreign-expiry-date",
        foreign.map(|f| date(f.expiry_date)),
    );
    builder.fact(
        "field-foreign-issued-by",
        foreign.map(|f| f.issued_by.clone()),
    );

    builder.heading("profile-section-addresses");
    let addresses = &profile.addresses;
    builder.fact(
        "field-registration-address",
        addresses.registration.as_ref().map(address),
    );
    builder.fact(
        "field-residence-address",
        addresses.actual_residence().map(address),
    );

    builder.heading("export-data-applications");
    if data.applications.is_empty() {
        builder.text(&text(locale, "export-data-none"));
    }
    for application in &data.applications {
        let status = text(locale, &application.status.message_key());
        let line = format!(
            "№ {} · {} · {} · {}",
            application.number,
            application.service_title,
            status,
            application.submitted_at.format("%d.%m.%Y")
        );
        builder.text(&line);
    }

    builder.heading("drafts-title");
    if data.drafts.is_empty() {
        builder.text(&text(locale, "export-data-none"));
    }
    for draft in &data.drafts {
        let saved = draft.saved_at.format("%d.%m.%Y").to_string();
        builder.text(&format!("{} · {saved}", draft.service_title));
    }

    builder.heading("templates-title");
    if data.templates.is_empty() {
        builder.text(&text(locale, "export-data-none"));
    }
    for template in &data.templates {
        let name = template.name.clone().unwrap_or_default();
        let saved = template.saved_at.format("%d.%m.%Y").to_string();
        builder.text(&format!("«{name}» · {} · {saved}", template.service_title));
    }

    builder.heading("profile-access-title");
    if data.data_access.is_empty() {
        builder.text(&text(locale, "profile-access-empty"));
    }
    for access in &data.data_access {
        let number = access.application_number.clone().unwrap_or_default();
        let reason = text_with(
            locale,
            &format!("access-reason-{}", access.action.replace('_', "-")),
            &[("number", number.as_str())],
        );
        let who = text(locale, &format!("role-{}", access.role.code()));
        let department = access.department.clone().unwrap_or_default();
        let line = format!(
            "{} · {who} · {department} · {reason}",
            access.at.format("%d.%m.%Y %H:%M")
        );
        builder.text(&line);
    }

    builder.heading("export-data-history");
    let entries = data.history.len().to_string();
    builder.text(&text_with(
        locale,
        "export-data-history-count",
        &[("count", entries.as_str())],
    ));

    paginate(builder.lines, &heading, locale)
}

/// Places the lines on pages, never splitting one, and draws them.
pub(crate) fn paginate(lines: Vec<Line>, heading: &str, locale: Locale) -> Result<Vec<u8>> {
    let bottom = PAGE_HEIGHT - MARGIN - FOOTER;
    let mut pages: Vec<Vec<Line>> = vec![Vec::new()];
    let mut y = MARGIN;
    for line in lines {
        // A heading moves to the next page with the line after it.
        let needed = line.height()
            + if matches!(line, Line::Heading(_)) {
                LINE_HEIGHT * 2.0
            } else {
                0.0
            };
        if y + needed > bottom && !pages.last().is_some_and(Vec::is_empty) {
            pages.push(Vec::new());
            y = MARGIN;
        }
        y += line.height();
        pages.last_mut().expect("there is a page").push(line);
    }

    let mut document = krilla::Document::new();
    document.set_metadata(
        Metadata::new()
            .title(heading.to_string())
            .language(locale.code().to_string())
            .creator("Kabinet".to_string()),
    );
    let count = pages.len();
    for (index, lines) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| Error::Internal("invalid PDF page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let mut y = MARGIN;
        for line in lines {
            match line {
                Line::Title(title) => {
                    draw_text(
                        &mut surface,
                        &BOLD,
                        TITLE_SIZE,
                        MARGIN,
                        y + TITLE_SIZE,
                        title,
                    );
                }
                Line::Subtitle(subtitle) => {
                    draw_text(
                        &mut surface,
                        &REGULAR,
                        FONT_SIZE,
                        MARGIN,
                        y + FONT_SIZE,
                        subtitle,
                    );
                }
                Line::Heading(heading) => {
                    draw_text(
                        &mut surface,
                        &BOLD,
                        HEADING_SIZE,
                        MARGIN,
                        y + HEADING_SIZE + 8.0,
                        heading,
                    );
                }
                Line::Fact(label, value) => {
                    for (row, part) in label.iter().enumerate() {
                        let baseline = y + FONT_SIZE + LINE_HEIGHT * row as f32;
                        draw_text(&mut surface, &BOLD, FONT_SIZE, MARGIN, baseline, part);
                    }
                    let x = MARGIN + LABEL_WIDTH + GAP;
                    for (row, part) in value.iter().enumerate() {
                        let baseline = y + FONT_SIZE + LINE_HEIGHT * row as f32;
                        draw_text(&mut surface, &REGULAR, FONT_SIZE, x, baseline, part);
                    }
                }
                Line::Text(parts) => {
                    for (row, part) in parts.iter().enumerate() {
                        let baseline = y + FONT_SIZE + LINE_HEIGHT * row as f32;
                        draw_text(&mut surface, &REGULAR, FONT_SIZE, MARGIN, baseline, part);
                    }
                }
            }
            y += line.height();
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
