//! The decision document: a PDF made when an official completes or refuses an
//! application, kept with the application's documents, so it stays as it was issued
//! whatever changes later.

use chrono::{DateTime, Utc};
use kabinet_shared::Locale;
use kabinet_shared::i18n::{text, text_with};
use kabinet_shared::model::{ApplicationStatus, ResultDocument};
use uuid::Uuid;

use super::view::{Definitions, display_number, person_name};
use super::{ApplicationRow, NewDocument, Transition, add_document};
use crate::accounts::export_pdf::{Builder, Line, paginate};
use crate::catalogue::{department_name, refusal_reason, service_version};
use crate::db::Tx;
use crate::error::{Error, Result};
use crate::files::{CheckedFile, check_upload};
use crate::{Actor, Core, on_conn, time};

/// The document code of decision documents among an application's documents.
pub const DECISION_DOCUMENT: &str = "decision";
/// The document code of the result documents an official attaches to a completed
/// application: the certificate or extract the service gives.
pub const RESULT_DOCUMENT: &str = "result";
/// Maximum number of result documents attached to one decision.
pub const RESULT_MAX_FILES: usize = 5;

/// A result document the official attaches, checked and already in the file store.
pub(crate) struct ResultFile {
    pub file: CheckedFile,
    pub file_name: String,
}

/// Decision documents are issued in Russian, the official language of the departments,
/// with times in Moscow time.
const DOCUMENT_LOCALE: Locale = Locale::Ru;
const DOCUMENT_ZONE: chrono_tz::Tz = chrono_tz::Europe::Moscow;

/// The facts that the decision document states.
pub(crate) struct Decision {
    pub number: String,
    pub service: String,
    pub result: String,
    pub department: String,
    pub applicant: String,
    pub official: String,
    pub submitted_at: DateTime<Utc>,
    pub decided_at: DateTime<Utc>,
    pub status: ApplicationStatus,
    /// The ground of a refusal from the list.
    pub reason: Option<String>,
    pub comment: Option<String>,
    /// File names of the result documents issued with the decision.
    pub results: Vec<String>,
}

fn moscow_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&DOCUMENT_ZONE)
        .format("%d.%m.%Y %H:%M")
        .to_string()
}

/// Renders the decision as a one-page PDF in Russian.
pub(crate) fn render(decision: &Decision) -> Result<Vec<u8>> {
    let locale = DOCUMENT_LOCALE;
    let title = text_with(
        locale,
        "decision-title",
        &[("number", decision.number.as_str())],
    );
    let mut builder = Builder::new(locale);
    builder.lines.push(Line::Title(title.clone()));
    builder
        .lines
        .push(Line::Subtitle(decision.department.clone()));
    builder.labelled(&text(locale, "decision-service"), &decision.service);
    builder.labelled(&text(locale, "decision-applicant"), &decision.applicant);
    builder.labelled(
        &text(locale, "decision-submitted"),
        &moscow_time(decision.submitted_at),
    );
    builder.labelled(
        &text(locale, "decision-decided"),
        &moscow_time(decision.decided_at),
    );
    let outcome = if decision.status == ApplicationStatus::Completed {
        text_with(
            locale,
            "decision-completed",
            &[("result", decision.result.as_str())],
        )
    } else {
        text(locale, "decision-refused")
    };
    builder.labelled(&text(locale, "decision-outcome"), &outcome);
    if let Some(reason) = &decision.reason {
        builder.labelled(&text(locale, "decision-reason"), reason);
    }
    if let Some(comment) = &decision.comment {
        builder.labelled(&text(locale, "decision-comment"), comment);
    }
    if !decision.results.is_empty() {
        builder.labelled(
            &text(locale, "decision-results"),
            &decision.results.join(", "),
        );
    }
    builder.labelled(&text(locale, "decision-official"), &decision.official);
    builder.text("");
    builder.text(&text(locale, "decision-footer"));
    paginate(builder.lines, &title, locale)
}

impl Core {
    /// Makes the decision document of `row`, which `actor` has just completed or refused,
    /// and adds it to the application's documents in the caller's transaction. Returns the
    /// document's id and file name for the journal.
    pub(crate) async fn issue_decision(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        row: &ApplicationRow,
        step: &Transition<'_>,
        at: DateTime<Utc>,
    ) -> Result<(Uuid, String)> {
        let service = service_version(tx, &row.service_code, row.service_version).await?;
        let department = department_name(tx, &row.department_code, DOCUMENT_LOCALE).await?;
        let applicant = person_name(tx, row.user_id).await?;
        let official = format!("{}, {department}", person_name(tx, actor.user_id).await?);
        let number = display_number(&row.number);
        let decision = Decision {
            number: number.clone(),
            service: service.title.get(DOCUMENT_LOCALE).to_string(),
            result: service.result.get(DOCUMENT_LOCALE).to_string(),
            department,
            applicant,
            official,
            submitted_at: row.created_at,
            decided_at: at,
            status: step.status,
            reason: step
                .reason
                .and_then(refusal_reason)
                .map(|reason| reason.title.get(DOCUMENT_LOCALE).to_string()),
            comment: step.comment.map(str::to_string),
            results: step
                .results
                .iter()
                .map(|result| result.file_name.clone())
                .collect(),
        };
        let pdf = render(&decision)?;
        let file = check_upload(&self.keys, &pdf, u64::MAX).map_err(|problem| {
            Error::Internal(format!("decision PDF rejected: {}", problem.key))
        })?;
        // The file is written before the rows commit: a file without a row is harmless.
        self.files.put(&self.keys, &file.key, &pdf).await?;

        let file_name = text_with(
            DOCUMENT_LOCALE,
            "decision-file-name",
            &[("number", number.as_str())],
        );
        let document = NewDocument {
            application_id: row.id,
            code: DECISION_DOCUMENT,
            file: &file,
            file_name: &file_name,
            message_id: None,
        };
        add_document(tx, &document, at).await
    }
}

#[derive(sqlx::FromRow)]
struct ResultRow {
    document_id: Uuid,
    file_name: String,
    created_at: DateTime<Utc>,
    application_id: Uuid,
    number: String,
    service_code: String,
    service_version: i32,
}

impl Core {
    /// The decision and result documents of the citizen's applications, newest first:
    /// "Мои документы".
    pub async fn result_documents(
        &self,
        actor: &Actor,
        locale: Locale,
    ) -> Result<Vec<ResultDocument>> {
        let mut tx = self.db.begin_read().await?;
        let rows: Vec<ResultRow> = on_conn!(&mut tx, conn => sqlx::query_as(
            "SELECT d.id AS document_id, d.file_name, d.created_at, a.id AS application_id, a.number,
                    a.service_code, a.service_version
             FROM application_documents d JOIN applications a ON a.id = d.application_id
             WHERE a.user_id = $1 AND d.document_code IN ($2, $3)
             ORDER BY d.created_at DESC, d.id DESC",
        )
        .bind(actor.user_id)
        .bind(DECISION_DOCUMENT)
        .bind(RESULT_DOCUMENT)
        .fetch_all(conn)
        .await)?;
        let mut definitions = Definitions::default();
        let mut documents = Vec::with_capacity(rows.len());
        for row in rows {
            let service = definitions
                .get(&mut tx, &row.service_code, row.service_version)
                .await?;
            documents.push(ResultDocument {
                application_id: row.application_id,
                number: display_number(&row.number),
                service_title: service.title.get(locale).to_string(),
                document_id: row.document_id,
                file_name: row.file_name,
                issued_at: time::local(row.created_at, &actor.time_zone),
            });
        }
        Ok(documents)
    }
}
