// Layout quality measures for the validity gate, on interleaved [x0, y0, x1, …] positions.

/** True when every coordinate is a finite number. */
export function allFinite(xy) {
  for (let i = 0; i < xy.length; i++) if (!Number.isFinite(xy[i])) return false;
  return true;
}

/** Mean Euclidean length of the links src[i] → dst[i]. */
export function meanLinkLength(xy, src, dst) {
  let sum = 0;
  for (let i = 0; i < src.length; i++) {
    const a = 2 * src[i], b = 2 * dst[i];
    sum += Math.hypot(xy[b] - xy[a], xy[b + 1] - xy[a + 1]);
  }
  return src.length ? sum / src.length : 0;
}

/**
 * Mean distance from each point to its nearest other point, through a uniform grid of about one
 * point per cell (O(n) for a spread-out layout instead of O(n²)). Search grows ring by ring
 * around a point's cell and stops once the best distance found is within the searched radius.
 */
export function meanNearestNeighbour(xy) {
  const n = xy.length >> 1;
  if (n < 2) return 0;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i], y = xy[2 * i + 1];
    if (x < minX) minX = x; if (x > maxX) maxX = x;
    if (y < minY) minY = y; if (y > maxY) maxY = y;
  }
  const area = Math.max((maxX - minX) * (maxY - minY), 1e-9);
  const cell = Math.max(Math.sqrt(area / n), 1e-9);
  const cols = Math.max(1, Math.ceil((maxX - minX) / cell) + 1);
  const rows = Math.max(1, Math.ceil((maxY - minY) / cell) + 1);
  const cellOf = new Int32Array(n);
  const start = new Int32Array(cols * rows + 1);
  for (let i = 0; i < n; i++) {
    const c = Math.floor((xy[2 * i] - minX) / cell) + cols * Math.floor((xy[2 * i + 1] - minY) / cell);
    cellOf[i] = c;
    start[c + 1]++;
  }
  for (let c = 0; c < cols * rows; c++) start[c + 1] += start[c];
  const fill = start.slice(0, cols * rows);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[cellOf[i]]++] = i;

  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i], y = xy[2 * i + 1];
    const cx = cellOf[i] % cols, cy = (cellOf[i] - cx) / cols;
    let best = Infinity;
    for (let r = 0; ; r++) {
      for (let gy = cy - r; gy <= cy + r; gy++) {
        if (gy < 0 || gy >= rows) continue;
        const ring = gy === cy - r || gy === cy + r;
        for (let gx = cx - r; gx <= cx + r; gx += ring ? 1 : 2 * r) {
          if (gx >= 0 && gx < cols) {
            const c = gx + cols * gy;
            for (let k = start[c]; k < start[c + 1]; k++) {
              const j = order[k];
              if (j !== i) best = Math.min(best, Math.hypot(xy[2 * j] - x, xy[2 * j + 1] - y));
            }
          }
          if (r === 0) break;
        }
      }
      // A point in ring r + 1 or beyond is at least r cells away from any point of this cell.
      if (best <= r * cell || r > cols + rows) break;
    }
    sum += best;
  }
  return sum / n;
}
