//! The `kabinet` binary: parses the command line and runs the chosen command.

use clap::Parser;
use kabinet_server::config::{Cli, Command, Config, unknown_variables};
use kabinet_server::{open_core, serve, telemetry};

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
            Ok(())
        }
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
