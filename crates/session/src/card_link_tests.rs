//! Links to a card: made from the connection's tenant and address, followed to the card on the
//! same Campaign instance (never its twin on another tenant), refused plainly, sending nothing.

use campaign_simulator::{Switches, demo};
use flowdeck_store::ConnectionKind;

use super::*;
use crate::test_support::{connect_tenant, fresh_connections, two_tenants};

#[test]
fn a_link_names_tenant_address_and_workflow_and_reads_back_the_same() {
    let link = CardLink {
        tenant: Tenant::parse("acme-mkt-stage1").unwrap(),
        campaign: Some(BaseUrl::parse("https://campaign.example.com/gw").unwrap()),
        workflow_id: WorkflowId::parse("WKF-NEWSLETTER").unwrap(),
    };
    let text = link.to_link();
    assert_eq!(
        text,
        "flowdeck://card?tenant=acme-mkt-stage1&campaign=https%3A%2F%2Fcampaign.example.com%2Fgw&workflow=WKF-NEWSLETTER"
    );
    assert_eq!(CardLink::parse(&text), Ok(link));
}

#[test]
fn anything_but_a_plain_card_link_is_refused() {
    let long = format!(
        "flowdeck://card?tenant=acme&workflow=WKF1&x={}",
        "a".repeat(3000)
    );
    for link in [
        "https://card?tenant=acme&workflow=WKF1",
        "flowdeck://send?tenant=acme&workflow=WKF1",
        "flowdeck://card/start?tenant=acme&workflow=WKF1",
        "flowdeck://card?tenant=acme",
        "flowdeck://card?workflow=WKF1",
        "flowdeck://card?tenant=acme&workflow=WKF1&command=start",
        "flowdeck://card?tenant=acme&tenant=other&workflow=WKF1",
        "flowdeck://card?tenant=ac%20me&workflow=WKF1",
        "flowdeck://card?tenant=acme&workflow=WKF%0A1",
        "flowdeck://card?tenant=acme&campaign=http%3A%2F%2Fevil.example&workflow=WKF1",
        "flowdeck://card?tenant=acme&workflow=WKF1#start",
        "flowdeck://user@card?tenant=acme&workflow=WKF1",
        long.as_str(),
    ] {
        assert_eq!(
            CardLink::parse(link),
            Err(LinkError::NotACardLink),
            "{link}"
        );
    }
}

#[tokio::test]
async fn a_link_opens_its_card_on_its_own_tenant_and_sends_nothing() {
    // Production and Stage on one host, as at Adobe: the same workflow IDs, another tenant.
    let simulator = two_tenants(
        "acme-prod",
        "acme-stage",
        demo::workflows(),
        Switches::default(),
    )
    .await;
    let (connections, _folder) = fresh_connections().await;
    let mut ids = Vec::new();
    for (name, tenant, kind) in [
        ("Acme Production", "acme-prod", ConnectionKind::Production),
        ("Acme Stage", "acme-stage", ConnectionKind::Stage),
    ] {
        let deck = connect_tenant(
            &connections,
            &simulator,
            name,
            tenant,
            kind,
            &["WKF-NEWSLETTER"],
        )
        .await;
        ids.push(deck.organisation().connection_id.clone());
    }
    let production = connections.deck(&ids[0]).await.unwrap();
    production.add("WKF-WELCOME", "").await.unwrap();
    let requests_before = simulator.requests().len();

    let stage_link = connections
        .card_link(&ids[1], "WKF-NEWSLETTER")
        .await
        .unwrap();
    assert_eq!(
        stage_link, "flowdeck://card?tenant=acme-stage&workflow=WKF-NEWSLETTER",
        "this computer's Campaign is named by tenant alone"
    );
    assert_eq!(
        connections.follow_link(&stage_link).await,
        Ok(CardRef {
            connection_id: ids[1].clone(),
            workflow_id: "WKF-NEWSLETTER".into(),
        })
    );
    let production_link = connections
        .card_link(&ids[0], "WKF-NEWSLETTER")
        .await
        .unwrap();
    assert_eq!(
        connections
            .follow_link(&production_link)
            .await
            .unwrap()
            .connection_id,
        ids[0]
    );

    // A card Stage does not have is not looked for on Production, which has it.
    assert_eq!(
        connections
            .follow_link("flowdeck://card?tenant=acme-stage&workflow=WKF-WELCOME")
            .await,
        Err(LinkError::CardUnknown {
            workflow_id: "WKF-WELCOME".into(),
            connection: "Acme Stage".into(),
        })
    );
    // The same tenant at another Campaign address is another instance.
    assert_eq!(
        connections
            .follow_link("flowdeck://card?tenant=acme-stage&campaign=https%3A%2F%2Fcampaign.example.com&workflow=WKF-NEWSLETTER")
            .await,
        Err(LinkError::ConnectionUnknown {
            tenant: "acme-stage".into()
        })
    );
    assert!(matches!(
        connections.card_link(&ids[1], "WKF-WELCOME").await,
        Err(SessionError::NotACard { .. })
    ));
    assert_eq!(
        simulator.requests().len(),
        requests_before,
        "making and following links sends nothing"
    );
}
