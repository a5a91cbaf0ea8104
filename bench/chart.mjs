// A dependency-free SVG bar chart of verifications per second, for the README.
const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function barChart(rows, title) {
  const sorted = [...rows].sort((a, b) => b.median - a.median);
  const max = Math.max(...sorted.map((r) => r.p75));
  const labelWidth = 250;
  const barWidth = 460;
  const rowHeight = 26;
  const top = 40;
  const height = top + sorted.length * rowHeight + 20;
  const width = labelWidth + barWidth + 110;
  const bars = sorted
    .map((r, i) => {
      const y = top + i * rowHeight;
      const w = Math.max(1, (r.median / max) * barWidth);
      const whiskerFrom = labelWidth + (r.p25 / max) * barWidth;
      const whiskerTo = labelWidth + (r.p75 / max) * barWidth;
      const color = r.name.startsWith('otpkit') ? '#2563eb' : '#9ca3af';
      return [
        `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${escape(r.name)}</text>`,
        `<rect x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowHeight - 8}" fill="${color}"/>`,
        `<line x1="${whiskerFrom.toFixed(1)}" x2="${whiskerTo.toFixed(1)}" y1="${y + 13}" y2="${y + 13}" stroke="#111" stroke-width="1.5"/>`,
        `<text x="${(Math.max(labelWidth + w, whiskerTo) + 6).toFixed(1)}" y="${y + 17}">${Math.round(r.median).toLocaleString('en-US')}/s</text>`,
      ].join('');
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="13">
<rect width="100%" height="100%" fill="#fff"/>
<text x="12" y="22" font-size="14" font-weight="600">${escape(title)}</text>
${bars}
</svg>
`;
}
