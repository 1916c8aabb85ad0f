#![cfg(not(target_arch = "wasm32"))]
//! Exports: transfers CSV, GraphML, GEXF and SVG parse back, carry their source and never break.

#[path = "flow/support.rs"]
mod support;

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use spoor::camera::Camera;
use spoor::chain::{Chain, Sats, Tx, TxInput, TxOutput, TxStatus};
use spoor::export::{gexf, graphml, svg, transfers_csv, ExportMeta, SPOOR_VERSION};
use spoor::flow::{FlowGraph, NodeId, NodeKey};
use spoor::hubs::Folds;
use spoor::labels::{Category, Label, LabelBook};
use spoor::layout::{ForceLayout, LayoutParams, Vec2};
use spoor::marks::GraphMarks;
use spoor::scene::{
    self, AxisDraw, Detail, DrawList, EdgeColour, EdgeDraw, FoldDraw, FrameInput, LabelDraw, NodeDraw, NodePositions,
    NodeRole, PeelDraw, SceneInput,
};
use spoor::trace::{Direction, Outpoint, TaintMethod, TraceResult, TraceSummary};
use support::{coinbase_input, confirmed, input, op_return, output, payment, tx, txid};

const THIEF: &str = "1FmwHh6pgkf4meCMoqo8fHH3GNRF571f9w";
const EXCHANGE: &str = "1NDyJtNTjmwk5xPNhjgAMu4HDHigtobu1s";

fn meta() -> ExportMeta {
    ExportMeta {
        api_base_url: "https://mempool.space/api".into(),
        pinned_height: Some(541_379),
        method: Some(TaintMethod::Haircut),
        target: format!("btc/address/{THIEF}"),
        spoor_version: SPOOR_VERSION.into(),
        title: "Zaif hack, 14 Sep 2018".into(),
        generated_at_secs: Some(1_700_000_000),
    }
}

/// A split with change, an OP_RETURN output and two inputs from one address, an unconfirmed
/// payment and a coinbase: 3 txs, 8 outputs.
fn sample_txs() -> Vec<Tx> {
    let split = tx(
        txid(7),
        vec![
            input(THIEF, 60_000_000),
            input(THIEF, 40_000_000),
            input("victim", 1_000),
        ],
        vec![output(EXCHANGE, 25_000_000), output("change", 74_990_000), op_return(0)],
        11_000,
        confirmed(541_000),
    );
    let mut unconfirmed = payment(3, "change", "mule", 74_000_000);
    unconfirmed.status = TxStatus::Unconfirmed;
    let coinbase = tx(
        txid(1),
        vec![coinbase_input()],
        vec![
            output(THIEF, 625_000_000),
            op_return(0),
            output("miner", 1),
            output("miner", 2),
        ],
        0,
        confirmed(540_000),
    );
    vec![split, unconfirmed, coinbase]
}

fn graph_of(txs: &[Tx]) -> FlowGraph {
    let mut graph = FlowGraph::new();
    for t in txs {
        graph.add_tx(t);
    }
    graph
}

fn trace_with(taint: &[(u64, u32, u64)]) -> TraceResult {
    TraceResult {
        direction: Direction::Forward,
        method: TaintMethod::Haircut,
        summary: TraceSummary::default(),
        taint_by_outpoint: taint
            .iter()
            .map(|&(n, vout, sats)| (Outpoint::new(txid(n), vout), Sats(sats)))
            .collect(),
        intervals_by_outpoint: BTreeMap::new(),
        traced_txs: BTreeMap::new(),
        stops: Vec::new(),
        errors: Vec::new(),
        history_complete: true,
    }
}

fn labelled(address: &str, entity: &str) -> LabelBook {
    let mut labels = LabelBook::new();
    labels.insert(
        Chain::Btc,
        address,
        Label {
            entity: entity.into(),
            category: Category::Exchange,
            source_url: "https://example.org".into(),
            dataset: "test".into(),
        },
    );
    labels
}

/// Every node at a spot derived from its id, except every third, which is not placed yet.
#[derive(Debug)]
struct Spots;

impl NodePositions for Spots {
    fn position(&self, id: NodeId) -> Option<Vec2> {
        (id.0 % 3 != 2).then(|| Vec2::new(f64::from(id.0) * 10.0, 2.5 + f64::from(id.0)))
    }
}

/// A minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match (quoted, ch) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "rows end with CRLF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && row.is_empty() && !quoted,
        "the last row ends with CRLF"
    );
    rows
}

fn records(text: &str) -> Vec<BTreeMap<String, String>> {
    let rows = parse_csv(text);
    let header = rows[0].clone();
    rows[1..]
        .iter()
        .map(|row| {
            assert_eq!(row.len(), header.len());
            header.iter().cloned().zip(row.iter().cloned()).collect()
        })
        .collect()
}

#[test]
fn csv_has_one_row_per_output_sorted_with_amounts_adding_up() {
    let txs = sample_txs();
    let graph = graph_of(&txs);
    let csv = transfers_csv(&graph, None, &meta());
    assert!(csv.starts_with(concat!(
        "txid,time_utc,block_height,from,to,amount_sats,amount_btc,",
        "taint_sats,taint_share,data_source,pinned_height,method\r\n"
    )));
    let rows = records(&csv);
    assert_eq!(rows.len(), txs.iter().map(|t| t.outputs.len()).sum::<usize>());
    let total: u64 = rows.iter().map(|r| r["amount_sats"].parse::<u64>().unwrap()).sum();
    assert_eq!(total, txs.iter().map(|t| t.output_total().to_u64()).sum::<u64>());

    let keys: Vec<(String, String)> = rows.iter().map(|r| (r["txid"].clone(), r["to"].clone())).collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(keys, sorted, "rows come sorted by txid (then vout)");

    let split: Vec<_> = rows.iter().filter(|r| r["txid"] == txid(7).as_str()).collect();
    assert_eq!(split.len(), 3);
    assert_eq!(
        split[0]["from"],
        format!("{THIEF};victim"),
        "inputs deduplicated and sorted"
    );
    assert_eq!(split[0]["to"], EXCHANGE);
    assert_eq!(split[0]["amount_btc"], "0.25000000");
    assert_eq!(split[0]["block_height"], "541000");
    assert_eq!(split[0]["time_utc"], "2023-11-21T04:30:00Z");
    assert_eq!(split[2]["to"], "", "an OP_RETURN output has no address");
    let unconfirmed = rows.iter().find(|r| r["txid"] == txid(3).as_str()).unwrap();
    assert_eq!(
        (unconfirmed["block_height"].as_str(), unconfirmed["time_utc"].as_str()),
        ("", "")
    );
    let coinbase = rows.iter().find(|r| r["txid"] == txid(1).as_str()).unwrap();
    assert_eq!(coinbase["from"], "");

    for row in &rows {
        assert_eq!(row["data_source"], "https://mempool.space/api");
        assert_eq!(row["pinned_height"], "541379");
        assert_eq!(row["method"], "haircut");
        assert_eq!((row["taint_sats"].as_str(), row["taint_share"].as_str()), ("", ""));
    }
}

#[test]
fn csv_taint_columns_come_from_the_trace_as_integer_shares() {
    let graph = graph_of(&sample_txs());
    let trace = trace_with(&[(7, 0, 6_250_000), (7, 1, 74_990_000)]);
    let rows = records(&transfers_csv(&graph, Some(&trace), &meta()));
    let split: Vec<_> = rows.iter().filter(|r| r["txid"] == txid(7).as_str()).collect();
    assert_eq!(
        (split[0]["taint_sats"].as_str(), split[0]["taint_share"].as_str()),
        ("6250000", "0.2500")
    );
    assert_eq!(
        (split[1]["taint_sats"].as_str(), split[1]["taint_share"].as_str()),
        ("74990000", "1.0000")
    );
    assert_eq!(
        (split[2]["taint_sats"].as_str(), split[2]["taint_share"].as_str()),
        ("0", "0.0000")
    );
    let tainted: u64 = rows.iter().map(|r| r["taint_sats"].parse::<u64>().unwrap()).sum();
    assert_eq!(tainted, 6_250_000 + 74_990_000);
}

#[test]
fn csv_quotes_fields_with_commas_quotes_and_line_breaks() {
    let graph = graph_of(&[payment(2, THIEF, EXCHANGE, 1_000)]);
    let tricky = ExportMeta {
        api_base_url: "https://x.example/api?a=1,b=\"2\"\nnext".into(),
        pinned_height: None,
        method: None,
        ..meta()
    };
    let csv = transfers_csv(&graph, None, &tricky);
    assert!(csv.contains("\"https://x.example/api?a=1,b=\"\"2\"\"\nnext\""));
    let rows = records(&csv);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["data_source"], tricky.api_base_url);
    assert_eq!(
        (rows[0]["pinned_height"].as_str(), rows[0]["method"].as_str()),
        ("", "")
    );
}

#[test]
fn source_note_names_source_height_and_method() {
    assert_eq!(
        meta().source_note(),
        "Data: https://mempool.space/api, pinned at block 541,379 · method: haircut"
    );
}

fn children<'a, 'input>(node: roxmltree::Node<'a, 'input>, name: &str) -> Vec<roxmltree::Node<'a, 'input>> {
    node.descendants().filter(|n| n.has_tag_name(name)).collect()
}

/// GraphML `<data>` of an element, by the key's `attr.name`.
fn graphml_data(doc: &roxmltree::Document<'_>, element: roxmltree::Node<'_, '_>) -> BTreeMap<String, String> {
    let names: BTreeMap<&str, &str> = children(doc.root(), "key")
        .iter()
        .map(|k| (k.attribute("id").unwrap(), k.attribute("attr.name").unwrap()))
        .collect();
    element
        .children()
        .filter(|n| n.has_tag_name("data"))
        .map(|d| {
            (
                names[d.attribute("key").unwrap()].to_string(),
                d.text().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn graphml_parses_with_the_graphs_nodes_edges_and_exact_values() {
    let graph = graph_of(&sample_txs());
    let trace = trace_with(&[(7, 0, 6_250_000)]);
    let labels = labelled(EXCHANGE, "Binance");
    let xml = graphml(&graph, Some(&trace), &labels, Some(&Spots), &meta());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://graphml.graphdrawing.org/xmlns")
    );
    let graph_element = children(root, "graph")[0];
    assert_eq!(graph_element.attribute("edgedefault"), Some("directed"));

    let graph_data = graphml_data(&doc, graph_element);
    assert_eq!(graph_data["data_source"], "https://mempool.space/api");
    assert_eq!(graph_data["pinned_height"], "541379");
    assert_eq!(graph_data["method"], "haircut");
    assert_eq!(graph_data["target"], format!("btc/address/{THIEF}"));
    assert_eq!(graph_data["spoor_version"], SPOOR_VERSION);
    for key in children(root, "key") {
        assert!(key.attribute("attr.name").is_some() && key.attribute("attr.type").is_some());
    }

    let nodes = children(root, "node");
    let edges = children(root, "edge");
    assert_eq!((nodes.len(), edges.len()), (graph.node_count(), graph.edge_count()));
    let ids: Vec<&str> = nodes.iter().map(|n| n.attribute("id").unwrap()).collect();
    assert!(ids.contains(&format!("tx:{}", txid(7)).as_str()));
    let exchange = nodes
        .iter()
        .find(|n| n.attribute("id") == Some(format!("addr:{EXCHANGE}").as_str()))
        .unwrap();
    let data = graphml_data(&doc, *exchange);
    assert_eq!(data["kind"], "address");
    assert_eq!(
        (data["label"].as_str(), data["entity"].as_str()),
        ("Binance", "Binance")
    );
    assert_eq!(data["category"], "exchange");
    assert_eq!(data["taint_sats"], "6250000");

    let values: u64 = edges
        .iter()
        .map(|e| graphml_data(&doc, *e)["value_sats"].parse::<u64>().unwrap())
        .sum();
    assert_eq!(
        values,
        graph.edges().map(|(_, _, e)| e.value_sats.to_u64()).sum::<u64>()
    );
    let into_exchange = edges
        .iter()
        .find(|e| e.attribute("target") == Some(format!("addr:{EXCHANGE}").as_str()))
        .unwrap();
    let data = graphml_data(&doc, *into_exchange);
    assert_eq!(data["kind"], "output");
    assert_eq!(
        (data["value_sats"].as_str(), data["value_btc"].as_str()),
        ("25000000", "0.25000000")
    );
    assert_eq!(data["taint_sats"], "6250000");
    let placed = nodes
        .iter()
        .filter(|n| graphml_data(&doc, **n).contains_key("x"))
        .count();
    assert_eq!(
        placed,
        graph.nodes().filter(|(id, _)| Spots.position(*id).is_some()).count()
    );
}

#[test]
fn labels_with_markup_and_control_characters_are_escaped() {
    let graph = graph_of(&[payment(2, THIEF, EXCHANGE, 1_000)]);
    let entity = "Ex<change> & \"Co\" 'x'\u{1}";
    let labels = labelled(EXCHANGE, entity);
    let tricky = ExportMeta {
        title: "<script>alert(1)</script>".into(),
        ..meta()
    };
    for xml in [
        graphml(&graph, None, &labels, None, &tricky),
        gexf(&graph, None, &labels, None, &tricky),
    ] {
        assert!(!xml.contains("<script>") && !xml.contains("<change>"));
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let texts: Vec<String> = doc
            .descendants()
            .flat_map(|n| {
                let mut values: Vec<String> = n.attributes().map(|a| a.value().to_string()).collect();
                values.extend(n.text().map(str::to_string));
                values
            })
            .collect();
        assert!(
            texts.iter().any(|t| t == "Ex<change> & \"Co\" 'x'\u{fffd}"),
            "{texts:?}"
        );
    }
}

#[test]
fn gexf_is_version_1_3_with_meta_typed_attributes_weights_and_positions() {
    let graph = graph_of(&sample_txs());
    let trace = trace_with(&[(7, 0, 6_250_000)]);
    let xml = gexf(
        &graph,
        Some(&trace),
        &labelled(EXCHANGE, "Binance"),
        Some(&Spots),
        &meta(),
    );
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some("http://gexf.net/1.3"));
    assert_eq!(root.attribute("version"), Some("1.3"));
    let meta_element = children(root, "meta")[0];
    assert_eq!(meta_element.attribute("lastmodifieddate"), Some("2023-11-14"));
    assert_eq!(
        children(meta_element, "creator")[0].text(),
        Some(format!("Spoor {SPOOR_VERSION}").as_str())
    );
    let description = children(meta_element, "description")[0].text().unwrap();
    assert!(description.contains(&meta().source_note()) && description.contains(&meta().target));
    let classes: Vec<&str> = children(root, "attributes")
        .iter()
        .map(|a| a.attribute("class").unwrap())
        .collect();
    assert_eq!(classes, ["node", "edge"]);

    let nodes = children(root, "node");
    let edges = children(root, "edge");
    assert_eq!((nodes.len(), edges.len()), (graph.node_count(), graph.edge_count()));
    let value_of = |element: roxmltree::Node<'_, '_>, id: &str| {
        children(element, "attvalue")
            .iter()
            .find(|v| v.attribute("for") == Some(id))
            .and_then(|v| v.attribute("value"))
            .map(str::to_string)
    };
    let values: u64 = edges
        .iter()
        .map(|e| value_of(*e, "value_sats").unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(
        values,
        graph.edges().map(|(_, _, e)| e.value_sats.to_u64()).sum::<u64>()
    );
    let into_exchange = edges
        .iter()
        .find(|e| e.attribute("target") == Some(format!("addr:{EXCHANGE}").as_str()))
        .unwrap();
    assert_eq!(into_exchange.attribute("weight"), Some("0.25000000"));
    assert_eq!(value_of(*into_exchange, "taint_sats").as_deref(), Some("6250000"));

    let viz = "http://gexf.net/1.3/viz";
    for (id, _) in graph.nodes() {
        let key = match graph.key_of(id).unwrap() {
            NodeKey::Tx(t) => format!("tx:{t}"),
            NodeKey::Address(a) => format!("addr:{a}"),
            other => panic!("a transaction graph has no {other:?}"),
        };
        let node = nodes.iter().find(|n| n.attribute("id") == Some(key.as_str())).unwrap();
        let position = node.children().find(|c| c.has_tag_name((viz, "position")));
        match Spots.position(id) {
            Some(p) => {
                let position = position.unwrap();
                let x: f64 = position.attribute("x").unwrap().parse().unwrap();
                let y: f64 = position.attribute("y").unwrap().parse().unwrap();
                assert_eq!((x, y), (p.x, -p.y), "Gephi's y axis points up");
            }
            None => assert!(position.is_none()),
        }
    }
}

#[test]
fn exports_do_not_depend_on_the_order_txs_arrived_in() {
    let txs = sample_txs();
    let mut reversed = txs.clone();
    reversed.reverse();
    let (a, b) = (graph_of(&txs), graph_of(&reversed));
    let trace = trace_with(&[(7, 0, 6_250_000), (1, 0, 5)]);
    let labels = labelled(EXCHANGE, "Binance");
    assert_eq!(
        transfers_csv(&a, Some(&trace), &meta()),
        transfers_csv(&b, Some(&trace), &meta())
    );
    assert_eq!(
        graphml(&a, Some(&trace), &labels, None, &meta()),
        graphml(&b, Some(&trace), &labels, None, &meta())
    );
    assert_eq!(
        gexf(&a, Some(&trace), &labels, None, &meta()),
        gexf(&b, Some(&trace), &labels, None, &meta())
    );
}

fn node_draw(id: u32, role: NodeRole, center: (f64, f64)) -> NodeDraw {
    NodeDraw {
        id: NodeId(id),
        center_px: Vec2::new(center.0, center.1),
        radius_px: 6.0,
        role,
        focus: false,
        selected: false,
        hovered: false,
        entity: None,
        coinjoin: false,
        dot: false,
    }
}

fn edge_draw(colour: EdgeColour, change: bool) -> EdgeDraw {
    EdgeDraw {
        from_px: Vec2::new(10.0, 10.0),
        to_px: Vec2::new(200.0, 120.0),
        width_px: 2.0,
        kind: spoor::flow::EdgeKind::Output,
        highlighted: false,
        taint_share: None,
        change,
        colour,
    }
}

/// One of everything the canvas draws.
fn every_primitive() -> DrawList {
    let mut focus = node_draw(0, NodeRole::Tx, (100.0, 100.0));
    focus.focus = true;
    focus.coinjoin = true;
    focus.selected = true;
    let mut exchange = node_draw(1, NodeRole::AddressLoaded, (200.0, 120.0));
    exchange.entity = Some(Category::Exchange);
    exchange.hovered = true;
    let mut dot = node_draw(2, NodeRole::Address, (300.0, 50.0));
    dot.dot = true;
    dot.radius_px = 2.0;
    DrawList {
        detail: Detail::Full,
        axis: vec![AxisDraw {
            x_px: 50.2,
            label: "block 541,000".into(),
        }],
        folds: vec![FoldDraw {
            hub: NodeId(1),
            outward: true,
            hub_px: Vec2::new(200.0, 120.0),
            center_px: Vec2::new(260.0, 140.0),
            label: "+4,988 more".into(),
        }],
        marquee: Some((Vec2::new(0.0, 0.0), Vec2::new(5.0, 5.0))),
        edges: vec![
            edge_draw(EdgeColour::Input, false),
            edge_draw(EdgeColour::Output, true),
            edge_draw(EdgeColour::Taint(10), false),
        ],
        peels: vec![PeelDraw {
            from_px: Vec2::new(100.0, 100.0),
            to_px: Vec2::new(300.0, 300.0),
            label: "peel chain: 9 steps, 3.2 BTC paid out".into(),
        }],
        nodes: vec![focus, exchange, dot, node_draw(3, NodeRole::TxWarning, (50.0, 300.0))],
        labels: vec![LabelDraw {
            pos_px: Vec2::new(210.0, 118.0),
            text: "Bit<Ex> & \"Co\"".into(),
            strong: true,
        }],
    }
}

#[test]
fn svg_draws_every_primitive_with_the_canvas_colours_and_the_source_note() {
    let list = every_primitive();
    let picture = svg(&list, Vec2::new(800.0, 600.0), &meta());
    let doc = roxmltree::Document::parse(&picture).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
    assert_eq!(
        (root.attribute("width"), root.attribute("height")),
        (Some("800"), Some("624"))
    );
    assert_eq!(children(root, "title")[0].text(), Some(meta().title.as_str()));
    assert!(children(root, "desc")[0]
        .text()
        .unwrap()
        .contains(&meta().source_note()));
    let note = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("source-note"))
        .unwrap();
    assert!(note.text().unwrap().contains(&meta().source_note()));

    let nodes: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("node"))
        .collect();
    assert_eq!(nodes.len(), list.nodes.len());
    assert_eq!(nodes[0].tag_name().name(), "rect", "transactions are squares");
    assert_eq!(
        nodes[0].attribute("fill"),
        Some("#d55e00"),
        "the focus in the accent colour"
    );
    assert_eq!(nodes[1].tag_name().name(), "circle", "addresses are circles");
    assert_eq!(nodes[1].attribute("fill"), Some("#0072b2"));
    assert_eq!(nodes[2].tag_name().name(), "rect", "far-detail dots are squares");
    assert_eq!(nodes[3].attribute("fill"), Some("#f0e442"));
    for class in ["coinjoin", "entity", "selected", "hovered"] {
        assert_eq!(
            doc.descendants()
                .filter(|n| n.attribute("class") == Some(class))
                .count(),
            1,
            "{class}"
        );
    }
    let dashes: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("stroke-dasharray"))
        .collect();
    assert!(dashes.contains(&"6 4") && dashes.contains(&"10 6") && dashes.contains(&"4 3"));
    let edge_paths = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("edges"))
        .unwrap()
        .children()
        .filter(|n| n.is_element())
        .count();
    assert_eq!(edge_paths, 3, "one path per edge style");
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    for expected in [
        "block 541,000",
        "+4,988 more",
        "peel chain: 9 steps, 3.2 BTC paid out",
        "Bit<Ex> & \"Co\"",
    ] {
        assert!(texts.contains(&expected), "{expected}");
    }
}

#[test]
fn svg_of_a_real_frame_has_one_node_element_per_drawn_node() {
    let graph = graph_of(&sample_txs());
    let mut layout = ForceLayout::new(LayoutParams::default(), 1);
    layout.sync(&graph);
    for _ in 0..100 {
        layout.tick(&graph);
    }
    let mut camera = Camera::new(Vec2::new(640.0, 480.0));
    let (min, max) = layout.bounds().unwrap();
    camera.fit(min, max, 30.0);
    let list = scene::build(SceneInput {
        frame: FrameInput::new(&graph, &layout, &camera),
        labels: &labelled(EXCHANGE, "Binance"),
        taint: None,
        marks: &GraphMarks::default(),
        expanded_peels: &BTreeSet::new(),
        folds: &Folds::default(),
    });
    assert_eq!(list.nodes.len(), graph.node_count());
    let picture = svg(&list, Vec2::new(640.0, 480.0), &meta());
    let doc = roxmltree::Document::parse(&picture).unwrap();
    let drawn = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("node"))
        .count();
    assert_eq!(drawn, list.nodes.len());
    assert!(picture.contains("Binance"));
}

/// Strings that try to break CSV and XML: markup, quotes, separators, control characters.
fn nasty_text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z0-9]{1,12}", "[<>&\"',;=\\x00-\\x1fa-z]{0,12}", any::<String>(),]
}

#[derive(Debug, Clone)]
struct RandomTx {
    inputs: Vec<(usize, u64)>,
    outputs: Vec<(Option<usize>, u64)>,
    coinbase: bool,
    height: Option<u32>,
}

fn random_tx() -> impl Strategy<Value = RandomTx> {
    (
        prop::collection::vec((0..6_usize, any::<u64>()), 0..4),
        prop::collection::vec((prop::option::of(0..6_usize), any::<u64>()), 0..5),
        any::<bool>(),
        prop::option::of(any::<u32>()),
    )
        .prop_map(|(inputs, outputs, coinbase, height)| RandomTx {
            inputs,
            outputs,
            coinbase,
            height,
        })
}

fn build_tx(n: u64, spec: &RandomTx, addresses: &[String]) -> Tx {
    let mut inputs: Vec<TxInput> = spec
        .inputs
        .iter()
        .map(|(a, v)| input(&addresses[*a % addresses.len()], *v))
        .collect();
    if spec.coinbase {
        inputs.push(coinbase_input());
    }
    let outputs: Vec<TxOutput> = spec
        .outputs
        .iter()
        .map(|(a, v)| match a {
            Some(a) => output(&addresses[*a % addresses.len()], *v),
            None => op_return(*v),
        })
        .collect();
    let status = match spec.height {
        Some(height) => TxStatus::Confirmed {
            height,
            block_hash: "00".repeat(32),
            time_secs: u64::from(height) * 600,
        },
        None => TxStatus::Unconfirmed,
    };
    tx(txid(n), inputs, outputs, 0, status)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_graphs_never_panic_and_always_give_well_formed_exports(
        specs in prop::collection::vec(random_tx(), 0..8),
        addresses in prop::collection::vec(nasty_text(), 1..6),
        entities in prop::collection::vec(nasty_text(), 1..6),
        taint in prop::collection::vec((0..8_u64, 0..5_u32, any::<u64>()), 0..10),
        url in nasty_text(),
        title in nasty_text(),
        generated in prop::option::of(any::<u64>()),
        use_trace in any::<bool>(),
    ) {
        let txs: Vec<Tx> = (0_u64..).zip(&specs).map(|(n, s)| build_tx(n, s, &addresses)).collect();
        let graph = graph_of(&txs);
        let trace = trace_with(&taint);
        let trace = use_trace.then_some(&trace);
        let mut labels = LabelBook::new();
        for (address, entity) in addresses.iter().zip(&entities) {
            labels.merge(labelled(address, entity));
        }
        let meta = ExportMeta { api_base_url: url, title, generated_at_secs: generated, ..meta() };

        let csv = transfers_csv(&graph, trace, &meta);
        let rows = parse_csv(&csv);
        prop_assert_eq!(rows.len(), 1 + txs.iter().map(|t| t.outputs.len()).sum::<usize>());
        prop_assert!(rows.iter().all(|r| r.len() == 12));

        for xml in [
            graphml(&graph, trace, &labels, Some(&Spots), &meta),
            gexf(&graph, trace, &labels, Some(&Spots), &meta),
        ] {
            let doc = roxmltree::Document::parse(&xml);
            prop_assert!(doc.is_ok(), "{:?}\n{}", doc.err(), xml);
            let doc = doc.unwrap();
            prop_assert_eq!(children(doc.root(), "node").len(), graph.node_count());
            prop_assert_eq!(children(doc.root(), "edge").len(), graph.edge_count());
        }
    }

    #[test]
    fn random_draw_lists_always_give_well_formed_svg(
        points in prop::collection::vec((any::<f64>(), any::<f64>(), any::<f64>(), 0..4_u8, any::<u8>()), 0..12),
        texts in prop::collection::vec(nasty_text(), 0..4),
        viewport in (any::<f64>(), any::<f64>()),
        title in nasty_text(),
    ) {
        let roles = [NodeRole::Address, NodeRole::AddressLoaded, NodeRole::Tx, NodeRole::TxWarning];
        let nodes: Vec<NodeDraw> = (0_u32..).zip(&points).map(|(i, &(x, y, r, role, flags))| NodeDraw {
            id: NodeId(i),
            center_px: Vec2::new(x, y),
            radius_px: r,
            role: roles[usize::from(role)],
            focus: flags & 1 != 0,
            selected: flags & 2 != 0,
            hovered: flags & 4 != 0,
            entity: (flags & 8 != 0).then_some(Category::Mixer),
            coinjoin: flags & 16 != 0,
            dot: flags & 32 != 0,
        }).collect();
        let edges: Vec<EdgeDraw> = points.iter().map(|&(x, y, w, level, flags)| EdgeDraw {
            from_px: Vec2::new(x, y),
            to_px: Vec2::new(y, x),
            width_px: w,
            kind: spoor::flow::EdgeKind::Input,
            highlighted: false,
            taint_share: None,
            change: flags & 1 != 0,
            colour: EdgeColour::Taint(level.saturating_mul(flags)),
        }).collect();
        let labels = texts.iter().map(|t| LabelDraw { pos_px: Vec2::new(1.0, 2.0), text: t.clone(), strong: false });
        let list = DrawList {
            axis: texts.iter().map(|t| AxisDraw { x_px: f64::NAN, label: t.clone() }).collect(),
            folds: texts.iter().map(|t| FoldDraw {
                hub: NodeId(0),
                outward: false,
                hub_px: Vec2::ZERO,
                center_px: Vec2::new(f64::INFINITY, 1.0),
                label: t.clone(),
            }).collect(),
            peels: texts
                .iter()
                .map(|t| PeelDraw { from_px: Vec2::ZERO, to_px: Vec2::ZERO, label: t.clone() })
                .collect(),
            labels: labels.collect(),
            nodes,
            edges,
            ..DrawList::default()
        };
        let meta = ExportMeta { title, ..meta() };
        let picture = svg(&list, Vec2::new(viewport.0, viewport.1), &meta);
        let doc = roxmltree::Document::parse(&picture);
        prop_assert!(doc.is_ok(), "{:?}\n{}", doc.err(), picture);
        let doc = doc.unwrap();
        let drawn = doc.descendants().filter(|n| n.attribute("class") == Some("node")).count();
        prop_assert_eq!(drawn, list.nodes.len());
    }
}

#[test]
fn csv_names_the_amount_column_after_the_chain() {
    let csv = transfers_csv(&FlowGraph::of_chain(Chain::Bch), None, &meta());
    assert!(
        csv.starts_with("txid,time_utc,block_height,from,to,amount_sats,amount_bch,taint_sats,"),
        "{csv}"
    );
}
