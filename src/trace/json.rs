//! The trace result as JSON for the CLI (`spoor trace --json`) and for saving a trace.

use serde_json::{json, Map, Value};

use super::{StopReason, TraceResult};
use crate::chain::Txid;

impl TraceResult {
    /// The result as a JSON object. Top-level keys: `direction`, `method`, `conserves`,
    /// `source_sats`, `fees_sats`, `unspent_sats`, `frontier_sats`, `below_minimum_sats`,
    /// `by_entity` (entity → sats), `entities` (with category and share), `shares_bp` (each
    /// bucket in basis points of the source), `traced_txs` (txids that received taint),
    /// `traced` (with hop and taint), `stops`, `errors`, `history_complete` and `requests`
    /// (as the caller counted them).
    #[must_use]
    pub fn to_json(&self, requests: usize) -> Value {
        let summary = &self.summary;
        let by_entity: Map<String, Value> = summary
            .by_entity
            .iter()
            .map(|(name, e)| (name.clone(), json!(e.sats.to_u64())))
            .collect();
        let entities: Vec<Value> = summary
            .by_entity
            .iter()
            .map(|(name, e)| {
                json!({
                    "entity": name,
                    "category": e.category.code(),
                    "sats": e.sats.to_u64(),
                    "share_bp": summary.share_bp(e.sats),
                })
            })
            .collect();
        let traced: Vec<Value> = self
            .traced_txs
            .iter()
            .map(|(txid, t)| {
                json!({
                    "txid": txid.as_str(),
                    "hop": t.hop,
                    "taint_in_sats": t.taint_in_sats.to_u64(),
                    "fee_taint_sats": t.fee_taint_sats.to_u64(),
                })
            })
            .collect();
        let stops: Vec<Value> = self
            .stops
            .iter()
            .map(|stop| {
                let mut object = json!({
                    "txid": stop.outpoint.txid.as_str(),
                    "vout": stop.outpoint.vout,
                    "reason": stop.reason.code(),
                    "taint_sats": stop.taint_sats.to_u64(),
                });
                if let (StopReason::Entity { entity, category }, Some(map)) = (&stop.reason, object.as_object_mut()) {
                    map.insert("entity".to_string(), json!(entity));
                    map.insert("category".to_string(), json!(category.code()));
                }
                object
            })
            .collect();
        let errors: Vec<Value> = self
            .errors
            .iter()
            .map(|f| json!({ "kind": f.kind, "txid": f.txid.as_str(), "message": f.error.to_string() }))
            .collect();
        json!({
            "direction": self.direction.code(),
            "method": self.method.code(),
            "conserves": summary.conserves,
            "source_sats": summary.source_sats.to_u64(),
            "fees_sats": summary.fees_sats.to_u64(),
            "unspent_sats": summary.unspent_sats.to_u64(),
            "frontier_sats": summary.frontier_sats.to_u64(),
            "below_minimum_sats": summary.below_minimum_sats.to_u64(),
            "by_entity": by_entity,
            "entities": entities,
            "shares_bp": {
                "fees": summary.share_bp(summary.fees_sats),
                "unspent": summary.share_bp(summary.unspent_sats),
                "entities": summary.share_bp(summary.entities_sats()),
                "frontier": summary.share_bp(summary.frontier_sats),
                "below_minimum": summary.share_bp(summary.below_minimum_sats),
            },
            "traced_txs": self.traced_txs.keys().map(Txid::as_str).collect::<Vec<_>>(),
            "traced": traced,
            "stops": stops,
            "errors": errors,
            "history_complete": self.history_complete,
            "requests": requests,
        })
    }
}
