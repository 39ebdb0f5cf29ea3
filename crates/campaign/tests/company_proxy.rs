//! The company proxy, for real: Debian's tinyproxy in front of the simulator, which is served
//! over TLS (socat, with a certificate made here) on an address that is not this computer's
//! loopback, as Adobe's is not. The address is made by the test itself, on a network interface
//! of a network namespace of its own, so nothing of the machine's network is touched.
//!
//! The test re-runs itself inside that namespace (`unshare --net`); the part inside sets the
//! interface up, starts the proxies and checks, request by request, which way each took: the
//! simulator's log counts what reached Campaign, the proxy's own log what went through it.
#![cfg(target_os = "linux")]

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use campaign_simulator::{Simulator, SimulatorConfig};
use flowdeck_campaign::{
    AccessToken, Address, ApiKey, BaseUrl, CampaignClient, CampaignError, ClientSecret,
    DEFAULT_SCOPES, ImsCredentials, ManualProxy, ProxyAddress, ProxyProblem, ProxyRefusal,
    ProxyRoute, ProxySignIn, Tenant, WorkflowCommand, WorkflowId, request_token, route_requests,
};

const INSIDE: &str = "FLOWDECK_COMPANY_PROXY_INSIDE";
/// Not loopback, not routed anywhere: the namespace's own.
const CAMPAIGN_IP: &str = "10.77.0.1";
const CAMPAIGN_PORT: u16 = 8443;
const OPEN_PROXY: &str = "127.0.0.1:3128";
const PASSWORD_PROXY: &str = "127.0.0.1:3129";
const NO_PROXY_THERE: &str = "127.0.0.1:3130";

#[test]
fn requests_to_campaign_take_the_proxy_route_the_user_chose() {
    if std::env::var_os(INSIDE).is_some() {
        return;
    }
    let mut unshare = Command::new("unshare");
    unshare.arg("--net");
    if !is_root() {
        // A user namespace in which this user may set up the network namespace's interface.
        unshare.arg("--map-root-user");
    }
    let work = tempfile::tempdir().unwrap();
    let status = unshare
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "inside_a_network_of_its_own",
            "--nocapture",
            "--include-ignored",
        ])
        .env(INSIDE, work.path())
        // The certificate the part inside makes for Campaign's address is trusted (OpenSSL
        // reads SSL_CERT_FILE), as a company laptop trusts Adobe's; the proxies see only the
        // tunnel. The system's proxy is the one that asks for a password.
        .env("SSL_CERT_FILE", work.path().join("campaign.pem"))
        .env("HTTPS_PROXY", format!("http://{PASSWORD_PROXY}"))
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .status()
        .expect("unshare (util-linux) runs: scripts/setup.sh --test installs it");
    assert!(
        status.success(),
        "the part inside the network namespace failed"
    );
}

#[tokio::test]
#[ignore = "run by requests_to_campaign_take_the_proxy_route_the_user_chose, in its namespace"]
async fn inside_a_network_of_its_own() {
    let work = PathBuf::from(std::env::var_os(INSIDE).expect("run by the test above"));
    let world = World::make(&work).await;
    let start = |token| world.send(token, "WKF-NEWSLETTER", WorkflowCommand::Start);

    // Through the proxy the user typed: the sign-in and the command reach Campaign, and the
    // proxy's log shows the way opened to Campaign's address (one tunnel carries both).
    route_requests(manual(OPEN_PROXY, None));
    let token = world
        .sign_in()
        .await
        .expect("the sign-in through the proxy");
    start(&token).await.expect("Start through the proxy");
    assert_eq!(world.commands_received(), 1);
    let log = world.open_proxy_log();
    assert_eq!(
        log.matches(&format!("CONNECT {CAMPAIGN_IP}:{CAMPAIGN_PORT}"))
            .count(),
        1,
        "the sign-in and the command went through the proxy:\n{log}"
    );

    // A proxy that wants a password and was given none: said plainly, naming the proxy, and
    // nothing reached Campaign.
    route_requests(manual(PASSWORD_PROXY, None));
    let refused = start(&token).await.unwrap_err();
    assert_eq!(
        refused,
        refused_by(ProxyProblem::AuthRequired, PASSWORD_PROXY),
        "{refused:?}"
    );
    assert_eq!(
        refused.to_string(),
        format!(
            "the proxy {PASSWORD_PROXY} wants a user name and password: nothing reached Campaign"
        )
    );
    assert!(!refused.command_may_have_run());
    // A wrong password: refused by the proxy (tinyproxy answers 401 where squid answers 407,
    // so it cannot be told from another refusal), named, and nothing reached Campaign.
    route_requests(manual(PASSWORD_PROXY, Some(("mia", "wrong"))));
    let refused = start(&token).await.unwrap_err();
    assert_eq!(refused, refused_by(ProxyProblem::Refused, PASSWORD_PROXY));
    assert_eq!(world.commands_received(), 1, "nothing got past the proxy");

    // With its password, the command goes through it.
    route_requests(manual(PASSWORD_PROXY, Some(("mia", "corp-secret"))));
    world
        .send(&token, "WKF-WELCOME", WorkflowCommand::Pause)
        .await
        .expect("Pause through the proxy, signed in");
    assert_eq!(world.commands_received(), 2);

    // A proxy nobody answers at: named, not "Campaign unreachable".
    route_requests(manual(NO_PROXY_THERE, None));
    let refused = start(&token).await.unwrap_err();
    assert_eq!(
        refused,
        refused_by(ProxyProblem::Unreachable, NO_PROXY_THERE)
    );

    // The system's proxy (here `HTTPS_PROXY`, the password proxy): told as the system's.
    route_requests(ProxyRoute::System);
    let refused = start(&token).await.unwrap_err();
    assert_eq!(
        refused,
        refused_by(ProxyProblem::AuthRequired, PASSWORD_PROXY)
    );

    // No proxy: straight to Campaign, past the one the system names.
    route_requests(ProxyRoute::Direct);
    let opened_before = world.open_proxy_log().matches("CONNECT ").count();
    world
        .send(&token, "WKF-SUMMER-SALE", WorkflowCommand::Start)
        .await
        .expect("Start, straight to Campaign");
    assert_eq!(world.commands_received(), 3);
    assert_eq!(
        world.open_proxy_log().matches("CONNECT ").count(),
        opened_before
    );
    // Asked four times: with no password, a wrong one, the right one, and as the system's.
    assert_eq!(world.password_proxy_log().matches("CONNECT 10.").count(), 4);
}

fn refused_by(problem: ProxyProblem, proxy: &str) -> CampaignError {
    CampaignError::Proxy(ProxyRefusal {
        problem,
        proxy: Some(proxy.to_owned()),
    })
}

fn manual(address: &str, sign_in: Option<(&str, &str)>) -> ProxyRoute {
    ProxyRoute::Manual(ManualProxy {
        address: ProxyAddress::parse(address).unwrap(),
        sign_in: sign_in.map(|(user, password)| ProxySignIn::new(user, password)),
    })
}

/// The namespace's network: Campaign behind TLS on its own address, two proxies, and a
/// certificate this process trusts.
struct World {
    simulator: Simulator,
    work: PathBuf,
    _children: Vec<Killed>,
}

impl World {
    async fn make(work: &Path) -> Self {
        for args in [
            "link set lo up",
            "link add flowdeck0 type veth peer name flowdeck1",
            "link set flowdeck1 up",
            "link set flowdeck0 up",
        ] {
            run("ip", &args.split(' ').collect::<Vec<_>>());
        }
        run(
            "ip",
            &[
                "addr",
                "add",
                &format!("{CAMPAIGN_IP}/24"),
                "dev",
                "flowdeck0",
            ],
        );
        let (cert, key) = (work.join("campaign.pem"), work.join("campaign.key"));
        run(
            "openssl",
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                &format!("/CN={CAMPAIGN_IP}"),
                "-addext",
                &format!("subjectAltName=IP:{CAMPAIGN_IP}"),
                "-keyout",
                key.to_str().unwrap(),
                "-out",
                cert.to_str().unwrap(),
            ],
        );
        let simulator = Simulator::start(SimulatorConfig::demo()).await.unwrap();
        let tls = Command::new("socat")
            .arg(format!(
                "OPENSSL-LISTEN:{CAMPAIGN_PORT},bind={CAMPAIGN_IP},reuseaddr,fork,cert={},key={},verify=0",
                cert.display(),
                key.display()
            ))
            .arg(format!("TCP:{}", simulator.address()))
            .stderr(Stdio::null())
            .spawn()
            .expect("socat runs: scripts/setup.sh --test installs it");
        let children = vec![
            Killed(tls),
            tinyproxy(work, "open", OPEN_PROXY, None),
            tinyproxy(
                work,
                "password",
                PASSWORD_PROXY,
                Some(("mia", "corp-secret")),
            ),
        ];
        for listening in [
            format!("{CAMPAIGN_IP}:{CAMPAIGN_PORT}"),
            OPEN_PROXY.to_owned(),
            PASSWORD_PROXY.to_owned(),
        ] {
            wait_for(&listening);
        }
        Self {
            simulator,
            work: work.to_owned(),
            _children: children,
        }
    }

    fn campaign_url(&self) -> BaseUrl {
        BaseUrl::parse(&format!("https://{CAMPAIGN_IP}:{CAMPAIGN_PORT}")).unwrap()
    }

    /// Sends `command` for `workflow` to Campaign's address, the way the route says.
    async fn send(
        &self,
        token: &AccessToken,
        workflow: &str,
        command: WorkflowCommand,
    ) -> Result<flowdeck_campaign::Accepted, CampaignError> {
        let credentials = self.simulator.credentials();
        let client = CampaignClient::with_timeout(
            Address {
                base_url: self.campaign_url(),
                tenant: Tenant::parse(&credentials.tenant).unwrap(),
                api_key: ApiKey::parse(&credentials.api_key).unwrap(),
            },
            Duration::from_secs(10),
        )
        .unwrap();
        let workflow = WorkflowId::parse(workflow).unwrap();
        client.send_command(token, &workflow, command).await
    }

    async fn sign_in(&self) -> Result<AccessToken, flowdeck_campaign::ImsError> {
        let credentials = self.simulator.credentials();
        let issued = request_token(
            &ImsCredentials {
                ims_url: self.campaign_url(),
                client_id: ApiKey::parse(&credentials.api_key).unwrap(),
                client_secret: ClientSecret::new(credentials.client_secret.clone()),
                scopes: DEFAULT_SCOPES.to_owned(),
            },
            Duration::from_secs(10),
        )
        .await?;
        Ok(issued.token)
    }

    /// Commands Campaign received (every kind of request is in the simulator's log).
    fn commands_received(&self) -> usize {
        self.simulator
            .requests()
            .iter()
            .filter(|request| request.path.ends_with("/commands"))
            .count()
    }

    fn open_proxy_log(&self) -> String {
        std::fs::read_to_string(self.work.join("open.log")).unwrap_or_default()
    }

    fn password_proxy_log(&self) -> String {
        std::fs::read_to_string(self.work.join("password.log")).unwrap_or_default()
    }
}

fn tinyproxy(work: &Path, name: &str, listen: &str, user: Option<(&str, &str)>) -> Killed {
    let (host, port) = listen.split_once(':').unwrap();
    let config = work.join(format!("{name}.conf"));
    let mut lines = vec![
        format!("Port {port}"),
        format!("Listen {host}"),
        "Timeout 30".to_owned(),
        format!("LogFile \"{}\"", work.join(format!("{name}.log")).display()),
        "LogLevel Connect".to_owned(),
        "MaxClients 20".to_owned(),
        "Allow 127.0.0.1".to_owned(),
        format!("ConnectPort {CAMPAIGN_PORT}"),
    ];
    if let Some((user, password)) = user {
        lines.push(format!("BasicAuth {user} {password}"));
    }
    std::fs::write(&config, lines.join("\n") + "\n").unwrap();
    let child = Command::new("tinyproxy")
        .args(["-d", "-c"])
        .arg(&config)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("tinyproxy runs: scripts/setup.sh --test installs it");
    Killed(child)
}

fn run(program: &str, args: &[&str]) {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(
        output.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn wait_for(address: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(address).is_err() {
        assert!(Instant::now() < deadline, "nothing listens at {address}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| output.stdout.trim_ascii() == b"0")
}

/// A helper process, ended with the test.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
