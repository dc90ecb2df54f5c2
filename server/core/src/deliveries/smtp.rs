//! E-mail over SMTP with `lettre`: a pooled connection, STARTTLS or TLS as the URL says,
//! authentication, a plain-text part with an HTML alternative, and a Message-ID made
//! from the delivery id, so a message sent again after a crash can be recognised as the
//! same one.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::message::{Mailbox, MultiPart, SinglePart, header};
use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use uuid::Uuid;

use super::Refusal;
use crate::error::{Error, Result};

/// Where and as whom e-mail is sent.
#[derive(Clone)]
pub struct SmtpSettings {
    /// `smtp://host:25` (plain), `smtp://user:password@host:587?tls=required` (STARTTLS)
    /// or `smtps://user:password@host:465` (TLS from the start).
    pub url: String,
    /// The sender, e.g. `Kabinet <noreply@kabinet.example>`.
    pub from: String,
    /// A PEM file of certificate authorities to trust for the server besides the public
    /// ones, for a mail server with a private CA. Needs a TLS `url`.
    pub ca_file: Option<PathBuf>,
}

impl fmt::Debug for SmtpSettings {
    // The URL may carry the SMTP password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

/// One e-mail to send.
pub struct Letter<'a> {
    pub id: Uuid,
    pub to: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    pub html: Option<&'a str>,
}

/// Connections to the SMTP server; cheap to share.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The domain part of Message-IDs.
    domain: String,
}

/// How long one SMTP conversation may take before it counts as failed.
const TIMEOUT: Duration = Duration::from_secs(20);

/// Returns the TLS mode that `url` requests (`smtps://`, or `tls=required` or
/// `tls=opportunistic` in the query), trusting the authorities in `ca_file` as well as the
/// public ones.
fn tls_trusting(url: &str, ca_file: &Path) -> Result<Tls> {
    let url =
        url::Url::parse(url).map_err(|_| Error::Internal("the SMTP URL is not valid".into()))?;
    let host = url
        .host_str()
        .ok_or_else(|| Error::Internal("the SMTP URL has no host".into()))?;
    let pem = std::fs::read(ca_file).map_err(|error| {
        Error::Internal(format!(
            "the SMTP CA file {} cannot be read: {error}",
            ca_file.display()
        ))
    })?;
    let no_certificate = || {
        Error::Internal(format!(
            "the SMTP CA file {} contains no PEM certificate",
            ca_file.display()
        ))
    };
    if !pem
        .windows(27)
        .any(|window| window == b"-----BEGIN CERTIFICATE-----")
    {
        return Err(no_certificate());
    }
    let certificate = Certificate::from_pem(&pem).map_err(|_| no_certificate())?;
    let parameters = TlsParameters::builder(host.to_string())
        .add_root_certificate(certificate)
        .build()
        .map_err(|error| Error::Internal(format!("the SMTP TLS settings failed: {error}")))?;
    let mode = url
        .query_pairs()
        .find(|(name, _)| name == "tls")
        .map(|(_, value)| value.into_owned());
    match (url.scheme(), mode.as_deref()) {
        ("smtps", _) => Ok(Tls::Wrapper(parameters)),
        ("smtp", Some("required")) => Ok(Tls::Required(parameters)),
        ("smtp", Some("opportunistic")) => Ok(Tls::Opportunistic(parameters)),
        _ => Err(Error::Internal(
            "an SMTP CA file needs a TLS URL: smtps://host:465 or smtp://host:587?tls=required"
                .into(),
        )),
    }
}

impl Mailer {
    pub fn new(settings: &SmtpSettings) -> Result<Mailer> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|_| Error::Internal("the sender address of e-mail is not valid".into()))?;
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.url)
            .map_err(|_| Error::Internal("the SMTP URL is not valid".into()))?;
        if let Some(ca_file) = &settings.ca_file {
            builder = builder.tls(tls_trusting(&settings.url, ca_file)?);
        }
        let transport = builder
            .timeout(Some(TIMEOUT))
            .pool_config(
                PoolConfig::new()
                    .max_size(8)
                    .idle_timeout(Duration::from_secs(30)),
            )
            .build();
        let domain = from.email.domain().to_string();
        Ok(Mailer {
            transport,
            from,
            domain,
        })
    }

    /// Sends one letter. A refusal names the SMTP reply code or the kind of failure,
    /// never the address or the text.
    pub async fn send(&self, letter: Letter<'_>) -> std::result::Result<(), Refusal> {
        let to: Mailbox = letter.to.parse().map_err(|_| Refusal {
            reason: "recipient address not valid".into(),
            permanent: true,
        })?;
        let builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(letter.subject)
            .message_id(Some(format!("<{}@{}>", letter.id, self.domain)));
        let plain = SinglePart::builder()
            .header(header::ContentType::TEXT_PLAIN)
            .body(letter.text.to_string());
        let message = match letter.html {
            Some(html) => builder.multipart(
                MultiPart::alternative().singlepart(plain).singlepart(
                    SinglePart::builder()
                        .header(header::ContentType::TEXT_HTML)
                        .body(html.to_string()),
                ),
            ),
            None => builder.singlepart(plain),
        }
        .map_err(|_| Refusal {
            reason: "message could not be built".into(),
            permanent: true,
        })?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|error| refusal(&error))
    }
}

/// SMTP replies about the portal's own credentials, which a fix of its configuration
/// cures, so the message is retried rather than failed (RFC 4954): 530 authentication
/// required, 534 mechanism too weak, 535 credentials invalid, 538 encryption required.
const CONFIGURATION_REPLIES: [&str; 4] = ["530", "534", "535", "538"];

/// Describes an SMTP failure without the server's text, which may quote the address.
fn refusal(error: &lettre::transport::smtp::Error) -> Refusal {
    let code = error.status().map(|code| code.to_string());
    let reason = match (&code, error) {
        (Some(code), _) => format!("SMTP reply {code}"),
        (None, error) if error.is_timeout() => "SMTP server did not answer in time".into(),
        (None, error) if error.is_tls() => "TLS with the SMTP server failed".into(),
        (None, _) => "SMTP server not reachable".into(),
    };
    let about_configuration = code
        .as_deref()
        .is_some_and(|code| CONFIGURATION_REPLIES.contains(&code));
    Refusal {
        reason,
        permanent: error.is_permanent() && !about_configuration,
    }
}
