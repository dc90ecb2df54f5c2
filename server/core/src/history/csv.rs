//! The journal as CSV that Excel with Russian regional settings and LibreOffice open
//! without an import dialog: UTF-8 with a byte-order mark (without it Excel reads
//! Windows-1251), `;` between fields (the list separator of the Russian locale), CRLF
//! line ends, and times as `DD.MM.YYYY HH:MM:SS`, which Excel reads as a date and time.
//!
//! Fields are quoted as RFC 4180 says when they contain `;`, `"`, CR or LF. A value that
//! a spreadsheet would run as a formula gets a leading apostrophe, see [`cell`].

use std::borrow::Cow;

use kabinet_shared::Locale;
use kabinet_shared::i18n::text;
use kabinet_shared::model::HistoryView;

/// The UTF-8 byte-order mark that starts the file.
pub const BOM: &str = "\u{feff}";

/// Translation keys of the columns, in order.
const COLUMNS: [&str; 9] = [
    "export-column-operation",
    "export-column-time",
    "export-column-type",
    "export-column-action",
    "export-column-status",
    "export-column-service",
    "export-column-application",
    "export-column-comment",
    "export-column-files",
];

/// Returns the byte-order mark and the header line.
pub fn header(locale: Locale) -> String {
    let names: Vec<String> = COLUMNS.iter().map(|key| text(locale, key)).collect();
    let mut line = String::from(BOM);
    push_line(&mut line, names.iter().map(String::as_str));
    line
}

/// Writes one line per entry, each ending in CRLF.
pub fn rows(entries: &[HistoryView], locale: Locale) -> String {
    let mut out = String::with_capacity(entries.len() * 160);
    for entry in entries {
        let time = entry.at.format("%d.%m.%Y %H:%M:%S").to_string();
        let category = text(locale, &entry.category.message_key());
        let status = text(locale, &status_key(entry));
        let files = entry
            .attachments
            .iter()
            .map(|file| file.file_name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let id = entry.id.to_string();
        let fields = [
            id.as_str(),
            time.as_str(),
            category.as_str(),
            entry.text.as_str(),
            status.as_str(),
            entry.service.as_deref().unwrap_or(""),
            entry.application_number.as_deref().unwrap_or(""),
            entry.comment.as_deref().unwrap_or(""),
            files.as_str(),
        ];
        push_line(&mut out, fields.into_iter());
    }
    out
}

pub(crate) fn status_key(entry: &HistoryView) -> String {
    format!("history-status-{}", entry.status.code().replace('_', "-"))
}

fn push_line<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (index, field) in fields.enumerate() {
        if index > 0 {
            out.push(';');
        }
        out.push_str(&cell(field));
    }
    out.push_str("\r\n");
}

/// One field, made safe for a spreadsheet and quoted when needed.
///
/// A value starting with `=`, `+`, `-`, `@`, TAB or CR could run as a formula, so it gets a
/// leading `'`, which spreadsheets treat as "text follows". The exception is a plain
/// number or phone number ([`is_plain_number`]) such as `+7 912 345-67-89` or `-15,5`:
/// without letters or other symbols a formula can only do arithmetic on constants, so
/// it cannot call a function or reference a cell, and the value stays as written.
pub fn cell(value: &str) -> Cow<'_, str> {
    let risky = value.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(value);
    let value: Cow<'_, str> = if risky {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    };
    if value.contains([';', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", value.replace('"', "\"\"")))
    } else {
        value
    }
}

/// Checks whether `value` is an optional sign, then digits with spaces, parentheses, hyphens and
/// at most one decimal comma or point, beginning with a digit or `(` and ending with a digit.
pub fn is_plain_number(value: &str) -> bool {
    let body = value.strip_prefix(['+', '-']).unwrap_or(value);
    let starts_with_digit = body.starts_with(|c: char| c.is_ascii_digit() || c == '(');
    let ends_with_digit = body.ends_with(|c: char| c.is_ascii_digit());
    let separators = body.chars().filter(|c| matches!(c, ',' | '.')).count();
    let allowed = body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-' | ',' | '.'));
    starts_with_digit && ends_with_digit && separators <= 1 && allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_get_an_apostrophe() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(cell("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\t=1"), "'\t=1");
        assert_eq!(cell("\r=1"), "\"'\r=1\"");
        assert_eq!(cell("-A1"), "'-A1");
        assert_eq!(cell("+"), "'+");
    }

    #[test]
    fn phones_and_numbers_stay_as_written() {
        for value in [
            "+7 912 345-67-89",
            "+7 (912) 345-67-89",
            "+79123456789",
            "-15",
            "-15,5",
            "+1.5",
            "8 (912) 345-67-89",
        ] {
            assert_eq!(cell(value), value, "{value}");
        }
    }

    #[test]
    fn numbers_with_more_than_arithmetic_are_not_plain() {
        assert!(!is_plain_number("+1,5,6"));
        assert!(!is_plain_number("+7 912 E5"));
        assert!(!is_plain_number("-1-"));
        assert!(!is_plain_number("-"));
        assert!(!is_plain_number("+7;1"));
    }

    #[test]
    fn separators_quotes_and_line_breaks_are_quoted() {
        assert_eq!(cell("a;b"), "\"a;b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("line\nnext"), "\"line\nnext\"");
        assert_eq!(cell("plain text"), "plain text");
        assert_eq!(cell("mid=dle"), "mid=dle");
    }

    #[test]
    fn header_starts_with_bom_and_ends_with_crlf() {
        let line = header(Locale::Ru);
        assert!(line.starts_with('\u{feff}'));
        assert!(line.ends_with("\r\n"));
        assert_eq!(line.matches(';').count(), COLUMNS.len() - 1);
    }
}
