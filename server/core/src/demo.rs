//! Demo data: the catalogue and one account of each role, so the portal can be tried
//! right after the first start. Never run in production.

use chrono::NaiveDate;
use kabinet_shared::model::Role;
use uuid::Uuid;

use crate::accounts::{inn_context, snils_context};
use crate::crypto::seal;
use crate::error::Result;
use crate::{Core, execute, on_conn};

/// The password of every demo account. It is published in the README.
pub const DEMO_PASSWORD: &str = "Demo-Kabinet-2026";

/// A demo account.
pub struct DemoAccount {
    pub role: Role,
    pub department: Option<&'static str>,
    pub phone: &'static str,
    pub email: &'static str,
    pub surname: &'static str,
    pub given_name: &'static str,
    pub patronymic: &'static str,
    pub birth_date: (i32, u32, u32),
    pub snils: Option<&'static str>,
    pub inn: Option<&'static str>,
    /// Whether an official heads their department.
    pub department_head: bool,
}

pub const DEMO_ACCOUNTS: [DemoAccount; 5] = [
    DemoAccount {
        role: Role::Citizen,
        department: None,
        phone: "+79990000001",
        email: "citizen@kabinet.example",
        surname: "Иванова",
        given_name: "Алёна",
        patronymic: "Сергеевна",
        birth_date: (1990, 5, 17),
        snils: Some("11223344595"),
        inn: Some("123456789047"),
        department_head: false,
    },
    DemoAccount {
        role: Role::Official,
        department: Some("mvd"),
        phone: "+79990000002",
        email: "official@kabinet.example",
        surname: "Петров",
        given_name: "Сергей",
        patronymic: "Николаевич",
        birth_date: (1982, 11, 3),
        snils: None,
        inn: None,
        department_head: false,
    },
    DemoAccount {
        role: Role::Support,
        department: None,
        phone: "+79990000003",
        email: "support@kabinet.example",
        surname: "Смирнова",
        given_name: "Ольга",
        patronymic: "Викторовна",
        birth_date: (1995, 2, 28),
        snils: None,
        inn: None,
        department_head: false,
    },
    DemoAccount {
        role: Role::Admin,
        department: None,
        phone: "+79990000004",
        email: "admin@kabinet.example",
        surname: "Кузнецов",
        given_name: "Андрей",
        patronymic: "Павлович",
        birth_date: (1978, 8, 21),
        snils: None,
        inn: None,
        department_head: false,
    },
    DemoAccount {
        role: Role::Official,
        department: Some("mvd"),
        phone: "+79990000005",
        email: "head@kabinet.example",
        surname: "Волкова",
        given_name: "Марина",
        patronymic: "Игоревна",
        birth_date: (1975, 4, 9),
        snils: None,
        inn: None,
        department_head: true,
    },
];

impl Core {
    /// Seeds the catalogue and the demo accounts that do not exist yet.
    pub async fn seed_demo(&self) -> Result<()> {
        self.seed_catalogue().await?;
        let password_hash = self.passwords.hash(DEMO_PASSWORD).await?;
        let now = self.clock.now();
        let keys = &self.keys.data;

        let mut tx = self.db.begin().await?;
        for account in &DEMO_ACCOUNTS {
            let exists: Option<Uuid> = on_conn!(&mut tx, conn => sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
                .bind(account.phone)
                .fetch_optional(conn)
                .await)?;
            if exists.is_some() {
                continue;
            }
            let id = Uuid::now_v7();
            let (year, month, day) = account.birth_date;
            let birth_date =
                NaiveDate::from_ymd_opt(year, month, day).expect("demo birth dates are valid");
            execute!(&mut tx, sqlx::query(
                "INSERT INTO users (id, role, department_code, phone, email, email_key, snils_index, snils_enc, inn_index,
                                    inn_enc, surname, given_name, patronymic, birth_date, password_hash, created_at, updated_at,
                                    department_head)
                 VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16)",
            )
            .bind(id)
            .bind(account.role.code())
            .bind(account.department)
            .bind(account.phone)
            .bind(account.email)
            .bind(account.snils.map(|snils| self.snils_index(snils)))
            .bind(account.snils.map(|snils| seal(keys, &snils_context(id), snils.as_bytes())))
            .bind(account.inn.map(|inn| self.inn_index(inn)))
            .bind(account.inn.map(|inn| seal(keys, &inn_context(id), inn.as_bytes())))
            .bind(account.surname)
            .bind(account.given_name)
            .bind(account.patronymic)
            .bind(birth_date)
            .bind(&password_hash)
            .bind(now)
            .bind(account.department_head))?;
            tracing::info!(user.id = %id, user.role = account.role.code(), "demo account created");
        }
        tx.commit().await?;
        Ok(())
    }
}
