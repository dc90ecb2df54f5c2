//! Validators for what people type into forms.
//!
//! Each validator trims surrounding whitespace (except the password check, which takes the
//! password as typed), then returns the value in its canonical form (digits only, E.164,
//! lower-case domain) or a [`Message`](crate::Message) whose key is listed in
//! `locales/*/validation.ftl`. The same functions run in the browser before a form
//! is sent and on the server when it arrives.

pub mod application_number;
pub mod date;
pub mod documents;
pub mod email;
pub mod inn;
pub mod kpp;
pub mod login;
pub mod name;
pub mod network;
pub mod ogrn;
pub mod passport;
pub mod password;
pub mod phone;
pub mod snils;
pub mod text;
pub mod time;

pub use application_number::ApplicationNumber;
pub use login::Login;
pub use passport::Passport;

/// Returns whether `text` is non-empty and made of ASCII digits only.
fn is_ascii_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// Returns the value of ASCII digit `byte` (`b'7'` → 7).
fn digit_value(byte: u8) -> u32 {
    u32::from(byte - b'0')
}

#[cfg(test)]
mod tests {
    /// Sources of the validators, searched for the message keys they return.
    const SOURCES: [&str; 16] = [
        include_str!("application_number.rs"),
        include_str!("date.rs"),
        include_str!("documents.rs"),
        include_str!("email.rs"),
        include_str!("inn.rs"),
        include_str!("kpp.rs"),
        include_str!("login.rs"),
        include_str!("name.rs"),
        include_str!("network.rs"),
        include_str!("ogrn.rs"),
        include_str!("passport.rs"),
        include_str!("password.rs"),
        include_str!("phone.rs"),
        include_str!("snils.rs"),
        include_str!("text.rs"),
        include_str!("time.rs"),
    ];
    const TRANSLATIONS: [(&str, &str); 2] = [
        ("ru", include_str!("../../../locales/ru/validation.ftl")),
        ("en", include_str!("../../../locales/en/validation.ftl")),
    ];

    /// Returns every string literal of the sources that starts with `error-`.
    fn keys_in_sources() -> Vec<&'static str> {
        let mut keys: Vec<&str> = SOURCES
            .iter()
            .flat_map(|source| source.split('"'))
            .filter(|literal| {
                literal.starts_with("error-")
                    && literal
                        .bytes()
                        .all(|byte| byte.is_ascii_lowercase() || byte == b'-')
            })
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Returns the message ids defined in a Fluent file.
    fn keys_in_translation(ftl: &str) -> Vec<&str> {
        let mut keys: Vec<&str> = ftl
            .lines()
            .filter_map(|line| line.split_once(" = ").map(|(id, _)| id))
            .filter(|id| id.starts_with("error-"))
            .collect();
        keys.sort_unstable();
        keys
    }

    #[test]
    fn key_scan_finds_keys() {
        let keys = keys_in_sources();
        assert!(keys.contains(&"error-required"));
        assert!(keys.contains(&"error-application-number-checksum"));
    }

    #[test]
    fn every_key_is_translated() {
        for (language, ftl) in TRANSLATIONS {
            assert_eq!(
                keys_in_translation(ftl),
                keys_in_sources(),
                "message ids of {language}/validation.ftl"
            );
        }
    }
}
