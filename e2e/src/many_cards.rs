//! Decks of hundreds of cards in the demo organisation, as a marketer with a large Campaign
//! instance has them: the workflows are created in the simulator, the cards through the app.

use serde_json::{Value, json};

use crate::App;

/// The ID of the `n`th of many cards.
pub fn many_card_id(n: usize) -> String {
    format!("WKF-MANY-{n:04}")
}

async fn demo_connection(app: &App) -> String {
    let connections = app.invoke("list_connections", json!({})).await.unwrap();
    connections["connections"]
        .as_array()
        .and_then(|all| all.iter().find(|p| p["isDemo"] == true))
        .and_then(|demo| demo["id"].as_str())
        .expect("the demo organisation")
        .to_owned()
}

impl App {
    /// Creates the workflows numbered `numbers` in the demo Campaign, each in Editing, and a
    /// card "Workflow n" for each; their IDs, in the order added.
    pub async fn add_many_cards(&self, numbers: std::ops::RangeInclusive<usize>) -> Vec<String> {
        let cards: Vec<(String, String)> = numbers
            .map(|n| (many_card_id(n), format!("Workflow {n}")))
            .collect();
        let workflows: Vec<Value> = cards
            .iter()
            .map(|(id, label)| json!({ "id": id, "label": label, "status": "editing" }))
            .collect();
        self.simulator.add_workflows(Value::Array(workflows)).await;
        let connection = demo_connection(self).await;
        for (id, label) in &cards {
            let args = json!({ "connectionId": connection, "workflowId": id, "label": label });
            self.invoke("add_card", args).await.expect("card added");
        }
        cards.into_iter().map(|(id, _)| id).collect()
    }
}
