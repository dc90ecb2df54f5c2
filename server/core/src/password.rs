//! Password hashing with Argon2id, run on the blocking thread pool.

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};

use crate::error::{Error, Result};

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

#[derive(Clone, Debug)]
pub struct PasswordHashing {
    cost: HashCost,
    /// A hash of a random password, verified against when the login is unknown so that
    /// an unknown login takes as long as a wrong password.
    decoy: String,
}

impl PasswordHashing {
    pub fn new(cost: HashCost) -> Result<Self> {
        let decoy = hash_blocking(cost, &crate::crypto::random_token())?;
        Ok(Self { cost, decoy })
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
