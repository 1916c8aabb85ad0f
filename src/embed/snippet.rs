//! The `<iframe>` code a newsroom pastes into an article.

use crate::export::xml::escape as attr;

/// The iframe's width ÷ height when no script on the page resizes it (CMSs often strip scripts).
pub const FALLBACK_ASPECT: (u32, u32) = (4, 3);

/// An iframe of `embed_url` titled `title`, with the attributes news embeds use: `loading=lazy`,
/// a referrer policy, a sandbox that lets the graph run and "Open in Spoor" leave the article only
/// on a click, `allow` for fullscreen and copying, a fixed aspect ratio as the fallback, and a
/// tiny listener that sets the height from the page's `spoor-height` message.
///
/// ```
/// let html = spoor::embed::iframe_snippet("https://spoor.example/?embed=1#/btc/address/1A", "Zaif \"hack\"", "spoor-1");
/// assert!(html.contains(r#"title="Zaif &quot;hack&quot;""#));
/// assert!(html.contains(r#"loading="lazy""#) && html.contains("aspect-ratio:4/3"));
/// ```
#[must_use]
pub fn iframe_snippet(embed_url: &str, title: &str, frame_id: &str) -> String {
    let (w, h) = FALLBACK_ASPECT;
    let id = attr(frame_id);
    format!(
        concat!(
            "<iframe id=\"{id}\" src=\"{src}\" title=\"{title}\" loading=\"lazy\" ",
            "referrerpolicy=\"strict-origin-when-cross-origin\" ",
            "sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox ",
            "allow-top-navigation-by-user-activation allow-downloads\" ",
            "allow=\"fullscreen; clipboard-write\" scrolling=\"no\" ",
            "style=\"width:100%;aspect-ratio:{w}/{h};border:0\"></iframe>\n",
            "<script>window.addEventListener(\"message\",function(e){{",
            "var f=document.getElementById(\"{id}\"),d=e.data;",
            "if(!f||e.source!==f.contentWindow||!d||!d[\"spoor-height\"])return;",
            "var h=Number(d[\"spoor-height\"].height);",
            "if(h>0){{f.style.aspectRatio=\"auto\";f.style.height=h+\"px\";}}}});</script>"
        ),
        id = id,
        src = attr(embed_url),
        title = attr(title),
        w = w,
        h = h,
    )
}
