//! Password hashing with Argon2id, run on the blocking thread pool, and the check of new
//! passwords against a list of leaked passwords.

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use kabinet_shared::Message;

use crate::error::{Error, Result};

/// Returns whether `password`, as typed or lower-cased, is in the list of leaked
/// passwords that the `passwords` crate (version 3.1, feature `common-password`) ships.
///
/// The list has 99,838 entries, 47,324 of them of 8 characters or more. Its author does not
/// name the source, but it contains 2,890 of the 3,000 most frequent passwords of the
/// Xato corpus of 10 million leaked passwords, as ranked in zxcvbn 3.1. The list stays on
/// the server: in the browser bundle it would add about a megabyte.
pub fn is_breached(password: &str) -> bool {
    passwords::analyzer::is_common_password(password)
        || passwords::analyzer::is_common_password(password.to_lowercase())
}

/// Rejects a new password that [`is_breached`] finds, as an error on the `password` field.
/// Registration, recovery and the password change call it after the shared rules of
/// `kabinet_shared::validate::password::check`.
pub fn check_not_breached(password: &str) -> Result<()> {
    if is_breached(password) {
        return Err(Error::field(
            "password",
            Message::new("error-password-breached"),
        ));
    }
    Ok(())
}

/// Argon2id cost parameters.
#[derive(Clone, Copy, Debug)]
pub struct HashCost {
    /// Memory per hash, in KiB.
    pub memory_kib: u32,
    /// Number of passes over the memory.
    pub iterations: u32,
    /// Number of lanes.
    pub parallelism: u32,
}

impl Default for HashCost {
    /// 19 MiB, 2 passes, 1 lane: the minimum OWASP's Password Storage Cheat Sheet
    /// recommends for Argon2id.
    fn default() -> Self {
        Self {
            memory_kib: 19_456,
            iterations: 2,
            parallelism: 1,
        }
    }
}

impl HashCost {
    /// 4 MiB, 1 pass, 1 lane: the cost for backup codes. A code is random (about 40 bits),
    /// works once and allows only a few online guesses, so the hash only has to make an
    /// offline search of a leaked database slow, and each code has its own salt. Up to ten
    /// codes are verified for one entry, which a higher cost would make slow.
    pub const BACKUP_CODE: HashCost = HashCost {
        memory_kib: 4096,
        iterations: 1,
        parallelism: 1,
    };
}

#[derive(Clone, Debug)]
pub struct PasswordHashing {
    cost: HashCost,
    /// The cost of backup-code hashes, see [`HashCost::BACKUP_CODE`].
    code_cost: HashCost,
    /// A hash of a random password, verified against when the login is unknown so that
    /// an unknown login takes as long as a wrong password.
    decoy: String,
}

impl PasswordHashing {
    pub fn new(cost: HashCost, code_cost: HashCost) -> Result<Self> {
        let decoy = hash_blocking(cost, &crate::crypto::random_token())?;
        Ok(Self {
            cost,
            code_cost,
            decoy,
        })
    }

    /// Hashes each of `codes` with Argon2id and a random salt of its own, returning PHC
    /// strings in the same order.
    pub async fn hash_codes(&self, codes: Vec<String>) -> Result<Vec<String>> {
        let cost = self.code_cost;
        tokio::task::spawn_blocking(move || {
            codes
                .iter()
                .map(|code| hash_blocking(cost, code))
                .collect::<Result<Vec<_>>>()
        })
        .await
        .map_err(|error| Error::Internal(format!("code hashing task: {error}")))?
    }

    /// Returns the index of the first of `stored` (PHC strings from [`Self::hash_codes`])
    /// that `code` matches.
    pub async fn find_code(&self, stored: Vec<String>, code: &str) -> Result<Option<usize>> {
        let code = code.to_string();
        tokio::task::spawn_blocking(move || {
            for (index, hash) in stored.iter().enumerate() {
                if verify_blocking(hash, &code)? {
                    return Ok(Some(index));
                }
            }
            Ok(None)
        })
        .await
        .map_err(|error| Error::Internal(format!("code hashing task: {error}")))?
    }

    pub async fn hash(&self, password: &str) -> Result<String> {
        let cost = self.cost;
        let password = password.to_string();
        tokio::task::spawn_blocking(move || hash_blocking(cost, &password))
            .await
            .map_err(|error| Error::Internal(format!("password hashing task: {error}")))?
    }

    /// Checks `password` against `stored`; with `None` it checks against the decoy and
    /// returns false, taking the same time.
    pub async fn verify(&self, stored: Option<&str>, password: &str) -> Result<bool> {
        let known = stored.is_some();
        let stored = stored.unwrap_or(&self.decoy).to_string();
        let password = password.to_string();
        let matches = tokio::task::spawn_blocking(move || verify_blocking(&stored, &password))
            .await
            .map_err(|error| Error::Internal(format!("password hashing task: {error}")))??;
        Ok(known && matches)
    }
}

fn argon2(cost: HashCost) -> Result<Argon2<'static>> {
    let params = Params::new(cost.memory_kib, cost.iterations, cost.parallelism, None)
        .map_err(|error| Error::Internal(format!("Argon2 parameters: {error}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_blocking(cost: HashCost, password: &str) -> Result<String> {
    argon2(cost)?
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|error| Error::Internal(format!("Argon2 hashing: {error}")))
}

/// Verifies with the parameters stored in the hash, so older hashes keep working after
/// the cost changes.
fn verify_blocking(stored: &str, password: &str) -> Result<bool> {
    match Argon2::default().verify_password(password.as_bytes(), stored) {
        Ok(()) => Ok(true),
        Err(argon2::password_hash::Error::PasswordInvalid) => Ok(false),
        Err(error) => Err(Error::Internal(format!("stored password hash: {error}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaked_passwords_are_found() {
        // Entries of the leaked list that pass the shared rules of length and common words.
        for password in ["corvette", "mercedes", "blink182", "12qwaszx", "drowssap"] {
            assert!(is_breached(password), "password {password:?}");
        }
    }

    #[test]
    fn case_does_not_hide_a_leaked_password() {
        assert!(is_breached("Midnight"));
        assert!(is_breached("COCACOLA"));
    }

    #[test]
    fn strong_passwords_are_not_breached() {
        for password in ["Tr0pinka-Lesnaya7", "Зелёный-Чай-42", "Demo-Kabinet-2026"] {
            assert!(!is_breached(password), "password {password:?}");
        }
    }

    #[test]
    fn breached_password_is_a_field_error() {
        let Err(Error::Invalid(errors)) = check_not_breached("samantha") else {
            panic!("a leaked password is rejected");
        };
        assert_eq!(
            errors.get("password"),
            Some(&Message::new("error-password-breached"))
        );
    }
}
