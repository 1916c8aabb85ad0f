// Drawing for the benchmark: the view that fits a layout, and the best plain-JS strategy of the
// protocol (all links in one path and one stroke, nodes as fillRect squares) in Spoor's colours.

export const LINK_COLOUR = 'rgba(120, 120, 130, 0.55)';
export const NODE_COLOUR = '#2c3e50';
/** Node size in world units (a square's side, a circle's diameter). */
const NODE_SIZE_IN_WORLD = 8;

/** `screen = world × zoom + offset` fitting every position into the canvas with a margin. */
export function fitView(xy, widthPx, heightPx, marginPx = 20) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < xy.length; i += 2) {
    minX = Math.min(minX, xy[i]); maxX = Math.max(maxX, xy[i]);
    minY = Math.min(minY, xy[i + 1]); maxY = Math.max(maxY, xy[i + 1]);
  }
  const zoom = Math.min((widthPx - 2 * marginPx) / Math.max(maxX - minX, 1e-9),
    (heightPx - 2 * marginPx) / Math.max(maxY - minY, 1e-9));
  return {
    widthPx, heightPx, zoom,
    offsetXPx: widthPx / 2 - zoom * (minX + maxX) / 2,
    offsetYPx: heightPx / 2 - zoom * (minY + maxY) / 2,
    nodeSizePx: Math.max(1, NODE_SIZE_IN_WORLD * zoom),
  };
}

/** The protocol's best JS strategy: one path for the links, one fillRect per node. */
export function drawJs(ctx, xy, src, dst, view) {
  const { zoom: k, offsetXPx: ox, offsetYPx: oy, nodeSizePx: s } = view;
  ctx.strokeStyle = LINK_COLOUR;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let i = 0; i < src.length; i++) {
    const a = 2 * src[i], b = 2 * dst[i];
    ctx.moveTo(xy[a] * k + ox, xy[a + 1] * k + oy);
    ctx.lineTo(xy[b] * k + ox, xy[b + 1] * k + oy);
  }
  ctx.stroke();
  ctx.fillStyle = NODE_COLOUR;
  const half = s / 2;
  for (let i = 0; i < xy.length; i += 2) ctx.fillRect(xy[i] * k + ox - half, xy[i + 1] * k + oy - half, s, s);
}
