//! Properties of everything the client parses from a user or a server: no input panics, and
//! each stated invariant holds for every case proptest generates.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use flowdeck_campaign::{
    AccessToken, Address, ApiError, ApiKey, BaseUrl, CampaignClient, CampaignError,
    ConnectionError, Tenant, TokenProvider, TokenStatus, WorkflowId,
};
use proptest::prelude::*;

fn client() -> CampaignClient {
    CampaignClient::new(Address {
        base_url: BaseUrl::parse("https://mc.adobe.io").unwrap(),
        tenant: Tenant::parse("acme").unwrap(),
        api_key: ApiKey::parse("key").unwrap(),
    })
    .unwrap()
}

fn jwt(claims: &serde_json::Value) -> String {
    format!(
        "{}.{}.sig",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"RS256"}"#),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}

fn pasted_status(token: String) -> TokenStatus {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(TokenProvider::pasted(Some(AccessToken::new(token))).status())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn any_text_is_either_refused_or_exactly_one_path_segment(
        raw in prop_oneof![any::<String>(), "[ A-Za-z0-9_./%?#-]{1,70}"]
    ) {
        if let Ok(id) = WorkflowId::parse(&raw) {
            let url = client().execution_url(&id, true);
            let segments: Vec<&str> = url.path_segments().unwrap().collect();
            prop_assert_eq!(segments.len(), 6, "{}", url);
            prop_assert_eq!(segments[0], "acme");
            prop_assert_eq!(segments[5], "commands");
            // Campaign's alphabet needs no escaping: the segment is the ID itself.
            prop_assert_eq!(segments[4], id.as_str());
            prop_assert_eq!(id.as_str(), raw.trim());
        }
    }

    #[test]
    fn every_id_in_campaigns_alphabet_is_accepted(raw in "[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}") {
        prop_assume!(!raw.contains(".."));
        prop_assert!(WorkflowId::parse(&raw).is_ok(), "{}", raw);
    }

    #[test]
    fn any_error_body_is_classified_and_bounded(status in 300u16..600, body in any::<Vec<u8>>()) {
        let text = String::from_utf8_lossy(&body);
        let api = ApiError::from_response(status, &text, None);
        prop_assert!(api.raw_body.len() <= 2048 + '…'.len_utf8());
        prop_assert!(api.message.len() <= 2048 + '…'.len_utf8());
        if let Some(reason) = api.reason() {
            let code = api.adobe_code.as_deref().unwrap_or_default();
            prop_assert!(code.starts_with("RST-") || code.starts_with("XTK-"));
            prop_assert!(!reason.is_empty());
        }
        let error = CampaignError::from_status(api, None);
        prop_assert_eq!(error.api_error().map(|a| a.status), Some(status));
        // A 5xx may hide a command that ran, unless Campaign said it was busy, refused it with
        // its reason, or knows no such tenant; nothing below 500 does.
        let surely_not_run = matches!(
            error,
            CampaignError::Busy { .. } | CampaignError::RefusedWithReason(_) | CampaignError::WrongTenantOrUri(_)
        );
        prop_assert_eq!(error.command_may_have_run(), (500..600).contains(&status) && !surely_not_run);
    }

    #[test]
    fn any_rst_text_keeps_its_code(code in 100_000u32..999_999, rest in "[ -~]{0,200}") {
        let api = ApiError::from_response(500, &format!("RST-{code} {rest}"), None);
        let expected = format!("RST-{code}");
        prop_assert_eq!(api.adobe_code.as_deref(), Some(expected.as_str()));
    }

    #[test]
    fn plain_http_is_accepted_only_for_loopback(raw in any::<String>()) {
        if let Ok(url) = BaseUrl::parse(&raw) {
            prop_assert!(url.to_string().starts_with("https://") || url.is_loopback(), "{}", raw);
        }
    }

    #[test]
    fn no_host_but_loopback_gets_plain_http(host in "[a-z][a-z0-9-]{0,20}(\\.[a-z]{2,6}){1,2}") {
        prop_assume!(host != "localhost");
        // An `xn--` label is punycode, and the generator's are not valid punycode: such a
        // host is refused as no host at all, before its scheme is looked at.
        prop_assume!(!host.starts_with("xn--"));
        prop_assert_eq!(
            BaseUrl::parse(&format!("http://{host}")).map(drop),
            Err(ConnectionError::InsecureUrl)
        );
        let https = format!("https://{host}");
        prop_assert!(BaseUrl::parse(&https).is_ok());
    }

    #[test]
    fn a_crafted_tokens_expiry_never_wraps_or_panics(
        created in any::<u64>(),
        lifetime in any::<u64>(),
        exp in any::<u64>(),
        as_text in any::<bool>(),
        use_exp in any::<bool>(),
    ) {
        let number = |n: u64| if as_text { serde_json::json!(n.to_string()) } else { serde_json::json!(n) };
        let claims = if use_exp {
            serde_json::json!({ "exp": number(exp) })
        } else {
            serde_json::json!({ "created_at": number(created), "expires_in": number(lifetime) })
        };
        let expected = if use_exp { exp.checked_mul(1000) } else { created.checked_add(lifetime) };
        match pasted_status(jwt(&claims)) {
            TokenStatus::Connected { expires_at_ms } => prop_assert_eq!(expires_at_ms, expected),
            TokenStatus::Expired => prop_assert!(expected.is_some()),
            TokenStatus::Missing => prop_assert!(false, "a pasted token is never missing"),
        }
    }

    #[test]
    fn any_pasted_text_is_a_token_a_header_carries_or_is_refused(raw in any::<String>()) {
        // The same rule as the parser's, stated independently: visible ASCII, bounded.
        let token = raw.trim();
        let token = token.strip_prefix("Bearer ").unwrap_or(token).trim();
        let sendable = !token.is_empty()
            && token.len() <= 8192
            && token.bytes().all(|b| (0x21..=0x7e).contains(&b));
        prop_assert_eq!(AccessToken::parse(&raw).is_ok(), sendable);
        // And any text at all, pasted or not, has a status without panicking.
        let _ = pasted_status(raw);
    }
}
