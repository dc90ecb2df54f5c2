//! The `kabinet` binary: parses the command line and runs the chosen command.

use clap::Parser;
use kabinet_server::config::{AuditCommand, Cli, Command, Config, KeysCommand, unknown_variables};
use kabinet_server::{open_core, reseal_keys, serve, telemetry, verify_audit};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let config = match Config::load(&cli.settings) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("kabinet: {error:#}");
            return std::process::ExitCode::from(2);
        }
    };
    telemetry::init_logging(&config);
    for name in unknown_variables() {
        tracing::warn!(variable = %name, "unknown KABINET_* environment variable is ignored");
    }

    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => open_core(&Config {
            demo: Some(false),
            ..config
        })
        .await
        .map(|_| ()),
        Command::GenerateKeys => {
            let keys = kabinet_core::keys::Keys::generate();
            println!("KABINET_SESSION_KEY={}", keys.session.to_text());
            println!("KABINET_DATA_KEY={}", keys.data.to_text());
            println!("KABINET_INDEX_KEY={}", keys.index.to_text());
            println!(
                "KABINET_VAPID_PRIVATE_KEY={}",
                kabinet_core::deliveries::push::WebPush::generate_key()
            );
            Ok(())
        }
        Command::Audit {
            command: AuditCommand::Verify,
        } => match verify_audit(&config).await {
            Ok(true) => Ok(()),
            Ok(false) => return std::process::ExitCode::FAILURE,
            Err(error) => Err(error),
        },
        Command::Keys {
            command: KeysCommand::Reseal,
        } => reseal_keys(&config).await,
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error:#}");
            eprintln!("kabinet: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
