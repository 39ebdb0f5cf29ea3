//! `cargo run -p campaign-simulator -- [--port N] [--switches JSON]`
//!
//! Runs the demo organisation's simulator on 127.0.0.1 until interrupted, and prints what a
//! client needs to talk to it.

use std::net::SocketAddr;
use std::process::ExitCode;

use campaign_simulator::{ADMIN_KEY_HEADER, AdminKey, Simulator, SimulatorConfig, Switches};

const USAGE: &str = "usage: campaign-simulator [--port N] [--switches JSON]\n\
    \n  --port N         listen on 127.0.0.1:N (default: a free port)\
    \n  --switches JSON  undocumented behaviours, e.g. '{\"recordStatus\":\"absent\"}'\
    \n                   (also changeable at run time: PUT /_simulator/switches, with the\
    \n                   admin key it prints in the X-Simulator-Key header)";

fn parse_args() -> Result<SimulatorConfig, String> {
    let mut config = SimulatorConfig::demo();
    config.admin_key = Some(AdminKey::generate());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--port" => {
                let port: u16 = value()?
                    .parse()
                    .map_err(|_| "--port takes a number".to_owned())?;
                config.bind = SocketAddr::from(([127, 0, 0, 1], port));
            }
            "--switches" => {
                config.switches = serde_json::from_str::<Switches>(&value()?)
                    .map_err(|e| format!("--switches: {e}"))?;
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(config)
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match parse_args() {
        Ok(config) => config,
        Err(problem) => {
            if !problem.is_empty() {
                eprintln!("{problem}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let admin_key = config.admin_key.clone();
    let simulator = match Simulator::start(config).await {
        Ok(simulator) => simulator,
        Err(error) => {
            eprintln!("could not listen: {error}");
            return ExitCode::FAILURE;
        }
    };
    let credentials = simulator.credentials();
    println!("Campaign simulator listening");
    println!("  base URL:     {}", simulator.base_url());
    println!("  tenant:       {}", credentials.tenant);
    println!("  API key:      {}", credentials.api_key);
    println!("  access token: {}", credentials.access_token);
    println!(
        "  switches:     {}",
        serde_json::to_string(&simulator.switches()).unwrap_or_default()
    );
    if let Some(key) = admin_key {
        println!(
            "  admin key:    {} (send it as {ADMIN_KEY_HEADER})",
            key.as_str()
        );
    }
    println!("Press Ctrl+C to stop.");
    let _ = tokio::signal::ctrl_c().await;
    ExitCode::SUCCESS
}
