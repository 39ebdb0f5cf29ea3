//! The card-list importer against any file a user might pick: it never panics, keeps its
//! bounds, and what Flowdeck exports it reads back unchanged.

use flowdeck_campaign::WorkflowId;
use flowdeck_store::{Card, CardListError, export_card_list, parse_card_list};
use proptest::prelude::*;

fn card() -> impl Strategy<Value = Card> {
    (
        "[A-Za-z0-9_][A-Za-z0-9_-]{0,20}",
        "\\PC{0,40}",
        prop::collection::vec("[^\\s]\\PC{0,10}", 0..4),
    )
        .prop_map(|(id, label, tags)| {
            let mut card = Card::new(WorkflowId::parse(&id).unwrap(), label);
            card.tags = flowdeck_store::clean_tags(tags);
            card
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_bytes_are_cards_or_a_reason(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        match parse_card_list(&bytes) {
            Ok(cards) => prop_assert!(cards.iter().all(|c| c.last_command.is_none())),
            Err(CardListError::Unreadable(_) | CardListError::Newer(_)) => {}
            Err(other) => prop_assert!(false, "{other:?} for {} bytes", bytes.len()),
        }
    }

    #[test]
    fn json_shaped_noise_is_cards_or_a_reason(
        version in any::<u32>(),
        ids in prop::collection::vec("\\PC{0,12}", 0..6),
        label in "\\PC{0,30}",
    ) {
        let cards: Vec<serde_json::Value> = ids
            .iter()
            .map(|id| serde_json::json!({ "workflowId": id, "label": label, "tags": [label] }))
            .collect();
        let text = serde_json::json!({ "flowdeckCards": version, "cards": cards }).to_string();
        match parse_card_list(text.as_bytes()) {
            Ok(parsed) => {
                prop_assert!(version <= 1);
                prop_assert_eq!(parsed.len(), ids.len());
            }
            Err(CardListError::Newer(found)) => prop_assert_eq!(found, version),
            Err(CardListError::Unreadable(_)) => {
                prop_assert!(ids.iter().any(|id| WorkflowId::parse(id).is_err()));
            }
            Err(other) => prop_assert!(false, "{other:?}"),
        }
    }

    #[test]
    fn an_exported_list_reads_back_as_it_was(cards in prop::collection::vec(card(), 0..30)) {
        let text = export_card_list(&cards);
        prop_assert_eq!(parse_card_list(text.as_bytes()), Ok(cards));
    }
}
