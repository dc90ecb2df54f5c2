//! E-mail addresses.

use crate::Message;

/// Maximum length of a whole address (RFC 5321, section 4.5.3.1.3, limits a path to
/// 256 octets including the angle brackets).
const MAX_ADDRESS_CHARS: usize = 254;
/// Maximum length of the local part (RFC 5321, section 4.5.3.1.1).
const MAX_LOCAL_CHARS: usize = 64;
/// Maximum length of one domain label (RFC 1035, section 2.3.4).
const MAX_LABEL_CHARS: usize = 63;

/// Checks an e-mail address and returns it with the domain lower-cased.
///
/// The local part is kept as typed, because only the receiving server may interpret its
/// case. It may contain letters of any script, digits, dots between other characters, and
/// the RFC 5322 `atext` symbols such as `+`, `_` and `-`. Quoted local parts are rejected.
/// The domain needs at least two labels. Each label is letters (of any script, so
/// `почта.рф` works), digits and inner hyphens. The last label cannot be all digits.
/// Fails with `error-email-format`.
pub fn normalize(input: &str) -> Result<String, Message> {
    let address = input.trim();
    if address.chars().count() > MAX_ADDRESS_CHARS {
        return Err(format_error());
    }
    let Some((local, domain)) = address.split_once('@') else {
        return Err(format_error());
    };
    if !is_valid_local_part(local) || !is_valid_domain(domain) {
        return Err(format_error());
    }
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

/// Returns the key under which an address is stored and looked up: the whole normalized
/// address lower-cased, so `Ivan@Example.com` and `ivan@example.com` are one account.
pub fn lookup_key(normalized: &str) -> String {
    normalized.to_lowercase()
}

fn is_valid_local_part(local: &str) -> bool {
    if local.is_empty() || local.chars().count() > MAX_LOCAL_CHARS {
        return false;
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return false;
    }
    local
        .chars()
        .all(|c| c.is_alphanumeric() || c == '.' || is_atext_symbol(c))
}

/// Symbols that RFC 5322 allows unquoted in a local part (`atext` minus letters and digits).
fn is_atext_symbol(c: char) -> bool {
    "!#$%&'*+-/=?^_`{|}~".contains(c)
}

fn is_valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 || !labels.iter().all(|label| is_valid_label(label)) {
        return false;
    }
    let top_level = labels[labels.len() - 1];
    !top_level.chars().all(|c| c.is_ascii_digit())
}

fn is_valid_label(label: &str) -> bool {
    // NOTE: DNS applies the 63 limit to the punycode form, which is longer for non-ASCII labels.
    if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
        return false;
    }
    if label.starts_with('-') || label.ends_with('-') {
        return false;
    }
    label.chars().all(|c| c.is_alphanumeric() || c == '-')
}

fn format_error() -> Message {
    Message::new("error-email-format")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_plain_address() {
        assert_eq!(
            normalize("ivan@example.com").as_deref(),
            Ok("ivan@example.com")
        );
    }

    #[test]
    fn lowercases_domain_only() {
        assert_eq!(
            normalize(" Ivan+Tax@Example.COM ").as_deref(),
            Ok("Ivan+Tax@example.com")
        );
    }

    #[test]
    fn accepts_plus_tag() {
        assert_eq!(
            normalize("ivan+tax@Example.COM").as_deref(),
            Ok("ivan+tax@example.com")
        );
    }

    #[test]
    fn accepts_dots_in_local_part() {
        assert_eq!(
            normalize("ivan.i.petrov@mail.ru").as_deref(),
            Ok("ivan.i.petrov@mail.ru")
        );
    }

    #[test]
    fn accepts_cyrillic_domain() {
        assert_eq!(normalize("иван@почта.рф").as_deref(), Ok("иван@почта.рф"));
    }

    #[test]
    fn lowercases_cyrillic_domain() {
        assert_eq!(normalize("Иван@ПОЧТА.РФ").as_deref(), Ok("Иван@почта.рф"));
    }

    #[test]
    fn accepts_hyphen_inside_label() {
        assert_eq!(
            normalize("a@my-mail.example").as_deref(),
            Ok("a@my-mail.example")
        );
    }

    #[test]
    fn rejects_malformed() {
        for input in [
            "",
            "ivan",
            "ivan.example.com",
            "ivan@@example.com",
            "ivan@mail@example.com",
            "@example.com",
            "ivan@",
            "ivan @example.com",
            "ivan@exa mple.com",
            "iv\tan@example.com",
            "ivan@localhost",
            "ivan@.example.com",
            "ivan@example.com.",
            "ivan@example..com",
            "ivan@-example.com",
            "ivan@example-.com",
            "ivan@example.-com",
            "ivan@example_1.com",
            "ivan@127.0.0.1",
            "ivan@[127.0.0.1]",
            ".ivan@example.com",
            "ivan.@example.com",
            "iv..an@example.com",
            "\"ivan\"@example.com",
            "iv,an@example.com",
            "iv(an)@example.com",
        ] {
            assert_eq!(normalize(input), Err(format_error()), "input {input:?}");
        }
    }

    #[test]
    fn label_of_63_accepted() {
        let address = format!("a@{}.ru", "x".repeat(63));
        assert_eq!(normalize(&address), Ok(address.clone()));
    }

    #[test]
    fn label_of_64_rejected() {
        let address = format!("a@{}.ru", "x".repeat(64));
        assert_eq!(normalize(&address), Err(format_error()));
    }

    #[test]
    fn address_of_254_accepted() {
        let address = format!(
            "{}@{}.{}.{}.ru",
            "a".repeat(64),
            "b".repeat(61),
            "c".repeat(60),
            "d".repeat(63)
        );
        assert_eq!(address.chars().count(), 254);
        assert_eq!(normalize(&address), Ok(address.clone()));
    }

    #[test]
    fn address_of_255_rejected() {
        let address = format!(
            "{}@{}.{}.{}.ru",
            "a".repeat(64),
            "b".repeat(62),
            "c".repeat(60),
            "d".repeat(63)
        );
        assert_eq!(address.chars().count(), 255);
        assert_eq!(normalize(&address), Err(format_error()));
    }

    #[test]
    fn local_part_of_65_rejected() {
        let address = format!("{}@example.com", "a".repeat(65));
        assert_eq!(normalize(&address), Err(format_error()));
    }

    #[test]
    fn lookup_key_lowercases_all() {
        assert_eq!(lookup_key("Ivan+Tax@example.com"), "ivan+tax@example.com");
    }

    #[test]
    fn lookup_key_lowercases_cyrillic() {
        assert_eq!(lookup_key("Иван@почта.рф"), "иван@почта.рф");
    }
}
