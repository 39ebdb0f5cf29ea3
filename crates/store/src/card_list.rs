//! The card list a user shares with a team: workflow IDs, labels and tags in a JSON file.
//! No history, no connection, no secret.

use serde::{Deserialize, Serialize};

use crate::card::{Card, clean_tags};

/// The version of the shared file; a newer one is refused, not half-read.
const CARD_LIST_VERSION: u32 = 1;
/// A list of 5,000 cards is about 400 KiB; anything far larger is not a card list.
pub const MAX_CARD_LIST_BYTES: usize = 1024 * 1024;
/// More cards than one deck can usefully show.
pub const MAX_CARDS_IN_LIST: usize = 5000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardListError {
    #[error("this is not a Flowdeck card list: {0}")]
    Unreadable(String),
    #[error("this card list was written by a newer Flowdeck (version {0})")]
    Newer(u32),
    #[error("this file is larger than a card list can be ({MAX_CARD_LIST_BYTES} bytes)")]
    TooLarge,
    #[error("this card list has {0} cards; at most {MAX_CARDS_IN_LIST} can be imported")]
    TooManyCards(usize),
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
pub fn parse_card_list(bytes: &[u8]) -> Result<Vec<Card>, CardListError> {
    if bytes.len() > MAX_CARD_LIST_BYTES {
        return Err(CardListError::TooLarge);
    }
    let list: CardList<Card> =
        serde_json::from_slice(bytes).map_err(|e| CardListError::Unreadable(e.to_string()))?;
    if list.flowdeck_cards > CARD_LIST_VERSION {
        return Err(CardListError::Newer(list.flowdeck_cards));
    }
    if list.cards.len() > MAX_CARDS_IN_LIST {
        return Err(CardListError::TooManyCards(list.cards.len()));
    }
    Ok(list
        .cards
        .into_iter()
        .map(|card| Card {
            tags: clean_tags(card.tags),
            last_command: None,
            timeline: Vec::new(),
            // Watching is one person's choice, not part of a shared list.
            watched: false,
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
        let parsed = parse_card_list(text.as_bytes()).unwrap();
        card.last_command = None;
        assert_eq!(parsed, [card]);
    }

    #[test]
    fn refuses_what_it_cannot_read_whole() {
        assert!(matches!(
            parse_card_list(b"[]"),
            Err(CardListError::Unreadable(_))
        ));
        assert_eq!(
            parse_card_list(br#"{"flowdeckCards":2,"cards":[]}"#),
            Err(CardListError::Newer(2))
        );
        let tags = parse_card_list(
            br#"{"flowdeckCards":1,"cards":[{"workflowId":"W1","label":"x","tags":[" a ","A",""]}]}"#,
        )
        .unwrap();
        assert_eq!(tags[0].tags, ["a"]);
    }

    #[test]
    fn refuses_a_file_or_a_list_beyond_its_bounds() {
        let huge = vec![b' '; MAX_CARD_LIST_BYTES + 1];
        assert_eq!(parse_card_list(&huge), Err(CardListError::TooLarge));
        let cards: Vec<Card> = (0..=MAX_CARDS_IN_LIST)
            .map(|n| Card::new(WorkflowId::parse(&format!("W{n}")).unwrap(), "x"))
            .collect();
        let text = export_card_list(&cards);
        assert!(text.len() < MAX_CARD_LIST_BYTES);
        assert_eq!(
            parse_card_list(text.as_bytes()),
            Err(CardListError::TooManyCards(MAX_CARDS_IN_LIST + 1))
        );
        assert!(matches!(
            parse_card_list(&text.as_bytes()[..text.len() / 2]),
            Err(CardListError::Unreadable(_))
        ));
    }
}
