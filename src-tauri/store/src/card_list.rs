//! The card list a user shares with a team: workflow IDs, labels and tags in a JSON file.
//! No history, no connection, no secret.

use serde::{Deserialize, Serialize};

use crate::card::{Card, clean_tags};

/// The version of the shared file; a newer one is refused, not half-read.
const CARD_LIST_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardListError {
    #[error("this is not a Flowdeck card list: {0}")]
    Unreadable(String),
    #[error("this card list was written by a newer Flowdeck (version {0})")]
    Newer(u32),
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CardList<C> {
    flowdeck_cards: u32,
    cards: Vec<C>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SharedCard<'a> {
    workflow_id: &'a str,
    label: &'a str,
    tags: &'a [String],
}

pub fn export_card_list(cards: &[Card]) -> String {
    let list = CardList {
        flowdeck_cards: CARD_LIST_VERSION,
        cards: cards
            .iter()
            .map(|card| SharedCard {
                workflow_id: card.workflow_id.as_str(),
                label: &card.label,
                tags: &card.tags,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&list).expect("cards always serialise")
}

/// The cards of a shared list, with clean tags and without any history they may carry.
pub fn parse_card_list(text: &str) -> Result<Vec<Card>, CardListError> {
    let list: CardList<Card> =
        serde_json::from_str(text).map_err(|e| CardListError::Unreadable(e.to_string()))?;
    if list.flowdeck_cards > CARD_LIST_VERSION {
        return Err(CardListError::Newer(list.flowdeck_cards));
    }
    Ok(list
        .cards
        .into_iter()
        .map(|card| Card {
            tags: clean_tags(card.tags),
            last_command: None,
            ..card
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use flowdeck_campaign::{WorkflowCommand, WorkflowId};

    use super::*;
    use crate::card::LastCommand;

    #[test]
    fn a_list_round_trips_without_history() {
        let mut card = Card::new(WorkflowId::parse("WKF1").unwrap(), "Newsletter");
        card.tags = vec!["Q1".into()];
        card.last_command = Some(LastCommand {
            command: WorkflowCommand::Start,
            accepted_at_ms: 1,
        });
        let text = export_card_list(std::slice::from_ref(&card));
        assert!(!text.contains("lastCommand"));
        let parsed = parse_card_list(&text).unwrap();
        card.last_command = None;
        assert_eq!(parsed, [card]);
    }

    #[test]
    fn refuses_what_it_cannot_read_whole() {
        assert!(matches!(
            parse_card_list("[]"),
            Err(CardListError::Unreadable(_))
        ));
        assert_eq!(
            parse_card_list(r#"{"flowdeckCards":2,"cards":[]}"#),
            Err(CardListError::Newer(2))
        );
        let tags = parse_card_list(
            r#"{"flowdeckCards":1,"cards":[{"workflowId":"W1","label":"x","tags":[" a ","A",""]}]}"#,
        )
        .unwrap();
        assert_eq!(tags[0].tags, ["a"]);
    }
}
