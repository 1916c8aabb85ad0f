//! Browser glue in headless Chromium (wasm-bindgen-test): fetching through gloo-net from the
//! explorer stand-in, and drawing on a real canvas. `scripts/test.sh` starts the stand-in on a
//! simulated chain and passes its URL and two of its facts at compile time.
#![cfg(target_arch = "wasm32")]

use spoor::camera::Camera;
use spoor::chain::Txid;
use spoor::explorer::{EsploraClient, ExplorerError, RetryPolicy};
use spoor::flow::{EdgeKind, FlowGraph, NodeId, NodeKey};
use std::collections::BTreeSet;

use spoor::labels::LabelBook;
use spoor::layout::{ForceLayout, LayoutParams, Vec2};
use spoor::marks::GraphMarks;
use spoor::palette::Palette;
use spoor::scene::{self, Detail, DrawList, EdgeColour, EdgeDraw, FrameInput, NodeDraw, NodeRole, SceneInput};
use spoor::web::canvas2d;
use spoor::web::net::GlooTransport;
use wasm_bindgen::JsCast as _;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const API: &str = match option_env!("SPOOR_TEST_API") {
    Some(url) => url,
    None => "http://127.0.0.1:18765/api",
};
const THIEF: Option<&str> = option_env!("SPOOR_TEST_ADDRESS");
const THEFT_TXID: Option<&str> = option_env!("SPOOR_TEST_TXID");

fn client() -> EsploraClient<GlooTransport> {
    EsploraClient::new(
        API,
        GlooTransport,
        RetryPolicy {
            min_interval_ms: 0,
            ..RetryPolicy::default()
        },
    )
}

fn theft_txid() -> Txid {
    Txid::parse(THEFT_TXID.expect("scripts/test.sh sets SPOOR_TEST_TXID")).unwrap()
}

#[wasm_bindgen_test]
async fn gloo_fetches_and_decodes_the_theft_tx_from_the_stand_in() {
    let tx = client().tx(&theft_txid()).await.unwrap();
    assert_eq!(tx.txid, theft_txid());
    assert!(tx.inputs.len() >= 60, "theft tx has {} inputs", tx.inputs.len());
    let thief = THIEF.unwrap();
    assert!(tx.outputs.iter().any(|o| o.address.as_deref() == Some(thief)));
}

#[wasm_bindgen_test]
async fn gloo_pages_through_the_thief_address_history() {
    let mut pages = 0;
    let history = client()
        .address_history(THIEF.unwrap(), 1_000, |p| pages = p.pages)
        .await
        .unwrap();
    assert!(history.complete);
    assert!(pages >= 1);
    assert!(history.txs.iter().any(|tx| tx.txid == theft_txid()));
}

#[wasm_bindgen_test]
async fn unknown_tx_is_not_found_not_a_panic() {
    let missing = Txid::parse(&"ab".repeat(32)).unwrap();
    let err = client().tx(&missing).await.unwrap_err();
    assert!(matches!(err, ExplorerError::NotFound { .. }), "{err:?}");
}

#[wasm_bindgen_test]
async fn nothing_listening_is_reported_as_unreachable() {
    let policy = RetryPolicy {
        max_retries: 0,
        first_backoff_ms: 1,
        min_interval_ms: 0,
    };
    let client = EsploraClient::new("http://127.0.0.1:9/api", GlooTransport, policy);
    let err = client.tip_height().await.unwrap_err();
    assert!(matches!(err, ExplorerError::Unreachable { .. }), "{err:?}");
}

#[wasm_bindgen_test]
async fn canvas2d_draws_the_fetched_tx_as_coloured_pixels() {
    let tx = client().tx(&theft_txid()).await.unwrap();
    let mut graph = FlowGraph::new();
    graph.add_tx(&tx);
    let mut layout = ForceLayout::new(LayoutParams::default(), 1);
    layout.sync(&graph);
    for _ in 0..300 {
        layout.tick(&graph);
    }
    let (width, height) = (400.0, 300.0);
    let mut camera = Camera::new(Vec2 { x: width, y: height });
    let (min, max) = layout.bounds().unwrap();
    camera.fit(min, max, 20.0);
    let focus = graph.id_of(&NodeKey::Tx(tx.txid.clone()));
    let list = scene::build(SceneInput {
        frame: FrameInput {
            focus,
            ..FrameInput::new(&graph, &layout, &camera)
        },
        labels: &LabelBook::new(),
        taint: None,
        marks: &GraphMarks::default(),
        expanded_peels: &BTreeSet::new(),
        folds: &spoor::hubs::Folds::default(),
    });
    assert_eq!(
        list.nodes.len(),
        graph.node_count(),
        "every node is inside the fitted view"
    );

    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas.set_width(400);
    canvas.set_height(300);
    document.body().unwrap().append_child(&canvas).unwrap();
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    canvas2d::draw(&ctx, width, height, 1.0, &list, &Palette::LIGHT);

    let focus_node = list.nodes.iter().find(|n| n.focus).unwrap();
    let pixel = ctx
        .get_image_data(focus_node.center_px.x.round(), focus_node.center_px.y.round(), 1.0, 1.0)
        .unwrap()
        .data();
    assert_eq!(
        &pixel[..3],
        &[0xd5, 0x5e, 0x00],
        "the focus tx is drawn in the accent colour"
    );
    let corner = ctx.get_image_data(0.0, 0.0, 1.0, 1.0).unwrap().data();
    assert_eq!(&corner[..3], &[0xf7, 0xf7, 0xf4], "the background is cleared");

    // The dark scheme: the same picture on the page's dark background.
    canvas2d::draw(&ctx, width, height, 1.0, &list, &Palette::DARK);
    let corner = ctx.get_image_data(0.0, 0.0, 1.0, 1.0).unwrap().data();
    assert_eq!(&corner[..3], &[0x16, 0x16, 0x16], "the dark background");
}

fn pixel(ctx: &web_sys::CanvasRenderingContext2d, x: f64, y: f64) -> Vec<u8> {
    ctx.get_image_data(x, y, 1.0, 1.0).unwrap().data().to_vec()
}

#[wasm_bindgen_test]
fn canvas2d_draws_far_detail_as_pixel_squares_and_hairlines() {
    let dot = |x: f64, role: NodeRole| NodeDraw {
        id: NodeId(0),
        center_px: Vec2 { x, y: 40.0 },
        radius_px: 3.0,
        role,
        focus: false,
        selected: false,
        hovered: false,
        entity: None,
        coinjoin: false,
        dot: true,
    };
    let edge = EdgeDraw {
        from_px: Vec2 { x: 10.0, y: 70.5 },
        to_px: Vec2 { x: 110.0, y: 70.5 },
        width_px: 1.0,
        kind: EdgeKind::Output,
        highlighted: false,
        taint_share: None,
        change: false,
        colour: EdgeColour::Output,
    };
    let list = DrawList {
        detail: Detail::Far,
        edges: vec![edge],
        nodes: vec![dot(30.0, NodeRole::AddressLoaded), dot(80.0, NodeRole::Tx)],
        ..DrawList::default()
    };
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas.set_width(120);
    canvas.set_height(90);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    canvas2d::draw(&ctx, 120.0, 90.0, 1.0, &list, &Palette::LIGHT);
    // 3-px squares on whole pixels: solid colour at the centre, background just outside.
    assert_eq!(
        &pixel(&ctx, 30.0, 40.0)[..3],
        &[0x00, 0x72, 0xb2],
        "loaded address square"
    );
    assert_eq!(&pixel(&ctx, 80.0, 40.0)[..3], &[0xe6, 0x9f, 0x00], "transaction square");
    assert_eq!(
        &pixel(&ctx, 30.0, 44.0)[..3],
        &[0xf7, 0xf7, 0xf4],
        "no anti-aliased halo"
    );
    // The hairline covers its pixel row with the output colour over the background.
    let line = pixel(&ctx, 60.0, 70.0);
    assert!(line[0] > line[2] + 40, "an orange hairline, got {line:?}");
}
